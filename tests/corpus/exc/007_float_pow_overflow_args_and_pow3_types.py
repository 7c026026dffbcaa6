# expect: ok
for src in ["10.0 ** 400", "2 ** 1024.5", "pow(10.0, 400)", "(-10.0) ** 401"]:
    try:
        eval_ = None
        if src == "10.0 ** 400": x = 10.0 ** 400
        elif src == "2 ** 1024.5": x = 2 ** 1024.5
        elif src == "pow(10.0, 400)": x = pow(10.0, 400)
        else: x = (-10.0) ** 401
    except OverflowError as e:
        print(src, repr(e), e.args, str(e))
for args in [([1], 2.5, 97), (range(3), 2, 2.5), ([1], 2, 97), (2, 3, 5.0), (2.0, 3, 5), ('a', 'b', 'c'), (2, [3], 5)]:
    try:
        print(pow(*args))
    except TypeError as e:
        print(type(e).__name__, e)
