# expect: SyntaxError: multiple assignments to name 'a' in pattern
match [1, 2]:
    case [a, a]:
        pass
