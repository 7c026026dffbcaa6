# expect: ok
def seq(v):
    match v:
        case []:
            return "empty"
        case [x]:
            return f"one: {x}"
        case [x, y]:
            return f"two: {x}, {y}"
        case [first, *middle, last]:
            return f"first {first} middle {middle} last {last}"
        case _:
            return "not a sequence"
for v in [[], (), [1], (2,), [1, 2], (3, 4), [1, 2, 3], (1, 2, 3, 4, 5), range(4), "ab", "", {1: 2}, {1, 2}, 7]:
    print(repr(v), seq(v))
match (1, (2, 3), [4, [5]]):
    case (a, (b, c), [d, [e]]):
        print(a, b, c, d, e)
match [1, 2, 3]:
    case [*head, 3]:
        print("head", head)
match [1, 2, 3]:
    case [1, *_]:
        print("starts with 1")
match [1, 2]:
    case 1, 2:
        print("open sequence")
match 1, 2, 3:
    case first, *rest:
        print(first, rest)
