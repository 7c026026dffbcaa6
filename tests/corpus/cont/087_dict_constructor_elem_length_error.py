# expect: ValueError: dictionary update sequence element #0 has length 3; 2 is required
print(dict(['ab']))
x = dict(['abc'])
