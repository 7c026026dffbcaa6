# expect: ok
print(abs(-5), abs(5), abs(0), abs(-2 ** 100))
print(min(3, 1, 2), max(3, 1, 2), min(-1, -2), max(-1, -2))
print(min(5, 5.0), max(5, 5.0), min(5.0, 5), max(1, True))
print(max(2 ** 100, 2 ** 99, -2 ** 101), min(2 ** 100, 2 ** 99, -2 ** 101))
print(min(range(5, 10)), max(range(10, 0, -3)), min(range(-3, 3)))
print(max(1, 2.5), min(1, 2.5), max(-0.5, -1))
