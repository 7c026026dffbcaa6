# expect: ok
# object_hook, object_pairs_hook, parse_float, parse_int, parse_constant,
# strict, JSONDecoder, raw_decode, cls=.
import json

text = '{"a": 1, "b": [1.5, 2, {"c": null}], "a": 3, "n": NaN, "i": -Infinity}'
print(json.loads(text, object_hook=lambda d: sorted(d.items(), key=str)))
print(json.loads(text, object_pairs_hook=lambda p: p))
print(json.loads(text, object_pairs_hook=dict, object_hook=lambda d: "unused"))
print(json.loads(text, parse_float=lambda s: "F" + s, parse_int=lambda s: "I" + s))
print(json.loads(text, parse_constant=lambda s: "C" + s))
print(json.loads('[1.10, 2e5, 10]', parse_float=str, parse_int=float))
print(repr(json.loads('"a\tb\nc\x00"', strict=False)))
print(json.loads('{"k\x01": "v"}', strict=False))
dec = json.JSONDecoder(object_hook=lambda d: len(d))
print(dec.decode('[{"a": 1}, {}]'))
print(json.JSONDecoder().raw_decode('{"a": [1]} trailing'))
print(json.JSONDecoder().raw_decode('xx [1, 2]  ', 3))
print(json.JSONDecoder().raw_decode('"\u00e9\u00e9" "x"'))
try:
    json.JSONDecoder().raw_decode(' 1')
except json.JSONDecodeError as e:
    print(e)
try:
    json.JSONDecoder().raw_decode('[1]', 5)
except json.JSONDecodeError as e:
    print(e)


class UpperDecoder(json.JSONDecoder):
    def __init__(self, **kw):
        super().__init__(object_hook=self.hook, **kw)

    def hook(self, d):
        return {k.upper(): v for k, v in d.items()}


print(json.loads('{"a": {"b": 2}}', cls=UpperDecoder))
print(json.loads('[1.5]', cls=UpperDecoder, parse_float=lambda s: s))
d = json.JSONDecoder()
print(d.strict, d.object_hook, d.parse_float is float, d.parse_int is int)
try:
    json.loads('[1]', object_hook=lambda d: d, bogus=1)
except TypeError as e:
    print(e)
for bad in [b"[1]", bytearray(b"1"), 1, None]:
    for f in [json.JSONDecoder().decode, json.JSONDecoder().raw_decode]:
        try:
            f(bad)
        except TypeError as e:
            print(type(bad).__name__, e)
