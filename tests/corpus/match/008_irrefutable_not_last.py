# expect: SyntaxError: name capture 'y' makes remaining patterns unreachable
x = 1
match x:
    case y:
        pass
    case 1:
        pass
