# expect: ok
print(hex(255), bin(5), oct(8))
print(hex(-255), bin(-5), oct(-8))
print(hex(0), bin(0), oct(0))
print(hex(2 ** 100))
print(bin(2 ** 70 + 1))
print(oct(2 ** 70))
print(hex(-2 ** 64), bin(-1), oct(-2 ** 65))
print(hex(True), bin(False))
