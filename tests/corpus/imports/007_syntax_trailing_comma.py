# expect: SyntaxError
from keyword import iskeyword,
