# expect: WrapError: wrapped
class WrapError(Exception):
    pass
def f():
    try:
        {}["k"]
    except KeyError as e:
        raise WrapError("wrapped") from e
try:
    f()
except WrapError as e:
    print(type(e.__cause__).__name__, e.__cause__, e.__context__ is e.__cause__)
print("again")
outcome = f()
