# expect: SyntaxError: invalid syntax
print("x")
x := 1
