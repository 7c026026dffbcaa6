# expect: ok
def next_n(n):
    s = 0
    while n:
        d = n % 10
        s += d * d
        n //= 10
    return s

def is_happy(n):
    slow = n
    fast = next_n(n)
    while fast != 1 and slow != fast:
        slow = next_n(slow)
        fast = next_n(next_n(fast))
    return fast == 1

count = 0
for n in range(1, 101):
    if is_happy(n):
        count += 1
        print(n, end=' ')
print()
print(count)
