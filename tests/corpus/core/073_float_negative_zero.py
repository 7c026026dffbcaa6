# expect: ok
z = -0.0
print(z, 0.0 * -1, -0.0 + 0.0, -0.0 - 0.0, z == 0.0, z == 0)
print(abs(z), round(-0.4), round(-0.4, 1), repr(z), int(z))
print(min(0.0, -0.0), max(-0.0, 0.0), -z, z * z, z * -1)
print(-0.0 // 1, -0.0 % 1, 0.0 % -1, -1e-300 % 1.0)
print(-(0.0), -(0), 0 * -1.0)
