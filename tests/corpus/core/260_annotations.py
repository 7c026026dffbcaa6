# expect: ok
# Annotations: `x: T` makes x local in a function (and is not evaluated
# there); at module level the value is assigned first, then the annotation
# is evaluated.
def ann(tag):
    print("annotation", tag)
    return int


def value(tag):
    print("value", tag)
    return tag


x: ann(1) = value(10)
print(x)
y: ann(2)
d = [0, 1]
d[value(1)]: ann(3)
print(d)


def local_by_annotation():
    try:
        print(z)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    z: undefined_in_function_never_evaluated
    z = 5
    return z


z = 99
print(local_by_annotation(), z)
