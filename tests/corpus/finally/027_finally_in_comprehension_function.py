# expect: ok
def safe_div(a, b):
    try:
        return a // b
    except ZeroDivisionError:
        return None
    finally:
        pass
print([safe_div(10, b) for b in range(-2, 3)])
print({b: safe_div(b, b - 1) for b in range(3)})
