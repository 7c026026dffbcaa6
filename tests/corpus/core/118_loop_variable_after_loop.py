# expect: ok
for i in range(3):
    pass
print(i)
for i in range(10, 0, -4):
    j = i * 2
print(i, j)
k = 0
while k < 7:
    k += 3
print(k)
