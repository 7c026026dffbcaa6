# expect: ok
# break / continue / return leaving try, except and finally blocks nested in
# for and while loops (every exit path through every handler region), with
# and without an enclosing try, and with the exception raised or not.
log = []

def run(kind, exit_, raise_, wrap):
    out = []
    def body():
        for i in range(3):
            try:
                if kind == "try-except":
                    try:
                        if raise_:
                            raise ValueError(i)
                        if exit_ == "break":
                            break
                        if exit_ == "continue":
                            continue
                        if exit_ == "return":
                            return ("ret", i)
                        out.append(("body", i))
                    except ValueError as e:
                        out.append(("caught", e.args))
                        if exit_ == "break":
                            break
                        if exit_ == "continue":
                            continue
                        if exit_ == "return":
                            return ("ret-h", i)
                elif kind == "try-finally":
                    try:
                        if raise_ and i == 2:
                            raise KeyError(i)
                        if exit_ == "break":
                            break
                        if exit_ == "continue":
                            continue
                        if exit_ == "return":
                            return ("ret", i)
                    finally:
                        out.append(("finally", i))
                else:
                    try:
                        if raise_:
                            raise ZeroDivisionError(i)
                    except ZeroDivisionError:
                        out.append(("zd", i))
                    else:
                        out.append(("else", i))
                        if exit_ == "break":
                            break
                    finally:
                        out.append(("fin", i))
                        if exit_ == "continue":
                            continue
                out.append(("after", i))
            finally:
                out.append(("loop-finally", i))
        else:
            out.append("no-break")
        return ("end",)
    def whilebody():
        j = 0
        while j < 3:
            j += 1
            try:
                try:
                    if raise_:
                        raise IndexError(j)
                    if exit_ == "break":
                        break
                    if exit_ == "continue":
                        continue
                    if exit_ == "return":
                        return ("wret", j)
                except IndexError as e:
                    if exit_ == "break":
                        break
                    if exit_ == "return":
                        return ("wret-h", e.args)
                    continue
            finally:
                out.append(("wfin", j))
        return ("wend", j)
    if wrap:
        try:
            r = body(), whilebody()
        except Exception as e:
            r = ("outer", type(e).__name__, e.args)
    else:
        try:
            r = body(), whilebody()
        except KeyError as e:
            r = ("keyerror", e.args)
    return r, out

for kind in ("try-except", "try-finally", "try-except-else-finally"):
    for exit_ in ("break", "continue", "return", "none"):
        for raise_ in (False, True):
            for wrap in (False, True):
                print(kind, exit_, raise_, wrap, run(kind, exit_, raise_, wrap))

# the same shapes at module level
for i in [1, 2]:
    try:
        break
    except NameError:
        pass
print("module break", i)
for i in [1, 2]:
    try:
        try:
            break
        except NameError as e9:
            continue
    except ValueError as e11:
        pass
print("module nested", i)
n = 0
while True:
    n += 1
    try:
        if n > 2:
            break
    except Exception:
        raise
    finally:
        print("while finally", n)
print("done", n)
