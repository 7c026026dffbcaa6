# expect: SyntaxError
x = 1
return x
