# expect: TypeError: bad operand type for unary -: 'U'
class U:
    def __pos__(self):
        return 1
print(+U())
x = -U()
