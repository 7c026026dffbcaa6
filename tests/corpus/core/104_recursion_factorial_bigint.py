# expect: ok
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)

print(fact(0), fact(1), fact(5), fact(20), fact(21))
print(fact(50))
print(fact(300) % (10 ** 9 + 7))
