# expect: IndentationError
if True:
print(1)
