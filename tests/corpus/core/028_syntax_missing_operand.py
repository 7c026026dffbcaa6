# expect: SyntaxError
x = 1 +
print(x)
