# expect: ok
# dumps of every JSON-able type, floats (repr, inf/nan), big ints, escaping.
import json

values = [None, True, False, 0, -1, 7, 2**63, -2**64 - 1, 10**40, 0.0, -0.0, 1.5, 1e16,
          1e-7, 123456789.123456789, 1e300 * 10, -1e300 * 10, float("nan"), 0.1 + 0.2,
          "", "plain", "quote\" back\\ slash/", "\n\r\t\b\f\x00\x1f\x7f", "caf\u00e9",
          "\u65e5\u672c\u8a9e", "\U0001F600 emoji", "\ud800 lone", [], {}, (), [1, [2, [3]]],
          (1, "two", 3.0), {"a": 1, "b": [True, None]}]
for v in values:
    print(json.dumps(v))
    print(ascii(json.dumps(v, ensure_ascii=False)))
print(json.dumps(values))
