# expect: ok
total = (1 +
         2 +
         3)
print(total)
print(1,
      2,
      3)
def f(a,
      b=2,
      c=3):
    return a + b + c
print(f(1,
        c=10))
value = max(
    4,
    9,
    2,
)
print(value)
