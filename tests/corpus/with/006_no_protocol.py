# expect: TypeError: 'OnlyEnter' object does not support the context manager protocol (missed __exit__ method)
class OnlyExit:
    def __exit__(self, *a):
        pass
try:
    with OnlyExit():
        pass
except TypeError as e:
    print(e)
try:
    with 42:
        pass
except TypeError as e:
    print(e)
class OnlyEnter:
    def __enter__(self):
        print("never called")
with OnlyEnter():
    pass
