# expect: ok
a, b = 0, 1
n = 0
while n < 300:
    a, b = b, a + b
    n += 1
    if n % 50 == 0:
        print(n, a)
