# expect: ok
for i in range(3):
    print(i)
else:
    print("completed", i)
for i in range(10):
    if i == 4:
        print("found", i)
        break
else:
    print("not found")
for i in range(0):
    pass
else:
    print("empty loop else")
