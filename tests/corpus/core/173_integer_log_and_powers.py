# expect: ok
def ilog(n, b):
    k = 0
    while n >= b:
        n //= b
        k += 1
    return k

print(ilog(10 ** 50, 10), ilog(10 ** 50 - 1, 10), ilog(2 ** 100, 2), ilog(1, 3), ilog(3 ** 40 + 1, 3))
