# expect: ok
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    ALIAS = 1
print(Color.RED, repr(Color.RED), Color(1), Color['RED'], list(Color), len(Color), Color.RED in Color, Color.ALIAS, Color.RED.name, Color.RED.value)
print(repr(Color), str(Color), Color.__members__)
try: Color(7)
except ValueError as e: print(e)
try: Color['X']
except KeyError as e: print(repr(e))
print(Color.RED == 1, Color.RED == Color.RED, hash(Color.RED) == hash('RED'), Color.RED is Color(1))
print(format(Color.RED), f'{Color.RED}', '{:>10}'.format(Color.RED))
class N(IntEnum):
    A = 1
    B = 2
print(N.A, repr(N.A), N.A + 1, N.A == 1, str(N.A), f'{N.A}', N(2), sorted([N.B, N.A]))
class F(Flag):
    R = auto()
    W = auto()
    X = auto()
print(F.R, F.R|F.W, repr(F.R|F.W), F(3), F(0), list(F), F.R in (F.R|F.W), ~F.R, bool(F(0)))
class P(IntFlag):
    R = 4
    W = 2
print(P.R|P.W, repr(P.R|P.W), P.R|1, P(6), str(P.R))
class A(Enum):
    X = auto()
    Y = auto()
print(A.X.value, A.Y.value)
try:
    @unique
    class U(Enum):
        a = 1
        b = 1
except ValueError as e: print(e)
try:
    A.X < A.Y
except TypeError as e: print(e)
class S(str, Enum):
    a = 'x'
print(S.a, repr(S.a), S.a == 'x')
print(Color.RED._name_, Color.RED._value_, type(Color.RED), isinstance(Color.RED, Color), Color._member_names_)
class M(Enum):
    A = 1
    def describe(self): return self.name.lower()
    @classmethod
    def first(cls): return cls.A
    @property
    def double(self): return self.value * 2
print(M.A.describe(), M.first(), M.A.double)
