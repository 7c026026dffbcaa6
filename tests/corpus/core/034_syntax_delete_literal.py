# expect: SyntaxError
del 1
