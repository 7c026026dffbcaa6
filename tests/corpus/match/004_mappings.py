# expect: ok
def m(v):
    match v:
        case {"type": "point", "x": x, "y": y}:
            return f"point {x},{y}"
        case {"type": "circle", "r": r, **others}:
            return f"circle {r} {others}"
        case {1: one, None: nothing}:
            return f"odd keys {one} {nothing}"
        case {}:
            return f"some mapping of {len(v)}"
        case _:
            return "not a mapping"
for v in [{"type": "point", "x": 1, "y": 2}, {"type": "point", "x": 1},
          {"type": "circle", "r": 3, "color": "red", "z": 0}, {1: "a", None: "b"},
          {}, {"a": 1}, [("type", "point")], "type", 5]:
    print(m(v))
match {"a": 1, "b": 2, "c": 3}:
    case {"b": b, **rest}:
        print(b, rest)
match {"a": 1}:
    case {**rest}:
        print("rest only", rest)
class_key = "k"
match {"k": 9}:
    case {"k": 9 | 10 as hit}:
        print("hit", hit)
