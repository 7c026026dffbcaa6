# expect: ok
import math
for n in range(8):
    print([math.comb(n, k) for k in range(n + 2)])
print([math.perm(6, k) for k in range(8)], math.perm(6), math.perm(6, None))
print(math.comb(50, 25), math.comb(100, 3), math.comb(67, 33), math.comb(68, 34))
print(math.comb(1000, 500) % 1000000007, math.comb(3000, 2) , math.comb(10 ** 20, 3))
print(math.comb(10 ** 20, 10 ** 20 - 2), math.comb(3, 10 ** 20), math.comb(10 ** 20, 0))
print(math.comb(2 ** 64, 2 ** 64), math.comb(2 ** 64 + 5, 3), math.comb(True, True), math.comb(5, False))
print(math.perm(20, 10), math.perm(100, 5), math.perm(10 ** 20, 2), math.perm(3, 10 ** 20))
print(math.perm(2 ** 64, 1), math.perm(2 ** 64, 0), math.perm(500, 3), math.perm(30, 30) == math.factorial(30))
print(math.perm(4294967296, 2), math.comb(4294967296, 2), math.comb(3329023, 3), math.comb(102571, 4))
total = 0
for k in range(41):
    total += math.comb(40, k)
print(total == 2 ** 40)
