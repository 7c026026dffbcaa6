# expect: ok
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
class Point3(Point):
    __match_args__ = ("x", "y", "z")
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z
class Circle:
    def __init__(self, r):
        self.r = r
def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point3(x, y, z=0):
            return f"3d on plane {x},{y}"
        case Point(x=0, y=y):
            return f"on y axis at {y}"
        case Point(x, 0):
            return f"on x axis at {x}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "somewhere"
        case Circle(r=r) if r > 10:
            return "big circle"
        case Circle(r=0) | Circle(r=1):
            return "tiny circle"
        case Circle(radius=r):
            return "never: no such attribute"
        case _:
            return "not a shape"
for s in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 2), Point3(1, 2, 0),
          Point3(0, 0, 9), Circle(11), Circle(1), Circle(5), 42]:
    print(where(s))
match Point(1, 2):
    case Point(x=a, y=b) as pt:
        print(a, b, type(pt).__name__)
class Bad:
    __match_args__ = ["a"]
try:
    match Bad():
        case Bad(1):
            pass
except TypeError as e:
    print(e)
try:
    match Point(1, 2):
        case Point(1, 2, 3):
            pass
except TypeError as e:
    print(e)
try:
    match Circle(1):
        case Circle(1):
            pass
except TypeError as e:
    print(e)
try:
    match Point(1, 2):
        case Point(1, x=1):
            pass
except TypeError as e:
    print(e)
