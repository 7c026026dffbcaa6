# expect: RecursionError: maximum recursion depth exceeded
def f(n):
    return f(n + 1)

print("start")
x = f(0)
