# expect: ok
class AppError(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
        self.msg = msg
    def __str__(self):
        return "[%d] %s" % (self.code, self.msg)
try:
    raise AppError(404, "not found")
except AppError as e:
    print(e, e.args, e.code, repr(e))
class NoSuper(Exception):
    def __init__(self, a, b):
        self.a = a
print(NoSuper(1, 2).args, str(NoSuper(1, 2)), repr(NoSuper(3, 4)))
