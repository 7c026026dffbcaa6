# expect: ok
class KE(Exception):
    def __init__(self, msg, *, level=0):
        super().__init__(msg, level)
        self.level = level
try:
    raise KE("hi", level=3)
except KE as e:
    print(e, e.level, e.args)
