# expect: ok
import math
print(math.log(10 ** 1000))
print(math.log(10 ** 1000, 10))
print(math.log10(10 ** 1000), math.log10(10 ** 308), math.log10(10 ** 309))
print(math.log2(2 ** 1023), math.log2(2 ** 1024), math.log2(2 ** 5000), math.log2(2 ** 5000 + 1))
print(math.log(2 ** 1024), math.log(2 ** 1024 - 1), math.log(2 ** 1024 + 1))
print(math.log(3 ** 2000), math.log(7 ** 1000, 7), math.log(10 ** 400, 10 ** 401))
print(math.log(1, 10 ** 400), math.log(10 ** 400, 2.0))
k = 1
while k < 2000:
    n = 10 ** k
    print(k, math.log10(n), math.log(n), math.log2(n))
    k = k * 3 + 1
print(math.log(True), math.log(12345678901234567890), math.log2(2 ** 64))
print(math.log((2 ** 53 + 1) * 2 ** 1100), math.log(2 ** 1100 * (2 ** 54 - 1)))
