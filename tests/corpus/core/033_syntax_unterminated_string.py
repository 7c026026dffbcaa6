# expect: SyntaxError
print("abc)
