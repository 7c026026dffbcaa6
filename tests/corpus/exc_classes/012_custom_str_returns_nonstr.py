# expect: ok
class Bad(Exception):
    def __str__(self):
        return 5
try:
    raise Bad()
except Bad as e:
    try:
        str(e)
    except TypeError as t:
        print(t)
