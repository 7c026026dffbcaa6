# expect: ok
from decimal import Decimal as D
a, b = D('1.30'), D('1.2')
print(a + b, a - b, a * b, a / b, b / a)
print(D(7) // 2, D(-7) // 2, D(-7) % 2, D(7) % -2, divmod(D(-7), 2), D('7.5') % D('0.2'))
print(D(1) / 4, D(10) / 4, D('1.20') / 2, D(100) / D('1E1'), D(0) / 5, D('0.00') / D('1.0'), D(1) / 3)
print(D('1.00') // D('0.3'), D('1.00') % D('0.3'), D(1) % D('inf'), D('inf') // 3, D(5) // D('inf'))
print(-D(0), D(0) * -1, D('-0') + D('0'), abs(D('-1.50')), +D('1.2345678901234567890123456789012'))
print(D(5) - 5, 5 - D(2), 3 * D('1.1'), 1 / D(8), 2 ** D(10), D(2) ** 10, D('1.1') ** 2)
print(D('1.0') ** 2, D(2) ** -1, D(2) ** -3, D(3) ** -1, D(0) ** 3, D('inf') ** -1, D(-2) ** 3)
print(D(2) ** 100, D(2) ** -100, D('0.1') ** 0)
print(D('inf') + 1, D('-inf') * 2, D('nan') + 1, D(1) + D('-inf'))
print(pow(D(3), 4, 5), pow(D(-3), 3, 7))
x = D('0.1')
t = D(0)
for i in range(10):
    t += x
print(t, t == 1, sum([D('0.1')] * 3), sum([D('0.1')] * 3) == D('0.3'))
print(D('1E+999999') * 10 if False else D('123.456').scaleb(2), D(1).scaleb(-3))
