# expect: ok
# return kept across a finally body whose own try is left by continue/break/raise
def f(n):
    out = []
    w = 0
    while w < 3:
        w += 1
        try:
            out.append(("body", w))
            if w < n:
                return ("ret", w, out)
        finally:
            try:
                if w < 2:
                    continue
                if w == 2:
                    break
                raise ValueError(w)
            except ValueError as e12:
                out.append(("caught", e12.args))
    return ("end", w, out)
for n in range(5):
    print(f(n))
def g():
    for i in range(3):
        try:
            return i
        finally:
            try:
                try:
                    continue
                finally:
                    print("inner finally", i)
            except KeyError:
                pass
    return "done"
print(g())
