# expect: TypeError: called match pattern must be a type
print("before")
f = len
match 1:
    case f():
        pass
