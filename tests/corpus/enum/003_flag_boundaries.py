# expect: ValueError: 'cow' is not a valid Animal
from enum import Flag, IntFlag, auto, Enum


class Color(Flag):
    RED = auto()
    GREEN = auto()
    BLUE = auto()
    WHITE = RED | GREEN | BLUE


print(list(Color), Color.WHITE, repr(Color.WHITE), Color(7), Color(5), ~Color.WHITE, ~Color.RED)
print(Color.RED | Color.GREEN | Color.BLUE is Color.WHITE, (Color.RED | Color.GREEN) & Color.GREEN)
print(len(Color), len(Color.WHITE), [c.name for c in Color.WHITE], Color.RED.value, Color.WHITE.value)


class Perm(IntFlag):
    R = 4
    W = 2
    X = 1


print(Perm.R | 8, repr(Perm.R | 8), Perm(0), repr(Perm(0)), Perm.R + 1, Perm.R == 4, ~Perm.R, repr(~Perm.R))
print(Perm.R | Perm.W | Perm.X, repr(Perm(7)), 4 in [Perm.R], isinstance(Perm.R, int))
x = Perm.R
x |= Perm.W
print(repr(x), bool(Perm(0)), Perm.R & 6)


class Animal(Enum):
    CAT = 'cat'
    DOG = 'dog'


print(Animal.__members__)
print(Animal['CAT'].value, [a.value for a in Animal], Animal.CAT.__class__, Animal.DOG in Animal)
try:
    Animal['cow']
except KeyError as e:
    print('KeyError', e)
try:
    Color(8)
except ValueError as e:
    print(e)
print(Animal('cow'))
