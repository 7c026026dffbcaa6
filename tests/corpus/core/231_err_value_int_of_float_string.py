# expect: ValueError: invalid literal for int() with base 10: '1.5'
print(int(" 7 "))
print(int("1.5"))
