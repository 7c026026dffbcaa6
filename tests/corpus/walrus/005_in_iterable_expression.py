# expect: SyntaxError: assignment expression cannot be used in a comprehension iterable expression
vals = [x for x in (y := [1, 2])]
