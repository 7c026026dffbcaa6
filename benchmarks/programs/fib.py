# Recursive Fibonacci: function-call overhead (fib(27) = 196418, ~630k calls).
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(fib(27))
