# expect: OverflowError: cannot fit 'int' into an index-sized integer
a = [1]
print(a * 0)
print(a * 2**100)
