# expect: ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit
x = 10 ** 4299
print(x % 9, x > 0)
y = x * 10
print(y // 10 == x)
print(y)
