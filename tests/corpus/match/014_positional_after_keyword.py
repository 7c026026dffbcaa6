# expect: SyntaxError: positional patterns follow keyword patterns
match 1:
    case int(real=1, 2):
        pass
