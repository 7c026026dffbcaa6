# expect: TypeError: unsupported operand type(s) for +: 'int' and 'NoneType'
def f():
    pass

x = 1
print(x)
y = x + f()
