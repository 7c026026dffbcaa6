# expect: ok
print(int(-3.9), int(3.9), int(-0.5), int(0.5))
print(int(1e20))
print(int(1e300))
print(int(-0.0), int(2.0 ** 70))
print(int(True), int(False), int(5))
print(int(123456789012345678.0))
