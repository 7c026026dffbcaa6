# expect: TypeError: unhashable type: 'U'
class U:
    __hash__ = None
print("ok")
d = {U(): 1}
