# expect: KeyError: 'pop from an empty set'
# dict.popitem / set.pop on empty containers: KeyError with the message as its arg
try:
  {}.popitem()
except KeyError as e: print(repr(e), e.args)
try:
  set().pop()
except KeyError as e: print(repr(e), e.args)
set().pop()
