"""The classic Python sandbox escapes, run through pyexpr (docs/security.md,
"Introspection"). Each must end in a specific harmless outcome: an
AttributeError / NameError-like NotImplementedError / ModuleNotFoundError, a
SyntaxError naming a feature pyexpr does not have yet, or a value made only
of the interpreter's own objects. None may reach a host capability (a module
other than math/sys, a frame, code object, globals or builtins dict, a file,
os.system...).

The outcomes allowed for each escape include what classes and generators
will give once they land (a `class` statement compiles, `__class__`,
`__mro__`, `__dict__` exist on instances and classes): the tests hold before
and after, and nothing is xfailed. The explorer test walks everything a
script can reach from the engine's objects through attributes, containers
and the usual escape methods, and checks that none of it is a capability.
"""

from __future__ import annotations

import re

import pytest

from _extension_build import load_pyexpr
from _util import run_cpython, run_pyexpr

# What an escape must never reach: CPython classes and functions that are
# host capabilities, dict keys of a globals/builtins/os namespace, and the
# repr of a host module.
HOST_TYPES = {
    "_wrap_close", "Popen", "FileIO", "BufferedReader", "BufferedWriter", "BuiltinImporter",
    "FrozenImporter", "SourceFileLoader", "FileFinder", "PathFinder", "ModuleSpec",
    "catch_warnings", "Quitter", "_Printer", "_Helper", "socket", "PyCapsule", "Pickler",
}
HOST_NAMES = {
    "system", "popen", "open", "exec", "eval", "compile", "__import__", "getenv", "putenv",
    "listdir", "remove", "unlink", "fork", "execv", "spawnv", "load_module", "get_data",
    "_getframe", "breakpoint", "input", "exit", "quit",
}
HOST_KEYS = {"os", "system", "environ", "open", "__import__", "popen", "subprocess", "__loader__",
             "__spec__", "__builtins__", "modules", "path"}

OUTCOME = '''
print("start")
try:
    r = {expr}
    print("OUTCOME VALUE", type(r).__name__, repr(r)[:3000])
except BaseException as e:
    print("OUTCOME EXC", type(e).__name__ + ":", e)
'''


def _outcome(prelude: str, expr: str) -> str:
    src = prelude + OUTCOME.format(expr=expr)
    res = run_pyexpr(["-c", src])
    assert res.returncode in (0, 1), res
    if res.returncode == 1:  # did not compile: a feature pyexpr does not have yet
        assert res.stdout == b"", res
        return "SYNTAX " + res.stderr.decode().strip().splitlines()[-1]
    lines = [ln for ln in res.stdout.decode().splitlines() if ln.startswith("OUTCOME ")]
    assert len(lines) == 1, res
    return lines[0][len("OUTCOME "):]


def _harmless_value(text: str) -> bool:
    """A VALUE outcome's repr names no host capability."""
    for bad in ("<module '", "<frame", "<code object", "<cell", "_wrap_close", "Popen", "FileIO",
                "BuiltinImporter", "Loader", "<built-in function system", "<built-in function open",
                "__import__", "'environ'", "os."):
        if bad in text and not text.startswith(("VALUE module <module 'math'", "VALUE module <module 'sys'")):
            return False
    return True


CLASS_SYNTAX = r"SYNTAX SyntaxError: class definitions are not supported by pyexpr"
YIELD_SYNTAX = r"SYNTAX SyntaxError: 'yield' is not supported by pyexpr"

# (id, prelude, expression, allowed outcomes: regexes; "VALUE ..." outcomes
# are additionally checked by _harmless_value)
ESCAPES = [
    ("tuple_subclasses", "", "().__class__.__base__.__subclasses__()",
     [r"EXC AttributeError: 'tuple' object has no attribute '__class__'",
      r"EXC AttributeError: type object 'object' has no attribute '__subclasses__'",
      r"VALUE list \["]),
    ("object_via_mro", "x = 1\n", "x.__class__.__mro__[-1]",
     [r"EXC AttributeError: 'int' object has no attribute '__class__'",
      r"EXC AttributeError: type object 'int' has no attribute '__mro__'",
      r"VALUE type <class 'object'>$"]),
    ("type_subclasses_object", "", "type.__subclasses__(object)",
     [r"EXC AttributeError: type object 'type' has no attribute '__subclasses__'",
      r"VALUE list \["]),
    ("function_globals", "def f():\n    return 1\n", "f.__globals__",
     [r"EXC AttributeError: 'function' object has no attribute '__globals__'$"]),
    ("lambda_globals", "", "(lambda: 0).__globals__",
     [r"EXC AttributeError: 'function' object has no attribute '__globals__'$"]),
    ("function_code", "def f():\n    return 1\n", "f.__code__",
     [r"EXC AttributeError: 'function' object has no attribute '__code__'$"]),
    ("function_builtins", "def f():\n    return 1\n", "f.__builtins__",
     [r"EXC AttributeError: 'function' object has no attribute '__builtins__'$"]),
    ("function_closure",
     "def f():\n    x = 1\n    def g():\n        return x\n    return g\n", "f().__closure__",
     [r"EXC AttributeError: 'function' object has no attribute '__closure__'$"]),
    ("builtins_name", "", "__builtins__",
     [r"EXC NotImplementedError: built-in '__builtins__' is not supported by pyexpr$"]),
    ("import_builtin", "", "__import__('os')",
     [r"EXC NotImplementedError: built-in '__import__' is not available in the pyexpr sandbox$"]),
    ("builtin_self", "", "len.__self__",
     [r"EXC AttributeError: 'builtin_function_or_method' object has no attribute '__self__'"]),
    ("method_self_module", "", "print.__module__",
     [r"EXC AttributeError: 'builtin_function_or_method' object has no attribute '__module__'",
      r"VALUE (str|NoneType) ('builtins'|None)$"]),
    ("genexpr_frame", "", "(i for i in range(3)).gi_frame.f_back",
     [r"EXC AttributeError: '(list_iterator|generator)' object has no attribute 'gi_frame'",
      r"EXC AttributeError: '(frame|NoneType)' object has no attribute 'f_back'",
      r"VALUE NoneType None$"]),
    ("generator_frame", "def g():\n    yield 1\nit = g()\n", "it.gi_frame.f_back.f_globals",
     [YIELD_SYNTAX,
      r"EXC AttributeError: 'generator' object has no attribute 'gi_frame'",
      r"EXC AttributeError: '(frame|NoneType)' object has no attribute '(f_back|f_globals)'"]),
    ("traceback_frame", "try:\n    1 / 0\nexcept Exception as exc:\n    e = exc\n",
     "e.__traceback__.tb_frame.f_globals",
     [r"EXC AttributeError: 'ZeroDivisionError' object has no attribute '__traceback__'",
      r"EXC AttributeError: '(traceback|NoneType)' object has no attribute 'tb_frame'",
      r"EXC AttributeError: 'frame' object has no attribute 'f_globals'"]),
    ("format_attribute", "", "'{0.__class__.__base__.__subclasses__}'.format(())",
     [r"EXC AttributeError: 'tuple' object has no attribute '__class__'",
      r"EXC AttributeError: type object 'object' has no attribute '__subclasses__'",
      r"VALUE str '<built-in method __subclasses__"]),
    ("getattr_dunder", "", "getattr(getattr((), '__class__'), '__base__')",
     [r"EXC AttributeError: 'tuple' object has no attribute '__class__'",
      r"VALUE type <class 'object'>$"]),
    ("math_loader", "import math\n", "math.__loader__",
     [r"EXC AttributeError: module 'math' has no attribute '__loader__'"]),
    ("math_dict", "import math\n", "math.__dict__",
     [r"EXC AttributeError: module 'math' has no attribute '__dict__'"]),
    ("sys_modules", "import sys\n", "sys.modules",
     [r"EXC AttributeError: module 'sys' has no attribute 'modules'$"]),
    ("sys_getframe", "import sys\n", "sys._getframe()",
     [r"EXC AttributeError: module 'sys' has no attribute '_getframe'"]),
    ("sys_path_getattr", "import sys\n", "getattr(sys, 'path')",
     [r"EXC AttributeError: module 'sys' has no attribute 'path'"]),
    ("stdout_buffer", "import sys\n", "sys.stdout.buffer",
     [r"EXC AttributeError: '_io.TextIOWrapper' object has no attribute 'buffer'$"]),
    ("stdout_fileno", "import sys\n", "sys.stdout.fileno()",
     [r"EXC AttributeError: '_io.TextIOWrapper' object has no attribute 'fileno'$"]),
    ("vars_builtin", "", "vars(len)",
     [r"EXC NotImplementedError: built-in 'vars' is not supported by pyexpr$",
      r"EXC TypeError: vars\(\) argument must have __dict__ attribute$"]),
    ("class_init_globals", "class A:\n    pass\n", "A.__init__.__globals__",
     [CLASS_SYNTAX, r"EXC AttributeError: '(wrapper_descriptor|method_descriptor|builtin_function_or_method|function|method-wrapper)' object has no attribute '__globals__'"]),
    ("class_method_globals", "class A:\n    def m(self):\n        return 1\n", "A().m.__func__.__globals__",
     [CLASS_SYNTAX,
      r"EXC AttributeError: 'method' object has no attribute '__func__'",
      r"EXC AttributeError: 'function' object has no attribute '__globals__'$"]),
    ("class_object_subclasses", "class A:\n    pass\n", "A.__mro__[-1].__subclasses__()",
     [CLASS_SYNTAX, r"EXC AttributeError: type object 'object' has no attribute '__subclasses__'",
      r"VALUE list \["]),
    ("class_dict", "class A:\n    x = 1\n", "sorted(k for k in A.__dict__ if not k.startswith('__'))",
     [CLASS_SYNTAX, r"VALUE list \['x'\]$"]),
    ("instance_class_dict", "class A:\n    pass\na = A()\na.y = 2\n", "(a.__dict__, a.__class__.__name__)",
     [CLASS_SYNTAX, r"VALUE tuple \(\{'y': 2\}, 'A'\)$"]),
]


@pytest.mark.parametrize("name,prelude,expr,allowed", ESCAPES, ids=[e[0] for e in ESCAPES])
def test_escape_outcome(pyexpr_bin, name, prelude, expr, allowed):
    got = _outcome(prelude, expr)
    assert any(re.match(p, got) for p in allowed), f"{name}: unexpected outcome {got!r}"
    if got.startswith("VALUE"):
        assert _harmless_value(got), f"{name}: {got!r}"


@pytest.mark.parametrize("mod", ["os", "posix", "subprocess", "builtins", "importlib", "ctypes",
                                 "_io", "gc", "inspect", "socket", "shutil", "pathlib", "tempfile"])
def test_import_refused(pyexpr_bin, mod):
    res = run_pyexpr(["-c", f"print('start')\nimport {mod}"])
    assert res.returncode == 1 and res.stdout == b"start\n"
    assert res.stderr.decode().strip().splitlines()[-1] == f"ModuleNotFoundError: No module named '{mod}'"


@pytest.mark.parametrize("attr", ["open", "FileIO", "BufferedReader", "TextIOWrapper", "open_code"])
def test_io_is_in_memory_only(pyexpr_bin, attr):
    """io ships StringIO/BytesIO only: nothing that opens a file."""
    res = run_pyexpr(["-c", f"import io\nprint(hasattr(io, {attr!r}))"])
    assert res.returncode == 0 and res.stdout == b"False\n", res


# Everything reachable: a breadth-first walk over attributes, items and the
# usual escape calls, from every kind of object a script can make. Written
# in the subset pyexpr runs today (no class statement), so it runs before
# and after classes land; what classes add (__class__, __mro__, __dict__ on
# instances and types) is walked automatically once it exists.
EXPLORER = r'''
import math
import sys
ATTRS = ["__class__", "__base__", "__bases__", "__mro__", "__dict__", "__globals__", "__code__",
         "__closure__", "__builtins__", "__func__", "__self__", "__module__", "__loader__",
         "__spec__", "__init__", "__new__", "__call__", "__getattribute__", "__objclass__",
         "__wrapped__", "__traceback__", "__context__", "__cause__", "gi_frame", "gi_code",
         "f_back", "f_globals", "f_locals", "f_builtins", "tb_frame", "tb_next", "cr_frame",
         "co_consts", "cell_contents", "__defaults__", "__kwdefaults__", "__get__", "__set__",
         "fget", "fset", "__qualname__", "__name__", "__doc__", "args", "value", "code",
         "stdout", "stderr", "implementation", "version_info", "float_info", "int_info", "argv",
         "buffer", "raw", "_io", "modules", "path", "meta_path", "environ"]
CALLS = ["__subclasses__", "mro", "__reduce__", "__reduce_ex__", "__dir__", "__getstate__",
         "__sizeof__", "__init_subclass__"]
BAD_TYPES = BAD_TYPES_PLACEHOLDER
BAD_NAMES = BAD_NAMES_PLACEHOLDER
OWN_NAMESAKES = [sys.exit, list.remove, set.remove]
BAD_KEYS = BAD_KEYS_PLACEHOLDER

def f(a, b=2, *c, d=3, **e):
    return a
def outer():
    x = [1]
    def inner():
        return x
    return inner
try:
    1 / 0
except ZeroDivisionError as exc:
    caught = exc
try:
    try:
        raise KeyError("k")
    except KeyError as k:
        raise ValueError("v") from k
except ValueError as exc2:
    chained = exc2
roots = [(), (1, "a"), [], [1], {}, {"k": 1}, set(), {1}, frozenset(), 1, 2 ** 100, 1.5, True,
         None, "s", range(3), slice(1, 2), len, print, getattr, isinstance, iter, type, int, str,
         list, dict, tuple, set, frozenset, range, slice, bool, float, BaseException, Exception,
         ValueError, KeyError, StopIteration, SystemExit, caught, chained, f, outer, outer(),
         lambda: 0, iter([]), iter(()), iter({}), iter(""), enumerate([]), zip(), map(len, []),
         filter(None, []), reversed([]), {}.keys(), {}.values(), {}.items(), [].append,
         "".join, (i for i in range(2)), math, math.sqrt, sys, sys.exit, sys.stdout, sys.stderr,
         sys.stdout.write, sys.version_info, sys.implementation, sys.float_info, sys.argv,
         HOST_PLACEHOLDER]
queue = list(roots)
seen = set()
found = []
head = 0
visited = 0
while head < len(queue) and visited < 20000:
    x = queue[head]
    head += 1
    try:
        key = (type(x).__name__, id(x))
    except BaseException:
        continue
    if key in seen:
        continue
    seen.add(key)
    visited += 1
    tn = type(x).__name__
    if tn in BAD_TYPES:
        found.append("type " + tn)
    try:
        r = repr(x)
    except BaseException:
        r = ""
    if r.startswith("<module '") and not (r.startswith("<module 'math'") or r.startswith("<module 'sys'")):
        found.append("module " + r)
    if callable(x):
        try:
            nm = x.__name__
        except BaseException:
            nm = None
        # pyexpr's own functions that share a capability's name (its
        # sys.exit raises SystemExit in the script; list/set.remove) are
        # not one (same type and repr as the script's own: method
        # descriptors are made afresh on each access, so not `is`)
        if nm in BAD_NAMES and not any(type(x) is type(ok) and r == repr(ok) for ok in OWN_NAMESAKES):
            found.append("callable " + str(nm) + " " + r[:80])
    if isinstance(x, dict):
        for k in list(x)[:200]:
            if k in BAD_KEYS:
                found.append("dict key " + repr(k))
            queue.append(k)
            queue.append(x[k])
    elif isinstance(x, (list, tuple, set, frozenset)):
        for item in list(x)[:200]:
            queue.append(item)
    for a in ATTRS:
        try:
            queue.append(getattr(x, a))
        except BaseException:
            pass
    for a in CALLS:
        try:
            m = getattr(x, a)
        except BaseException:
            continue
        for args in ((), (2,)):
            try:
                queue.append(m(*args))
            except BaseException:
                pass
print("visited", visited)
print("found", found)
'''


def _explorer(host_root: str = "None") -> str:
    return (EXPLORER.replace("BAD_TYPES_PLACEHOLDER", repr(sorted(HOST_TYPES)))
            .replace("BAD_NAMES_PLACEHOLDER", repr(sorted(HOST_NAMES)))
            .replace("BAD_KEYS_PLACEHOLDER", repr(sorted(HOST_KEYS)))
            .replace("HOST_PLACEHOLDER", host_root))


def test_explorer_finds_no_capability(pyexpr_bin):
    res = run_pyexpr(["--timeout", "60", "-c", _explorer()], timeout=120)
    assert res.returncode == 0, res
    out = res.stdout.decode().splitlines()
    assert out[-1] == "found []", out[-1]
    assert int(out[-2].split()[1]) > 80  # it did walk the roots


def test_explorer_detects_escapes_in_cpython(tmp_path):
    """The control: the same walk run by CPython itself finds the host
    (builtins and os namespaces, importers, files): the detector works."""
    prog = tmp_path / "explorer.py"
    prog.write_text(_explorer())
    res = run_cpython(["-W", "ignore", str(prog)], timeout=300)
    assert res.returncode == 0, res
    found = res.stdout.decode().splitlines()[-1]
    assert "module <module 'builtins'" in found and "dict key '__builtins__'" in found, found[:500]


def test_explorer_in_the_extension_with_host_functions():
    """Under `import pyexpr` the roots include host functions and the
    extension's objects: still nothing of the host process is reachable."""
    pyexpr = load_pyexpr()
    import io
    import contextlib
    import os

    out = io.StringIO()
    names = {"hostfn": len, "hostfn2": os.getcwd, "data": {"a": [1, (2.5, "x")]}}
    with contextlib.redirect_stdout(out):
        pyexpr.exec(_explorer("hostfn, hostfn2, data, hostfn('ab')"), names, timeout=60)
    lines = out.getvalue().splitlines()
    assert lines[-1] == "found []", lines[-1]
    assert int(lines[-2].split()[1]) > 80


def test_host_function_is_opaque():
    pyexpr = load_pyexpr()
    import os

    for attr in ("__globals__", "__code__", "__self__", "__module__", "__closure__", "__dict__"):
        with pytest.raises(AttributeError):
            pyexpr.eval(f"f.{attr}", {"f": os.getcwd})
