# expect: ok
print(0 or 5, 3 and 4, None or 0, 0 and 1 / 0, 1 or 1 / 0)
print(0.0 or -0.0, -0.0 and 1, False or None, 7 and None)
print(not None, not 0.0, not -1, not float('nan'))
x = 0
y = x or 10
z = y and y * 2
print(y, z)
print(1 and 2 and 3, 1 and 0 and 3, 0 or 0.0 or None, 0 or 0.0 or 4)
