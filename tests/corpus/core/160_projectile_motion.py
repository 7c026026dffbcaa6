# expect: ok
g = 9.81
v0 = 20.0
t = 0.0
dt = 0.25
y = 0.0
while y >= 0:
    y = v0 * t - 0.5 * g * t ** 2
    if y >= 0:
        print(t, round(y, 3))
    t += dt
print("landed after", t)
