# expect: ok
print({x * x for x in range(-5, 6)})
print({x % 7 for x in range(100)})
print({(x, -x) for x in range(4)} == set((x, -x) for x in range(4)))
print(sorted({x for x in [5, 3, 9, 3, 1]}))
