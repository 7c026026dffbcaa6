# expect: TypeError: cannot convert dictionary update sequence element #0 to a sequence
print(dict([('a', 1)]))
print(dict([1, 2]))
