# expect: UnboundLocalError: cannot access local variable 'count' where it is not associated with a value
count = 0

def increment():
    count += 1

print(count)
r = increment()
