# expect: SyntaxError
x = 012
