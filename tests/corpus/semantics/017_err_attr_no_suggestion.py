# expect: AttributeError: 'dict' object has no attribute 'x'
d = {"a": 1}
print(getattr(d, "x", "missing"), hasattr(d, "item"), hasattr(d, "items"))
v = d.x
