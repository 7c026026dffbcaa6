# expect: ok
# math.gcd / math.lcm on huge ints (Lehmer steps, full-division steps when
# the sizes differ, the uint64 finish) and Fraction arithmetic built on them
import math
from fractions import Fraction

a, b = 0, 1
for _ in range(3000):
    a, b = b, a + b
print(math.gcd(a, b), math.gcd(a * 3**200, b * 3**200) == 3**200)
print(math.gcd(2**4000 * 15, 2**3999 * 35) == 2**3999 * 5)
print(math.gcd(10**500 + 1, 10**20), math.gcd(-(2**64), 2**63), math.gcd(2**64 - 1, 2**32 - 1))
print(math.gcd(7**700 * 11, 7**650 * 13, 7**680) == 7**650)
print(math.lcm(2**100 * 3, 2**70 * 9) == 2**100 * 9, math.gcd(3**900, 0) == 3**900)
print(hex(math.gcd(2**1000 - 1, 2**600 - 1)), math.gcd(0, 0), math.gcd(-5**80, 0) == 5**80)
h = sum(Fraction(1, k) for k in range(1, 150))
print(h.denominator % 1000003, h.numerator % 999983, h.limit_denominator(1000))
