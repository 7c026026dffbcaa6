# expect: ok
log = []
class CM:
    def __init__(self, tag):
        self.tag = tag
    def __enter__(self):
        log.append("enter " + self.tag)
        return self.tag
    def __exit__(self, t, v, tb):
        log.append("exit " + self.tag + " " + (t.__name__ if t else "None"))
def ret():
    with CM("r") as tag:
        return tag + "!"
print(ret(), log); log.clear()
for i in range(3):
    with CM("loop%d" % i):
        if i == 0:
            continue
        if i == 1:
            break
print(log); log.clear()
def nested_return():
    with CM("outer"):
        with CM("inner"):
            return 5
print(nested_return(), log); log.clear()
def in_finally():
    try:
        with CM("t"):
            return "from with"
    finally:
        log.append("finally")
print(in_finally(), log); log.clear()
def exc_through():
    with CM("e"):
        raise KeyError("k")
try:
    exc_through()
except KeyError:
    print(log)
log.clear()
while True:
    with CM("w"):
        try:
            break
        finally:
            log.append("inner finally")
print(log)
