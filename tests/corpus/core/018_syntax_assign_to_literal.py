# expect: SyntaxError
1 = x
