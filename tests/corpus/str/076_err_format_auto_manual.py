# expect: ValueError: cannot switch from automatic field numbering to manual field specification
print('{}{}'.format(1, 2))
x = '{}{1}'.format(1, 2)
