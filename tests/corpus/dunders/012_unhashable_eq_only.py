# expect: TypeError: unhashable type: 'E'
class E:
    def __eq__(self, o):
        return True
print(E.__hash__ is None)
s = {E()}
