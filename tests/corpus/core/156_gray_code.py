# expect: ok
for i in range(16):
    g = i ^ (i >> 1)
    print(i, g, bin(g))
