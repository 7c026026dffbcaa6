"""Reading host objects' attributes (issue 15, the pricing-rule benchmark):
hostobj.c reads instance dicts, __slots__ and CPython 3.11's inline instance
values directly, planned once per type and type version. Every read must
give what CPython's getattr gives: for plain, slotted and dataclass
objects, class attributes (defaults), properties that shadow the instance
dict, deleted attributes, materialized __dict__s, subclasses, classes
changed after the first read, and __getattr__ hooks. Both doors are tested:
attribute syntax on an exposed object and eval_many's rows."""
import dataclasses
import sys

import pytest

pyexpr = pytest.importorskip("pyexpr")
if not hasattr(pyexpr, "expose"):
    pytest.skip("extension not built", allow_module_level=True)


def script_read(obj, names):
    """[obj.n for n in names] through the script, each read or its error."""
    out = []
    exposed = pyexpr.expose(obj, attrs=tuple(names))
    for n in names:
        try:
            out.append(("ok", pyexpr.eval(f"o.{n}", {"o": exposed})))
        except AttributeError as e:
            out.append(("AttributeError", str(e)))
    return out


def cpython_read(obj, names):
    out = []
    for n in names:
        try:
            out.append(("ok", getattr(obj, n)))
        except AttributeError as e:
            out.append(("AttributeError", str(e)))
    return out


def check(obj, names):
    assert script_read(obj, names) == cpython_read(obj, names)


class Plain:
    cls_default = 7

    def __init__(self, a, b):
        self.a = a
        self.b = b


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x  # y never set


@dataclasses.dataclass
class DC:
    p: float
    q: int = 3


if sys.version_info >= (3, 10):

    @dataclasses.dataclass(slots=True)
    class DCS:
        p: float
        q: int = 3

else:
    DCS = DC


class WithProp:
    def __init__(self):
        self.__dict__["v"] = "instance"  # shadowed by the data descriptor below

    @property
    def v(self):
        return "property"


class Hook:
    def __init__(self):
        self.a = 1

    def __getattr__(self, name):
        return "hook:" + name


def test_plain_dict_values_class_default_and_missing():
    o = Plain(1.5, "s")
    check(o, ["a", "b", "cls_default", "missing"])
    o.cls_default = "own"  # the instance value now wins
    check(o, ["a", "cls_default"])
    del o.a
    check(o, ["a", "b"])


def test_materialized_dict_and_many_rows_of_one_type():
    rows = [Plain(i, i * 2) for i in range(50)]
    for r in rows[::3]:
        vars(r)  # a real dict instead of inline values (CPython 3.11+)
    for r in rows[::5]:
        r.extra = 1
    pyexpr.register_type(Plain, attrs=["a", "b"])
    try:
        got = pyexpr.compile("a * 10 + b", "eval").eval_many(rows)
        assert got == [r.a * 10 + r.b for r in rows]
        got = pyexpr.compile("r.a - r.b", "eval").eval_many(rows, row_name="r")
        assert got == [r.a - r.b for r in rows]
    finally:
        pyexpr.unregister_type(Plain)


def test_slots():
    check(Slotted(4), ["x", "y"])
    check(DCS(1.0), ["p", "q"])
    check(DC(2.0), ["p", "q"])


def test_property_shadows_instance_dict():
    check(WithProp(), ["v"])


def test_getattr_hook_is_generic():
    check(Hook(), ["a", "zz"])


def test_class_changed_after_first_read():
    class C:
        def __init__(self):
            self.v = "instance"

    o = C()
    check(o, ["v"])
    C.v = property(lambda self: "now a property")  # a data descriptor wins from now on
    check(o, ["v"])
    del C.v
    check(o, ["v"])
    C.__getattr__ = lambda self, n: "hooked"
    check(o, ["v", "other"])


def test_subclass_through_base_policy():
    class Sub(Plain):
        def __init__(self, a):
            self.a = a

        @property
        def b(self):
            return "sub property"

    base, sub = Plain(1, 2), Sub(3)
    pol_names = ["a", "b"]
    check(base, pol_names)
    check(sub, pol_names)
    check(base, pol_names)  # the plan follows the object's own type


def test_values_after_attribute_added_to_other_instances():
    class K:
        def __init__(self, v):
            self.v = v

    first = K(1)
    check(first, ["v", "w"])
    second = K(2)
    second.w = "late"  # a new key in the class's shared keys
    check(first, ["v", "w"])
    check(second, ["v", "w"])


def test_values_have_cpythons_types():
    big = 10**30
    o = Plain(big, None)
    o.c = True
    o.d = -2.5
    check(o, ["a", "b", "c", "d"])
