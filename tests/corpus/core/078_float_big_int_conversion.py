# expect: ok
print(float(2 ** 1023), float(2 ** 1024 - 2 ** 971), float(2 ** 1024 - 2 ** 970 - 1))
print(float(10 ** 308), float(-10 ** 308))
print(float(2 ** 53 + 1), float(2 ** 53 + 3), float(2 ** 54 + 2))
print(int(float(2 ** 80)) == 2 ** 80, int(1e22), int(-1e22))
