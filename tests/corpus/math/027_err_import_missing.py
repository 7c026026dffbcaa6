# expect: ModuleNotFoundError: No module named 'pyexpr_no_such_module'
import math
print(math.e)
import pyexpr_no_such_module
