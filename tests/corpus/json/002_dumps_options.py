# expect: ok
# indent (int, str, 0, negative), separators, sort_keys, skipkeys, key coercion.
import json

doc = {"b": [1, 2, {"z": None, "y": []}], "a": {}, "c": "x", "d": [[]], "e": [{}]}
for indent in [None, 0, 1, 2, 4, -3, "", "\t", "--"]:
    print(repr(json.dumps(doc, indent=indent)))
    print(repr(json.dumps(doc, indent=indent, sort_keys=True)))
print(json.dumps(doc, separators=(",", ":")))
print(json.dumps(doc, separators=(" ,", " : "), indent=2))
print(json.dumps({1: "int", 2.5: "float", True: "t", False: "f", None: "n", 10**30: "big",
                  float("inf"): "inf", -0.0: "negzero"}))
print(json.dumps({"b": 1, "a": 2, "c": {"z": 1, "y": 2}}, sort_keys=True))
print(json.dumps({2: "a", 1: "b", 3: "c"}, sort_keys=True))
print(json.dumps({(1, 2): "tuple", "k": 1, frozenset(): 2}, skipkeys=True))
print(json.dumps({(1, 2): "tuple"}, skipkeys=True))
print(repr(json.dumps({(1, 2): "tuple"}, skipkeys=True, indent=2)))
print(json.dumps(["\u00e9"], ensure_ascii=False, indent=1))
print(json.dumps([float("nan"), float("inf")], allow_nan=True))
print(json.dumps("text"), json.dumps(None), json.dumps(3.25))
