# expect: NameError: name 'y' is not defined
def f(x):
    return x + y

print("calling")
print(f(1))
