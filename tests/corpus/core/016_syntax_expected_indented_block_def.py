# expect: IndentationError
x = 3
def f(a):
return a
