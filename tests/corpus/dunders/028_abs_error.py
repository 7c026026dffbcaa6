# expect: TypeError: bad operand type for abs(): 'U'
class U:
    pass
print(1)
x = abs(U())
