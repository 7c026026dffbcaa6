# expect: ModuleNotFoundError: No module named 'nope'
from math import sqrt, tau as T

print(sqrt(16), T)
import nope
