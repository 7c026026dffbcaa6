# expect: ok
import math
inf, nan = math.inf, math.nan
cases = [(2, 10), (2, -1), (2, 0.5), (10, 2), (-2, 3), (-2, -3), (-2, 2.0), (0.0, 0.0),
         (0, 5), (-0.0, 3), (-0.0, 2), (-0.0, 0.5), (1, inf), (1, -inf), (1, nan), (-1, inf),
         (-1, -inf), (nan, 0), (nan, 1), (0.5, inf), (0.5, -inf), (2, inf), (2, -inf),
         (-0.5, inf), (-2, -inf), (inf, 2), (inf, -2), (inf, 0), (-inf, 3), (-inf, 2),
         (-inf, -3), (-inf, -2), (-inf, 0.5), (-inf, -0.5), (inf, nan), (nan, nan),
         (2, -1074), (2, -1075), (2, 1023), (1e-300, 2), (10, -300), (3, 1 / 3), (True, False)]
for x, y in cases:
    print(repr(x), repr(y), math.pow(x, y))
print(math.pow(2 ** 70, 0.5), math.pow(-8, 1.0), math.pow(-1, 10 ** 20))
