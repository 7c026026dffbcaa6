# expect: ok
count = 0
n = 2
last = 0
while count < 100:
    d = 2
    is_prime = True
    while d * d <= n:
        if n % d == 0:
            is_prime = False
            break
        d += 1
    if is_prime:
        count += 1
        last = n
        if count % 10 == 0:
            print(count, n)
    n += 1
print("100th prime:", last)
