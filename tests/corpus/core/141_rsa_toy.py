# expect: ok
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a

p = 1000000007
q = 998244353
n = p * q
phi = (p - 1) * (q - 1)
e = 65537
print(gcd(e, phi))
d = pow(e, -1, phi)
print(d, e * d % phi)
m = 123456789
c = pow(m, e, n)
print(c, pow(c, d, n) == m)
