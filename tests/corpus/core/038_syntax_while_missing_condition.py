# expect: SyntaxError
while :
    pass
