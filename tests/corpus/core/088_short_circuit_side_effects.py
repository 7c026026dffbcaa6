# expect: ok
count = 0

def tick(v):
    global count
    count += 1
    print("tick", v)
    return v

r = tick(0) and tick(1)
print(r, count)
r = tick(2) or tick(3)
print(r, count)
r = tick(0) or tick(None) or tick(5)
print(r, count)
r = tick(1) if tick(False) else tick(2)
print(r, count)
