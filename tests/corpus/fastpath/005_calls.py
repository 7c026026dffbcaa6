# expect: RecursionError: maximum recursion depth exceeded
# Calls of plain Python functions with exact positional arguments: the
# VM's inline frame push (arguments in place, new stack chunks on deep
# recursion), returns, errors in the callee, and the binding errors of
# the other path.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def depth(n, a, b, c, d, e, f, g):
    if n == 0:
        return a + b + c + d + e + f + g
    x = [n] * 3
    return depth(n - 1, a, b, c, d, e, f, g) + len(x)


def adder(k):
    def add(v):
        return v + k
    return add


def boom(v):
    return 1 // v


print(fib(18), depth(900, 1, 2, 3, 4, 5, 6, 7))
add5 = adder(5)
print(sum(add5(i) for i in range(100)), [add5(i) for i in range(3)])
for i in range(3):
    try:
        print(boom(i - 1))
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
for args in ((), (1, 2)):
    try:
        fib(*args)
    except TypeError as e:
        print("TypeError", e)
try:
    depth(1, 2)
except TypeError as e:
    print("TypeError", e)
print(fib(n=10), depth(2, *range(7)))


def down(n):
    return down(n + 1)


print(down(0))
