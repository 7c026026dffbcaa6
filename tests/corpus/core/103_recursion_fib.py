# expect: ok
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

for i in range(20):
    print(fib(i), end=' ')
print()
print(fib(22))
