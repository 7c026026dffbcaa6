# expect: ok
def c(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(0):
            return "int zero"
        case int(i) if i < 0:
            return f"negative {i}"
        case int():
            return "int"
        case float(f):
            return f"float {f}"
        case str(s) if len(s) > 3:
            return f"long str {s}"
        case str():
            return "short str"
        case list([x, *_]):
            return f"list starting {x}"
        case tuple(t):
            return f"tuple {t}"
        case dict({"k": k}):
            return f"dict with k={k}"
        case set() | frozenset():
            return "a set"
        case _:
            return "other"
for v in [True, 0, -5, 7, 2.5, "hello", "hi", [3, 4], [], (1,), {"k": 1}, {}, {1}, frozenset(), None]:
    print(repr(v), c(v))
match 3:
    case int(real=r, imag=i):
        print("attrs", r, i)
match True:
    case int(real=1):
        print("bool is an int")
