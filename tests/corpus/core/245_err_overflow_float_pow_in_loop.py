# expect: OverflowError: (34, 'Numerical result out of range')
x = 2.0
for i in range(20):
    x = x ** 2
    print(i, x)
