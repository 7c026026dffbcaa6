# expect: ok
from keyword import *
print(iskeyword("if"), issoftkeyword("case"), kwlist[-1], softkwlist)
from math import *
print(sqrt(16.0), floor(pi), e > 2)
