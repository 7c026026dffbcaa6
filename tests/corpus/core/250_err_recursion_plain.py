# expect: RecursionError: maximum recursion depth exceeded
def f():
    return f()

print("recursing")
print(f())
