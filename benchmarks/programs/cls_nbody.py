# Class-heavy: an n-body simulation on a Vec class with operator overloading
# (__add__/__sub__/__mul__ allocate a new Vec each; about 2.4 million Vec
# objects and 1 million method calls for 20,000 steps of 5 bodies).
import math


class Vec:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z


class Body:
    def __init__(self, pos, vel, mass):
        self.pos = pos
        self.vel = vel
        self.mass = mass


PI = 3.141592653589793
SOLAR_MASS = 4 * PI * PI
DAYS = 365.24


def system():
    return [
        Body(Vec(0.0, 0.0, 0.0), Vec(0.0, 0.0, 0.0), SOLAR_MASS),
        Body(Vec(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01),
             Vec(1.66007664274403694e-03 * DAYS, 7.69901118419740425e-03 * DAYS, -6.90460016972063023e-05 * DAYS),
             9.54791938424326609e-04 * SOLAR_MASS),
        Body(Vec(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01),
             Vec(-2.76742510726862411e-03 * DAYS, 4.99852801234917238e-03 * DAYS, 2.30417297573763929e-05 * DAYS),
             2.85885980666130812e-04 * SOLAR_MASS),
        Body(Vec(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01),
             Vec(2.96460137564761618e-03 * DAYS, 2.37847173959480950e-03 * DAYS, -2.96589568540237556e-05 * DAYS),
             4.36624404335156298e-05 * SOLAR_MASS),
        Body(Vec(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01),
             Vec(2.68067772490389322e-03 * DAYS, 1.62824170038242295e-03 * DAYS, -9.51592254519715870e-05 * DAYS),
             5.15138902046611451e-05 * SOLAR_MASS),
    ]


def energy(bodies):
    e = 0.0
    n = len(bodies)
    for i in range(n):
        a = bodies[i]
        e += 0.5 * a.mass * a.vel.dot(a.vel)
        for j in range(i + 1, n):
            b = bodies[j]
            d = a.pos - b.pos
            e -= a.mass * b.mass / math.sqrt(d.dot(d))
    return e


def advance(bodies, dt, steps):
    n = len(bodies)
    for _ in range(steps):
        for i in range(n):
            a = bodies[i]
            for j in range(i + 1, n):
                b = bodies[j]
                d = a.pos - b.pos
                d2 = d.dot(d)
                mag = dt / (d2 * math.sqrt(d2))
                a.vel = a.vel - d * (b.mass * mag)
                b.vel = b.vel + d * (a.mass * mag)
        for a in bodies:
            a.pos = a.pos + a.vel * dt


def main():
    bodies = system()
    p = Vec(0.0, 0.0, 0.0)
    for b in bodies:
        p = p + b.vel * b.mass
    bodies[0].vel = p * (-1.0 / SOLAR_MASS)
    print("%.9f" % energy(bodies))
    advance(bodies, 0.01, 20000)
    print("%.9f" % energy(bodies))


main()
