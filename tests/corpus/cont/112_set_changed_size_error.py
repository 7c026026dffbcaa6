# expect: RuntimeError: Set changed size during iteration
s = {1, 2, 3}
for x in s:
    print(x)
    s.add(x * 10)
