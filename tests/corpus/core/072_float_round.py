# expect: ok
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5), round(-2.5))
print(round(2.675, 2), round(1234, -2), round(1250, -2), round(1350, -2))
print(round(2.5, 0), round(3.7, 0), round(-0.4, 0), round(1.5))
print(round(3.14159, 3), round(1e20, -19), round(123.456, -1), round(0.125, 2))
print(round(5), round(-7, 0), round(15, -1), round(25, -1), round(-25, -1))
print(round(1.23456789e-5, 7), round(7.0), round(1e300), round(2 ** 70 + 0.0))
print(round(0.1 + 0.2, 10), round(1.0000001, 5))
