# expect: ok
def scale(x, factor=10 ** 18, offset=-0.5):
    return x * factor + offset

print(scale(1), scale(2, 3), scale(2, offset=0), scale(x=1, factor=1, offset=1))
