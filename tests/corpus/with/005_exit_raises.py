# expect: RuntimeError: from exit
class Bad:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        raise RuntimeError("from exit")
try:
    with Bad():
        raise ValueError("body")
except RuntimeError as e:
    print("caught", e, "context:", repr(e.__context__))
with Bad():
    print("body runs")
