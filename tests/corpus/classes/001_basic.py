# expect: ok
class Point:
    """A point."""
    dims = 2

    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def moved(self, dx, dy=0):
        return Point(self.x + dx, self.y + dy)


p = Point(3, 4)
print(p.x, p.y, p.norm2(), p.dims, Point.dims)
q = p.moved(1, dy=2)
print(q.x, q.y, type(q) is Point, type(q).__name__)
print(Point.__name__, Point.__qualname__, Point.__module__, Point.__doc__)
print(Point)
print(repr(Point).startswith("<class"), str(p).startswith("<__main__.Point object at 0x"))
p.dims = 3
print(p.dims, Point.dims)
del p.dims
print(p.dims)
Point.dims = 5
print(p.dims, q.dims)
print(Point.norm2(p))
r = Point(1)
print(r.y, vars(r))
print(p.__dict__ == {'x': 3, 'y': 4})
print(p.__class__ is Point, Point.__class__ is type)
class Empty:
    pass
e = Empty()
e.a = 1
e.b = [1, 2]
e.b.append(3)
print(e.a, e.b, Empty.__doc__)
print(type(e) is Empty, isinstance(e, Empty), isinstance(p, Empty))
