# expect: ok
x = 0
if True:
    if x == 0:
        for a in range(2):
            for b in range(2):
                if a <= b:
                    while x < 100:
                        if x % 2 == 0:
                            if x % 3 == 0:
                                if x % 5 == 0:
                                    x += 7
                                else:
                                    x += 1
                            else:
                                x += 3
                        else:
                            x += 11
                        break
print(x)
