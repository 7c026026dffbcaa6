# expect: ok
import math
for x in [0, -0.0, 0.1, 0.5, 1, -1, 2, 3, 5, -5, 10, 27, 30, math.inf, -math.inf, math.nan]:
    print(x, math.erf(x), math.erfc(x))
for x in [1, 2, 3, 5, 10, 20, 23, 24, 0.5, 1.5, -0.5, -1.5, 2.5, 0.1, 1e-10, -1e-10, 1e-30,
          100.5, 170.5, 171.5, -171.5, -180.5, -200.5, -250.25, math.inf, math.nan]:
    print(x, math.gamma(x))
for x in [1, 2, 3, 0.5, -0.5, -1.5, 10, 100, 1e10, 1e300, 1e-30, -1e-30, 2.5, -2.5, math.inf,
          -math.inf, math.nan]:
    print(x, math.lgamma(x))
