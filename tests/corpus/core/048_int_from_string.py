# expect: ok
print(int("123"))
print(int(" -42 "))
print(int("1_000"))
print(int("+7"), int("-0"), int("0"), int("007"))
print(int("123456789012345678901234567890") + 1)
print(int("  99  ") * 2)
