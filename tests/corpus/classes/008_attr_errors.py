# expect: AttributeError: 'Renamed' object has no attribute 'valeu'. Did you mean: 'value'?
class A:
    cls_attr = 1
    def __init__(self):
        self.value = 1
    def method(self):
        return 2
a = A()
for expr in ["a.missing", "A.missing", "a.valeu", "A.cls_atr", "object().x"]:
    try:
        eval_result = None
        if expr == "a.missing": a.missing
        elif expr == "A.missing": A.missing
        elif expr == "a.valeu": a.valeu
        elif expr == "A.cls_atr": A.cls_atr
        else: object().x
    except AttributeError as e:
        print(type(e).__name__, e)
try:
    del a.nothing
except AttributeError as e:
    print(e)
try:
    del A.nothing
except AttributeError as e:
    print(e)
try:
    object().y = 1
except AttributeError as e:
    print(e)
try:
    (1).y = 1
except AttributeError as e:
    print(e)
try:
    int.y = 1
except TypeError as e:
    print(e)
try:
    A.__name__ = 5
except TypeError as e:
    print(e)
A.__name__ = "Renamed"
print(A.__name__, A.__qualname__)
try:
    getattr(a, 1)
except TypeError as e:
    print(e)
print(getattr(a, "nope", "default"), hasattr(a, "method"), hasattr(a, "nope"))
x = a.valeu
