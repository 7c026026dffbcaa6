# expect: SyntaxError: cannot use assignment expressions with subscript
a = [1]
if (a[0] := 2):
    pass
