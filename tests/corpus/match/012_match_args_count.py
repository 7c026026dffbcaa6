# expect: TypeError: int() accepts 1 positional sub-pattern (2 given)
print("before")
match 1:
    case int(1, 2):
        pass
