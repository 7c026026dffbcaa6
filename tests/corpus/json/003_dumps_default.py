# expect: ok
# default=, JSONEncoder subclasses, cls=, subclasses of list/dict, check_circular.
import json


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


class PointEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Point):
            return {"x": o.x, "y": o.y}
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)


class MyList(list):
    pass


class MyDict(dict):
    pass


print(json.dumps([Point(1, 2), {3, 1, 2}], cls=PointEncoder))
print(json.dumps({"p": Point(0, 0)}, cls=PointEncoder, indent=2, sort_keys=True))
print(PointEncoder().encode([Point(5, 6)]))
print(PointEncoder(separators=(",", ":")).encode({"a": Point(1, 1)}))
print(json.dumps({"s": {1, 2}}, default=lambda o: list(o)))
print(json.dumps([Point(1, 2)], default=lambda o: o.__dict__))
print(json.dumps(MyList([1, MyDict(a=2)])))
enc = json.JSONEncoder(indent=1, sort_keys=True)
print(enc.encode({"b": 1, "a": [1]}), enc.indent, enc.sort_keys, enc.item_separator, enc.key_separator)
print("".join(json.JSONEncoder().iterencode({"a": [1, 2.5, None]})))
try:
    json.dumps({"s": {1}})
except TypeError as e:
    print(e)
try:
    json.dumps([Point(1, 2)], cls=PointEncoder, default=None)
except TypeError as e:
    print(e)
try:
    PointEncoder().encode(object())
except TypeError as e:
    print(e)
a = []
a.append(a)
try:
    json.dumps(a)
except ValueError as e:
    print(e)
d = {}
d["self"] = [d]
try:
    json.dumps(d, indent=2)
except ValueError as e:
    print(e)
try:
    json.dumps(a, check_circular=False)
except RecursionError:
    print("RecursionError")
same = [1]
print(json.dumps([same, same, {"k": same}]))
back = Point(0, 0)
try:
    json.dumps(back, default=lambda o: o)
except ValueError as e:
    print(e)
