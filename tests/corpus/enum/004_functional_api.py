# expect: ValueError: 4 is not a valid Color
from enum import Enum, IntEnum, Flag

C = Enum('Color', 'RED GREEN BLUE')
print(list(C), C.RED, repr(C), C(2), C['BLUE'], len(C))
D = Enum('D', [('A', 5), ('B', 7)])
print(list(D), D(7))
E = IntEnum('E', {'X': 1, 'Y': 2})
print(list(E), E.X + 1, E.Y == 2)
F = Enum('F', ['a', 'b'], start=10)
print(list(F))
G = Flag('G', 'R W X')
print(list(G), G.R | G.W, repr(G(7)))
H = Enum('H', 'p,q')
print(list(H), H.p.name, H.q.value)
print(C(4))
