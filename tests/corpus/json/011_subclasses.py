# expect: ok
# Subclasses of int/float/str/tuple/bytes (and IntEnum) in json, hashlib, binascii, base64.
import json, enum, hashlib, binascii, base64
class MyInt(int): pass
class MyFloat(float): pass
class MyStr(str): pass
class MyTuple(tuple): pass
class MyBytes(bytes): pass
class Color(enum.IntEnum):
    RED = 1
print(json.dumps([MyInt(5), MyFloat(2.5), MyStr("s\n"), MyTuple((1, 2)), Color.RED, True]))
print(json.dumps({MyStr("k"): 1, MyInt(2): 2, MyFloat(1.5): 3, Color.RED: 4}, sort_keys=False))
print(json.dumps([MyInt(5), {"a": MyTuple(())}], indent=1))
try:
    json.dumps(MyBytes(b"x"))
except TypeError as e:
    print(e)
print(json.loads(MyStr('[1, {"a": 2}]')))
print(json.JSONDecoder().raw_decode(MyStr('[1] x')))
print(hashlib.md5(MyBytes(b"abc")).hexdigest(), binascii.hexlify(MyBytes(b"ab")), binascii.unhexlify(MyStr("abcd")))
print(base64.b64decode(MyStr("YWI=")), base64.b64encode(MyBytes(b"ab")))
