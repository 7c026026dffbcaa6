# expect: ok
import math
print(math.gcd(), math.gcd(0), math.gcd(-12), math.gcd(12, 18), math.gcd(-12, 18), math.gcd(12, -18))
print(math.gcd(0, 0), math.gcd(0, -5), math.gcd(7, 13), math.gcd(12, 18, 27), math.gcd(1, 10 ** 50))
print(math.gcd(2 ** 200 * 3, 2 ** 150 * 9), math.gcd(-2 ** 63, 0), math.gcd(-2 ** 63, -2 ** 63))
print(math.gcd(3 ** 100 * 5 ** 50, 3 ** 80 * 7 ** 40, 3 ** 90), math.gcd(True, 4), math.gcd(False, 4))
print(math.gcd(2 ** 64, 2 ** 32 * 3), math.gcd(10 ** 40 + 1, 10 ** 40 + 3))
print(math.lcm(), math.lcm(0), math.lcm(-4), math.lcm(4, 6), math.lcm(-4, 6), math.lcm(4, 6, 10))
print(math.lcm(0, 5), math.lcm(5, 0, 7), math.lcm(2 ** 70, 3 ** 40), math.lcm(*range(1, 40)))
print(math.lcm(-2 ** 63, 3), math.lcm(True, True), math.lcm(10 ** 30, 10 ** 20 * 7))
print(type(math.gcd(4, 6)), type(math.lcm(True)))
