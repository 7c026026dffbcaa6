# expect: IndentationError: unindent does not match any outer indentation level
x = 1
if x:
    y = 2
  z = 3
print(y)
