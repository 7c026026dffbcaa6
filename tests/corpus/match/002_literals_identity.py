# expect: ok
def kind(v):
    match v:
        case True:
            return "True"
        case False:
            return "False"
        case None:
            return "None"
        case 1:
            return "one"
        case 0:
            return "zero"
        case -2.5:
            return "minus two and a half"
        case "":
            return "empty str"
        case _:
            return "other"
for v in [True, False, None, 1, 1.0, 0, 0.0, -2.5, "", "x", [], 2]:
    print(repr(v), kind(v))
