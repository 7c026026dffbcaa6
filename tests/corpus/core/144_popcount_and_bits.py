# expect: ok
def popcount(n):
    c = 0
    while n:
        c += n & 1
        n >>= 1
    return c

def bit_length(n):
    n = abs(n)
    b = 0
    while n:
        b += 1
        n >>= 1
    return b

for v in range(0, 40, 7):
    print(v, popcount(v), bit_length(v), bin(v))
print(popcount(2 ** 200 - 1), bit_length(2 ** 200), bit_length(-255))
