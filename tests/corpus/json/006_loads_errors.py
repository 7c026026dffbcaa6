# expect: json.decoder.JSONDecodeError: Expecting ',' delimiter: line 3 column 7 (char 17)
# JSONDecodeError messages, positions, lineno/colno, and the other errors.
import json

bad = ['', ' ', '[', ']', '{', '}', '[1,]', '[1 2]', '[1,,2]', '{"a":1,}', '{"a" 1}', '{"a":}',
       '{1: 2}', "{'a': 1}", '{"a":1 "b":2}', '"abc', '"\\u12"', '"\\u12', '"\\x"', '"\\',
       '"a\tb"', '"a\nb"', '"a\x00"', '-', '--1', '+1', '01', '1.', '.5', '1e', '1e+', '00',
       'nul', 'tru', 'NaNa', 'Infinit', '-Inf', '[1] x', '1 2', '\ufeff[1]', 'é', '[é]',
       '"é\x01"', '\n\n  [1,\n   x]', '{"a": [1, {"b": }]}', '[' * 5, 'true false',
       '"\\ud800\\uzzzz"', '"\\uD834\\uDD1E" 1']
for t in bad:
    try:
        json.loads(t)
        print(repr(t), "no error")
    except json.JSONDecodeError as e:
        print(repr(t), "|", e, "|", e.msg, e.pos, e.lineno, e.colno, e.doc == t)
        print(isinstance(e, ValueError), e.args)
for t in [1, None, [1], 2.5]:
    try:
        json.loads(t)
    except TypeError as e:
        print(e)
try:
    json.loads('1' * 4301)
except ValueError as e:
    print(type(e).__name__, e)
try:
    json.loads('[' * 100000)
except RecursionError:
    print("RecursionError")
try:
    json.loads('{"a":' * 100000)
except RecursionError:
    print("RecursionError")
print(json.JSONDecodeError, json.JSONDecodeError.__mro__)
e = json.JSONDecodeError("custom", "ab\ncd", 4)
print(e, e.lineno, e.colno, repr(e))
print("now uncaught")
x = json.loads('{\n  "a": [\n    1 2]}')
