# expect: ModuleNotFoundError: No module named 'math.x'; 'math' is not a package
import math
print(math.pi)
import math.x
