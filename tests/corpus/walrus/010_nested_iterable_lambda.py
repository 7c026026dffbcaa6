# expect: SyntaxError: assignment expression cannot be used in a comprehension iterable expression
v = [x for x in [(z := 1) for y in range(2)]]
