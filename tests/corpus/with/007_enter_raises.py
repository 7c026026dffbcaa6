# expect: ValueError: enter failed
class CM:
    def __enter__(self):
        raise ValueError("enter failed")
    def __exit__(self, *a):
        print("exit must not run")
print("start")
with CM():
    print("body must not run")
