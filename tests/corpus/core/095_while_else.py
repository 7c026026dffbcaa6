# expect: ok
n = 0
while n < 5:
    n += 1
else:
    print("loop finished", n)
n = 0
while n < 100:
    n += 7
    if n > 30:
        print("breaking at", n)
        break
else:
    print("not printed")
while False:
    print("never")
else:
    print("else of empty while")
