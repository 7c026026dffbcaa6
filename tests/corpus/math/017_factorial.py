# expect: ok
import math
for n in range(26):
    print(n, math.factorial(n))
print(math.factorial(True), math.factorial(False))
f100 = math.factorial(100)
print(f100)
f1000 = math.factorial(1000)
s = str(f1000)
print(len(s), s[:40], s.count("0"))
print(f1000 % (10 ** 9 + 7), f1000 // math.factorial(998) == 1000 * 999)
p = 1
for i in range(2, 301):
    p *= i
print(p == math.factorial(300))
