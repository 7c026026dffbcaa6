# expect: MyError: something bad
class MyError(Exception):
    pass
print("start")
raise MyError("something bad")
