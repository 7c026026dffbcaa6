# expect: ok
for n in range(-2, 3):
    sign = -1 if n < 0 else 0 if n == 0 else 1
    print(n, sign, n if n > 0 else -n, 1 / n if n != 0 else None)
    if n < 0:
        print("neg") if n < -1 else print("minus one")
x = 10
print(x * 2 if x > 5 else x / 2, (x if x < 5 else 5) + 1)
