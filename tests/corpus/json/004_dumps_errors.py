# expect: TypeError: Object of type bytes is not JSON serializable
# The encoder's error messages.
import json

cases = [
    lambda: json.dumps({(1, 2): 3}),
    lambda: json.dumps({b"k": 3}),
    lambda: json.dumps({1: {frozenset(): 1}}, indent=2),
    lambda: json.dumps(float("nan"), allow_nan=False),
    lambda: json.dumps([1e400], allow_nan=False),
    lambda: json.dumps({float("-inf"): 1}, allow_nan=False),
    lambda: json.dumps([float("inf")], allow_nan=False, indent=2),
    lambda: json.dumps({"a": float("nan")}, allow_nan=False, indent=0),
    lambda: json.dumps({1, 2}),
    lambda: json.dumps(range(3)),
    lambda: json.dumps([object()]),
    lambda: json.dumps({"b": 1, 2: 3}, sort_keys=True),
    lambda: json.dumps(10 ** 5000),
    lambda: json.dumps([1], indent=1.5),
]
for c in cases:
    try:
        print(c())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print("now uncaught")
x = json.dumps([b"bytes"])
