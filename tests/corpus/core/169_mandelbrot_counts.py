# expect: ok
def escape(cr, ci, limit):
    zr = 0.0
    zi = 0.0
    for i in range(limit):
        zr, zi = zr * zr - zi * zi + cr, 2 * zr * zi + ci
        if zr * zr + zi * zi > 4.0:
            return i
    return limit

y = -1.0
while y <= 1.0:
    x = -2.0
    while x <= 0.5:
        print(escape(x, y, 30), end=' ')
        x += 0.25
    print()
    y += 0.25
