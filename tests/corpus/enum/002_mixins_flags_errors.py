# expect: ValueError: 9 is not a valid Shape
from enum import Enum, IntEnum, Flag, IntFlag, StrEnum, auto, unique
class S(str, Enum):
    a = 'x'
print(hash(S.a) == hash('x'), S.a.upper(), S('x'))
class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def surface_gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)
print(Planet.EARTH.value, Planet.EARTH.mass, round(Planet.EARTH.surface_gravity, 3), Planet((3.303e+23, 2.4397e6)))
class St(StrEnum):
    A = auto()
    B = 'bee'
print(St.A, repr(St.A), St.B, f'{St.B:>5}', St.A == 'a', St('bee'))
class Shape(IntEnum):
    CIRCLE = 1
    SQUARE = 2
print(Shape.CIRCLE < Shape.SQUARE, Shape.SQUARE * 2, [s for s in Shape], Shape(1) is Shape.CIRCLE, int(Shape.SQUARE), {Shape.CIRCLE: 'c'}[1])
print(format(Shape.CIRCLE, '03d'), '%d' % Shape.SQUARE, str(Shape.SQUARE), Shape.SQUARE.name)
class Perm(Flag):
    NONE = 0
    R = 4
    W = 2
    X = 1
    RWX = 7
print(list(Perm), Perm.RWX, repr(Perm.R | Perm.X), Perm(6), Perm.NONE, repr(Perm(0)), Perm.R & Perm.W, bool(Perm.R & Perm.W))
print(Perm.RWX in Perm, Perm.R in Perm.RWX, len(Perm.RWX), list(Perm.R | Perm.W), Perm.R ^ Perm.RWX)
class Status(Enum):
    ACTIVE = 'active'
    INACTIVE = 'inactive'
    @classmethod
    def _missing_(cls, value):
        for m in cls:
            if m.value == value.lower():
                return m
print(Status('ACTIVE'), Status.__members__.keys() if False else list(Status.__members__))
for s in Status:
    print(s.name, s.value)
print(Status.ACTIVE == Status.ACTIVE, Status.ACTIVE != Status.INACTIVE, Status.ACTIVE is Status['ACTIVE'])
d = {Status.ACTIVE: 1}
print(d[Status.ACTIVE], sorted(Status, key=lambda m: m.value, reverse=True))
class Weekday(Enum):
    MON = auto()
    TUE = auto()
    def __str__(self):
        return self.name.title()
print(Weekday.MON, repr(Weekday.TUE), Weekday.TUE.value)
match Weekday.MON:
    case Weekday.MON:
        print('monday')
try:
    Status('x')
except ValueError as e:
    print(e)
try:
    Shape(5)
except ValueError as e:
    print(e)
class Empty(Enum):
    pass
print(list(Empty), len(Empty))
try:
    class More(Shape):
        TRIANGLE = 3
except TypeError as e:
    print(e)
print(Shape(9))
