# expect: ok
a, b = 0, 1
for i in range(90):
    a, b = b, a + b
print(a)
