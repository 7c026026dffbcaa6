"""Host modules: pyexpr.register_module lets scripts `import` a namespace the
host provides (issue 14, import system)."""
import pytest

pyexpr = pytest.importorskip("pyexpr")
if not hasattr(pyexpr, "register_module"):
    pytest.skip("extension not built", allow_module_level=True)


@pytest.fixture
def tools():
    calls = []

    def search(q, limit=2):
        calls.append(q)
        return [q.upper()] * limit

    pyexpr.register_module("tools", {"search": search, "VERSION": 3, "names": ["a", "b"]})
    yield calls
    pyexpr.unregister_module("tools")


def test_import_and_call(tools):
    r = pyexpr.exec("import tools\nv = tools.search('x', limit=3)\nn = tools.VERSION")
    assert r["v"] == ["X", "X", "X"] and r["n"] == 3
    assert tools == ["x"]


def test_from_import_and_star(tools):
    r = pyexpr.exec("from tools import search as s, VERSION\nfrom tools import *\n"
                    "a = s('q')\nb = names\nc = VERSION")
    assert r["a"] == ["Q", "Q"] and r["b"] == ["a", "b"] and r["c"] == 3


def test_missing_attribute_and_module(tools):
    with pytest.raises(ImportError, match=r"cannot import name 'nope' from 'tools' \(unknown location\)"):
        pyexpr.exec("from tools import nope")
    with pytest.raises(ModuleNotFoundError, match="No module named 'tools2'"):
        pyexpr.exec("import tools2")
    assert pyexpr.eval("1") == 1


def test_repr_and_isolation_between_runs(tools):
    assert pyexpr.exec("import tools\nr = repr(tools)")["r"] == "<module 'tools' (built-in)>"
    # a script's change to the module does not reach the next run
    pyexpr.exec("import tools\ntools.VERSION = 99")
    assert pyexpr.exec("import tools\nv = tools.VERSION")["v"] == 3


def test_host_exception_propagates(tools):
    def bad():
        raise KeyError("k")

    pyexpr.register_module("bad", {"f": bad})
    try:
        r = pyexpr.exec("import bad\ntry:\n    bad.f()\nexcept KeyError as e:\n    m = str(e)")
        assert r["m"] == "'k'"
        with pytest.raises(KeyError):
            pyexpr.exec("import bad\nbad.f()")
    finally:
        pyexpr.unregister_module("bad")


def test_unconvertible_value_is_a_clear_error():
    pyexpr.register_module("odd", {"x": object()})
    try:
        with pytest.raises(TypeError, match=r"cannot convert attribute 'x' of module 'odd' \(type 'object'\)"):
            pyexpr.exec("import odd")
    finally:
        pyexpr.unregister_module("odd")


def test_builtin_modules_cannot_be_replaced():
    pyexpr.register_module("math", {"pi": 3})
    try:
        assert pyexpr.exec("import math\np = math.pi")["p"] == pytest.approx(3.141592653589793)
    finally:
        pyexpr.unregister_module("math")


def test_register_errors():
    with pytest.raises(TypeError):
        pyexpr.register_module(1, {})
    with pytest.raises(TypeError):
        pyexpr.register_module("x", 5)
    with pytest.raises(KeyError):
        pyexpr.unregister_module("never_registered")
