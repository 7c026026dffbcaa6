# expect: ok
def g(v):
    match v:
        case [x, y] if x == y:
            return "same"
        case [x, y] if (s := x + y) > 10:
            return f"big sum {s}"
        case [x, y]:
            return f"pair {x} {y}"
        case _:
            return "default"
for v in [[1, 1], [5, 7], [1, 2], 3]:
    print(g(v))
match 42:
    case n:
        print("captured", n)
print(n)
for i in range(5):
    match i:
        case 1:
            continue
        case 3:
            break
    print("i", i)
def ret(v):
    for _ in range(3):
        match v:
            case [x]:
                return x
    return None
print(ret([9]), ret(8))
match [1, 2]:
    case [1, 2] as whole:
        print(whole)
