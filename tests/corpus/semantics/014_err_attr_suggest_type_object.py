# expect: AttributeError: type object 'int' has no attribute 'from_byte'. Did you mean: 'from_bytes'?
print(int("7"))
f = int.from_byte
