# expect: RuntimeError: dictionary changed size during iteration
d = {1: 1, 2: 2}
for k in d:
    print(k)
    d[k + 10] = 0
