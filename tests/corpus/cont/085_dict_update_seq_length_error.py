# expect: ValueError: dictionary update sequence element #0 has length 3; 2 is required
d = {}
d.update([(1, 2)])
print(d)
_ = d.update([(1, 2, 3)])
