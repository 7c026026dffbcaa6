# expect: ok
x = 1
print(x is ..., x is not ..., ... is ...)
