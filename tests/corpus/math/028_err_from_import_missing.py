# expect: ModuleNotFoundError: No module named 'no_such_mod'
import math
print(math.tau)
from no_such_mod import sqrt
