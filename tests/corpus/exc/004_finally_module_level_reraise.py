# expect: ValueError: 2
x = 0
for i in range(3):
    try:
        try:
            x += 1
            if i == 2:
                raise ValueError(i)
        finally:
            print("mod fin", i)
            if i == 1:
                continue
    except ValueError:
        print("caught at module")
        raise
    finally:
        print("outer", i)
