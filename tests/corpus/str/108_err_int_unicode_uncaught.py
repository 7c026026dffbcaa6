# expect: ValueError: invalid literal for int() with base 10: '\u0890x'
print(int("\u0663\u0664"))
n = int("\u0890x")
