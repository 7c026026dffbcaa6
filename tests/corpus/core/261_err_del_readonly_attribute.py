# expect: AttributeError: attribute 'real' of 'int' objects is not writable
n = 7
print("before")
del n.real
