# expect: ok
def digit_sum(n):
    n = abs(n)
    s = 0
    while n > 0:
        s += n % 10
        n //= 10
    return s

print(digit_sum(0), digit_sum(12345), digit_sum(-987), digit_sum(2 ** 1000))
x = 1
for i in range(1, 101):
    x *= i
print(digit_sum(x))
