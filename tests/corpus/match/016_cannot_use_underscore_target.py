# expect: SyntaxError: cannot use '_' as a target
match 1:
    case 1 as _:
        pass
