# expect: ok
# loads of every JSON type, whitespace, numbers, escapes, unicode, bytes input.
import json

texts = ['null', 'true', 'false', '0', '-0', '-0.0', '12', '-12', '1.5', '1e3', '1E+3', '1e-3',
         '2.5e-10', '123456789012345678901234567890', '-99999999999999999999', '1e400', '-1e400',
         '0.1', '1.7976931348623157e308', '5e-324', '"abc"', '""', '"\\"\\\\\\/\\b\\f\\n\\r\\t"',
         '"\\u00e9\\u65E5"', '"\\ud83d\\ude00"', '"\\ud83d"', '"\\ude00\\ud83d"', '"\\ud83d\\u0041"',
         '"caf\u00e9 \U0001F600"', '[]', '{}', ' [ 1 , 2 , [ ] ] ', '\n\t{"a" :\r\n 1}  ',
         '{"a": 1, "a": 2}', '{"": [{"": {}}]}', 'NaN', 'Infinity', '-Infinity',
         '[NaN, Infinity, -Infinity]', '[1,2,3,4,5,6,7,8,9,10]', '{"k": [true, false, null]}']
for t in texts:
    v = json.loads(t)
    print(repr(t), "->", repr(v), type(v).__name__)
print(json.loads(b'{"a": "\xc3\xa9"}'))
print(json.loads(bytearray(b'[1, 2]')))
print(json.loads(b'\xef\xbb\xbf[1]'))
print(json.loads('"\x7f"') == "\x7f")
big = json.loads('1' * 4300)
print(len(str(big)))
