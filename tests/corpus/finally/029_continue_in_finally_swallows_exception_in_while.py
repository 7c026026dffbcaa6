# expect: ok
i = 0
while i < 3:
    i += 1
    try:
        raise KeyError(i)
    finally:
        print('f', i)
        continue
print('i =', i)
