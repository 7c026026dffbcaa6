# expect: ok
f = 1
for i in range(2, 101):
    f *= i
print(f)
zeros = 0
while f % 10 == 0:
    zeros += 1
    f //= 10
print(zeros)
