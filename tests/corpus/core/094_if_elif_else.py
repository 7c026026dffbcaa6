# expect: ok
def classify(n):
    if n < 0:
        return -1
    elif n == 0:
        return 0
    elif n < 10:
        return 1
    elif n < 100:
        return 2
    else:
        return 3

for v in range(-5, 300, 37):
    print(v, classify(v))
if 0:
    print("no")
elif None:
    print("no")
else:
    print("else branch")
if 2.5:
    print("float is truthy")
