# expect: ValueError: cannot switch from manual field specification to automatic field numbering
print('{0}{1}'.format(1, 2))
x = '{0}{}'.format(1, 2)
