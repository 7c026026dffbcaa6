# expect: RuntimeError: dictionary keys changed during iteration
d = {1: 1, 2: 2}
for k in d:
    print(k)
    del d[k]
    d[k + 10] = 0
