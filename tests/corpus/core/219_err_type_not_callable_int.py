# expect: TypeError: 'int' object is not callable
x = 5
print(x)
y = x(3)
