# expect: Empty
class Empty(Exception):
    pass
print("a")
raise Empty
