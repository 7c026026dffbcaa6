# expect: ok
counter = 0
total = 0.0

def bump(by=1):
    global counter
    counter += by
    return counter

def add(x):
    global total, counter
    total += x
    counter = counter + 1

bump()
bump(5)
add(2.5)
add(-1)
print(counter, total)

def make_new():
    global brand_new
    brand_new = 42

make_new()
print(brand_new)
