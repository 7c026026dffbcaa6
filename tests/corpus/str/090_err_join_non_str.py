# expect: TypeError: sequence item 1: expected str instance, int found
print('-'.join(['a', 'b']))
x = '-'.join(['a', 2, 'c'])
