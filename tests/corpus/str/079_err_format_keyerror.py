# expect: KeyError: 'b'
print('{a}'.format(a=1))
x = '{b}'.format(a=1)
