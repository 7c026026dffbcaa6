# expect: ok
x = 1

def shadow():
    x = 2
    return x

def reader():
    return x * 10

print(shadow(), x, reader())
x = 5
print(reader())
