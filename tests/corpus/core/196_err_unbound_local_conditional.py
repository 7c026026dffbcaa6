# expect: UnboundLocalError: cannot access local variable 'result' where it is not associated with a value
def pick(flag):
    if flag:
        result = 1
    return result

print(pick(True))
print(pick(False))
