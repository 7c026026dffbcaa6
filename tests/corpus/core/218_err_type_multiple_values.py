# expect: TypeError: f() got multiple values for argument 'a'
def f(a, b):
    return a - b

print(f(b=1, a=2))
print(f(1, a=3))
