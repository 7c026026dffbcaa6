# expect: ok
# Special methods set, replaced and deleted on a class after creation reach
# the class and every subclass (unless a subclass defines its own), for
# each kind of slot: repr/str, comparisons and hash, len/bool, iteration,
# items, containment, calls, attribute hooks, arithmetic; a data
# descriptor added later takes effect on instances.
class Base:
    def __init__(self, v):
        self.v = v


class Mid(Base):
    pass


class Leaf(Mid):
    def __len__(self):
        return 99


class Other:
    pass


objs = [Base(1), Mid(2), Leaf(3)]


def show(tag):
    out = []
    for o in objs:
        try:
            out.append((repr(o)[:1] if repr(o).startswith('<') else repr(o), len(o), bool(o)))
        except TypeError as e:
            out.append(str(e))
    print(tag, out)


show('start')
Base.__repr__ = lambda self: f'B{self.v}'
Base.__len__ = lambda self: self.v
show('repr+len')
Mid.__repr__ = lambda self: f'M{self.v}'
show('mid repr')
del Mid.__repr__
show('mid repr deleted')
Base.__bool__ = lambda self: self.v > 1
show('bool')
del Base.__len__
show('len deleted')
Base.__eq__ = lambda self, o: isinstance(o, Base) and self.v == o.v
print(Leaf(3) == Leaf(3), Mid(1) == Base(1), Base(1) == Other())
Base.__hash__ = lambda self: self.v
print(hash(Leaf(7)), len({Mid(1), Base(1), Leaf(2)}))
Base.__iter__ = lambda self: iter(range(self.v))
print(list(Leaf(3)), [x for x in Mid(2)])
Base.__getitem__ = lambda self, i: self.v * i
Base.__contains__ = lambda self, x: x == self.v
print(Mid(5)[3], 2 in Mid(2), 3 in Leaf(2))
Base.__call__ = lambda self, *a: (self.v, a)
print(Leaf(1)(2, 3))
Base.__add__ = lambda self, o: Base(self.v + o.v)
Base.__lt__ = lambda self, o: self.v < o.v
print(Mid(1) + Leaf(2), sorted([Leaf(3), Mid(1), Base(2)]))
Base.__getattr__ = lambda self, name: name.upper()
print(Leaf(1).anything, Mid(1).v)
Base.__setattr__ = lambda self, k, val: object.__setattr__(self, k, val * 10)
m = Mid(1)
m.w = 2
print(m.v, m.w)
del Base.__setattr__
m.w = 3
print(m.w)
Base.data = property(lambda self: 'prop', lambda self, val: print('set data', val))
m.data = 5
print(m.data, vars(m))
Base.__str__ = lambda self: 'S' + repr(self)
print(str(Leaf(4)), f'{Mid(5)}', [Leaf(1)])
for name in ['__len__', '__nope__', '__repr__']:
    try:
        delattr(Mid, name)
    except AttributeError as e:
        print('AttributeError', e)
