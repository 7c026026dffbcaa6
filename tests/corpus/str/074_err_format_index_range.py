# expect: IndexError: Replacement index 1 out of range for positional args tuple
print('{} {}'.format(1, 2))
x = '{} {}'.format(1)
