# expect: RecursionError: maximum recursion depth exceeded
def fact(n):
    return n * fact(n - 1)

print("factorial")
print(fact(5))
