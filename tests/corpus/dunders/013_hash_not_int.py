# expect: TypeError: __hash__ method should return an integer
class E:
    def __hash__(self):
        return "x"
print(1)
h = hash(E())
