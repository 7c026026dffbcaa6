# expect: ok
def f():
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            print('finally', i)
            break
    return 'done'
print(f())
n = 0
while True:
    n += 1
    try:
        if n < 3:
            continue
        1 / 0
    finally:
        if n == 3:
            break
print('n =', n)
