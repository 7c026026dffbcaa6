# expect: TypeError: 'float' object is not callable
rate = 0.5
print(rate)
print(2 * rate(3))
