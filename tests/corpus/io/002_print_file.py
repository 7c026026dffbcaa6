# expect: ok
import io


class Sink:
    def __init__(self):
        self.calls = []

    def write(self, s):
        self.calls.append(s)
        return len(s)

    def flush(self):
        self.calls.append("<flush>")


k = Sink()
print("a", 1, None, [2.5], file=k)
print(file=k)
print("x", "y", sep="", end="", file=k, flush=True)
print(k.calls)
out = io.StringIO()
for i in range(3):
    print(i, i * i, sep=":", file=out)
print(out.getvalue(), end="")
print("to stdout", file=None)
try:
    print("x", file=42)
except AttributeError as e:
    print(e)


class Bad:
    def write(self, s):
        raise ValueError("no " + s)


try:
    print("boom", file=Bad())
except ValueError as e:
    print(e)
