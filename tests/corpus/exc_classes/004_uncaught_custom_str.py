# expect: CodeError: code=7
class CodeError(ValueError):
    def __init__(self, code):
        super().__init__(code)
        self.code = code
    def __str__(self):
        return "code=%d" % self.code
print("start")
raise CodeError(7)
