# expect: ok
import math
class_like = None
def v(x):
    match x:
        case math.pi:
            return "pi"
        case math.e:
            return "e"
        case math.inf:
            return "inf"
        case _:
            return "?"
print(v(math.pi), v(math.e), v(float("inf")), v(1))
match = [1, 2]
case = 3
print(match[0], case)
def match(x):
    return x * 2
print(match(4))
match(5)
y = match (6)
