# expect: ok
x = 1
print(x is ..., x is not ..., ... is ..., (1, ...) is x)
