-- Lua 5.4 equivalent of cls_nbody.py (same output): a Vec "class" with
-- metatable operators (__add/__sub/__mul) that allocate a new table each.
local sqrt = math.sqrt

local Vec = {}
Vec.__index = Vec
local function vec(x, y, z) return setmetatable({x = x, y = y, z = z}, Vec) end
Vec.__add = function(a, o) return vec(a.x + o.x, a.y + o.y, a.z + o.z) end
Vec.__sub = function(a, o) return vec(a.x - o.x, a.y - o.y, a.z - o.z) end
Vec.__mul = function(a, k) return vec(a.x * k, a.y * k, a.z * k) end
function Vec:dot(o) return self.x * o.x + self.y * o.y + self.z * o.z end

local Body = {}
Body.__index = Body
local function body(pos, vel, mass) return setmetatable({pos = pos, vel = vel, mass = mass}, Body) end

local PI = 3.141592653589793
local SOLAR_MASS = 4 * PI * PI
local DAYS = 365.24

local function system()
  return {
    body(vec(0.0, 0.0, 0.0), vec(0.0, 0.0, 0.0), SOLAR_MASS),
    body(vec(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01),
         vec(1.66007664274403694e-03 * DAYS, 7.69901118419740425e-03 * DAYS, -6.90460016972063023e-05 * DAYS),
         9.54791938424326609e-04 * SOLAR_MASS),
    body(vec(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01),
         vec(-2.76742510726862411e-03 * DAYS, 4.99852801234917238e-03 * DAYS, 2.30417297573763929e-05 * DAYS),
         2.85885980666130812e-04 * SOLAR_MASS),
    body(vec(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01),
         vec(2.96460137564761618e-03 * DAYS, 2.37847173959480950e-03 * DAYS, -2.96589568540237556e-05 * DAYS),
         4.36624404335156298e-05 * SOLAR_MASS),
    body(vec(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01),
         vec(2.68067772490389322e-03 * DAYS, 1.62824170038242295e-03 * DAYS, -9.51592254519715870e-05 * DAYS),
         5.15138902046611451e-05 * SOLAR_MASS),
  }
end

local function energy(bodies)
  local e = 0.0
  local n = #bodies
  for i = 1, n do
    local a = bodies[i]
    e = e + 0.5 * a.mass * a.vel:dot(a.vel)
    for j = i + 1, n do
      local b = bodies[j]
      local d = a.pos - b.pos
      e = e - a.mass * b.mass / sqrt(d:dot(d))
    end
  end
  return e
end

local function advance(bodies, dt, steps)
  local n = #bodies
  for _ = 1, steps do
    for i = 1, n do
      local a = bodies[i]
      for j = i + 1, n do
        local b = bodies[j]
        local d = a.pos - b.pos
        local d2 = d:dot(d)
        local mag = dt / (d2 * sqrt(d2))
        a.vel = a.vel - d * (b.mass * mag)
        b.vel = b.vel + d * (a.mass * mag)
      end
    end
    for _, a in ipairs(bodies) do
      a.pos = a.pos + a.vel * dt
    end
  end
end

local bodies = system()
local p = vec(0.0, 0.0, 0.0)
for _, b in ipairs(bodies) do p = p + b.vel * b.mass end
bodies[1].vel = p * (-1.0 / SOLAR_MASS)
print(string.format("%.9f", energy(bodies)))
advance(bodies, 0.01, 20000)
print(string.format("%.9f", energy(bodies)))
