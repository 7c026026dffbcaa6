# expect: ok
def code(n):
    return (n % 3 == 0) * 1 + (n % 5 == 0) * 2

total = 0
for n in range(1, 101):
    c = code(n)
    total += c * n
    if n > 90:
        print(n, c)
print(total)
