# expect: ok
print(7 // 2, 7 % 2)
print(-7 // 2, -7 % 2)
print(7 // -2, 7 % -2)
print(-7 // -2, -7 % -2)
print(-7 % 3, 7 % -3, -7 // 3, 7 // -3)
print(0 // 5, 0 % -5, -1 // 10, -1 % 10)
for a in range(-6, 7, 4):
    for b in range(-3, 4, 2):
        print(a, b, a // b, a % b, (a // b) * b + a % b == a)
