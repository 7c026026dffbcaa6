"""Snapshots of paused runs: ``Snapshot.dump()`` / ``pyexpr.Snapshot.load()``.

* Equivalence: generated programs with external calls, paused at EVERY call,
  dumped, and each pause resumed in a FRESH PROCESS from the bytes, print
  what CPython prints when the externals are plain functions (computed at
  test time).
* What a snapshot keeps: sharing, cycles, generators, closures, an exception
  being handled, the limits used so far.
* Hostile bytes: truncated, altered or forged (re-signed) bytes give a
  ValueError, never a crash (the mutation run is a subprocess, so a crash
  fails the test instead of killing pytest).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from _extension_build import load_pyexpr

from test_pause import cpython_output, drive

pyexpr = load_pyexpr()

KEY = b"test-key-for-snapshots"
HERE = Path(__file__).resolve().parent
HDR = 6 + 1 + 32  # magic, version, MAC

# The worker of the fresh processes: reads a snapshot from stdin, resumes it
# with the host's answer, writes b"S" + next snapshot or b"C" + output.
WORKER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[1])
    from _extension_build import load_pyexpr
    from test_pause import answer
    pyexpr = load_pyexpr()
    data = sys.stdin.buffer.read()
    s = pyexpr.Snapshot.load(data, key=sys.argv[2].encode())
    try:
        value = answer(s.function, s.args, s.kwargs)
    except Exception as e:
        nxt = s.resume_error(e)
    else:
        nxt = s.resume(value)
    out = sys.stdout.buffer
    if isinstance(nxt, pyexpr.Snapshot):
        body = nxt.dump(key=sys.argv[2].encode())
        text = nxt.output.encode()
        out.write(b"S" + len(text).to_bytes(8, "little") + text + body)
    else:
        out.write(b"C" + nxt.output.encode())
    """
)


def run_chain(src, externals):
    """Starts src here, then resumes every pause in a fresh process."""
    code = pyexpr.compile(src, mode="exec")
    s = code.start(externals=externals)
    if isinstance(s, pyexpr.Complete):
        return s.output, 0
    out = [s.output]
    data = s.dump(key=KEY)
    pauses = 1
    while True:
        r = subprocess.run(
            [sys.executable, "-c", WORKER, str(HERE), KEY.decode()],
            input=data,
            capture_output=True,
            timeout=120,
        )
        assert r.returncode == 0, r.stderr.decode()
        if r.stdout[:1] == b"C":
            out.append(r.stdout[1:].decode())
            return "".join(out), pauses
        n = int.from_bytes(r.stdout[1:9], "little")
        out.append(r.stdout[9 : 9 + n].decode())
        data = r.stdout[9 + n :]
        pauses += 1


# ---- generated programs -------------------------------------------------

def gen_program(rng: random.Random) -> str:
    """A small program that calls the externals `double` and `other` in
    varied places (loops, functions, generators, closures, handlers)."""
    lines = ["acc = []", "shared = {'n': 0}"]
    for i in range(rng.randint(2, 4)):
        kind = rng.choice(["loop", "func", "gen", "closure", "try", "with_data", "comp", "module", "cls"])
        a = rng.randint(0, 5)
        if kind == "loop":
            lines += [f"for i in range({rng.randint(1, 3)}):",
                      f"    acc.append(double(i + {a}))"]
        elif kind == "func":
            lines += [f"def f{i}(x, y={a}):",
                      "    shared['n'] += 1",
                      "    return other(x, y=y) if x % 2 else double(x, add=y)",
                      f"acc.append(f{i}({rng.randint(0, 4)}))"]
        elif kind == "gen":
            lines += [f"def g{i}(n):",
                      "    for k in range(n):",
                      "        yield double(k)",
                      f"for v in g{i}({rng.randint(1, 3)}):",
                      "    acc.append(v)"]
        elif kind == "closure":
            lines += [f"def mk{i}(k):",
                      "    def inner(x):",
                      "        return double(x, add=k)",
                      "    return inner",
                      f"h{i} = mk{i}({a})",
                      f"acc.append(h{i}({rng.randint(0, 3)}))"]
        elif kind == "try":
            lines += ["try:",
                      f"    fail({a})",
                      "except ValueError as e:",
                      "    acc.append(str(e))",
                      "    acc.append(double(1))"]
        elif kind == "with_data":
            lines += [f"t{i} = (acc, [1, 2], frozenset({{{a}}}), 10 ** {20 + a}, b'x', 1.5)",
                      f"acc.append(other(t{i}[1:], z=t{i}[2]))"]
        elif kind == "module":  # modules travel by name (imported again on load)
            mod = rng.choice(["math", "json", "collections"])
            # (a function of a C module such as math.floor cannot be on the
            # stack at a pause: it is computed after the call)
            use = {"math": f"m{i}.floor(v{i} / 3)", "json": f"m{i}.dumps([double({a})])",
                   "collections": f"m{i}.Counter([double({a}), {a}, {a}]).most_common(1)"}[mod]
            lines += [f"import {mod} as m{i}", f"v{i} = double({a})", f"acc.append({use})"]
        elif kind == "cls":  # the script's classes and their instances (values and dict modes)
            lines += [f"class C{i}:",
                      f"    tag = {a}",
                      "    def __init__(self, v):",
                      "        self.v = v",
                      "    def get(self):",
                      "        return double(self.v, add=self.tag)",
                      "    @property",
                      "    def twice(self):",
                      "        return self.v * 2",
                      "    def __repr__(self):",
                      "        return f'C(v={self.v!r}, twice={self.twice})'",
                      f"class D{i}(C{i}):",
                      "    def get(self):",
                      f"        self.seen = C{i}.get(self)  # (super() calls run nested: no pause)",
                      "        return [self, self.seen]",
                      f"o{i} = D{i}({rng.randint(0, 4)})",
                      f"o{i}.other = C{i}([o{i}])" if rng.random() < 0.5 else f"vars(o{i})['k'] = 1",
                      f"acc.append(o{i}.get())",
                      f"acc.append((type(o{i}).__name__, isinstance(o{i}, C{i}), o{i}.tag))"]
        else:
            lines += [f"acc.append([double(j) for j in range({rng.randint(1, 3)})])"]
    lines.append("print(acc, shared)")
    return "\n".join(lines) + "\n"


EXTERNALS = ["double", "other", "fail"]


@pytest.mark.parametrize("seed", range(6))
def test_fresh_process_equivalence(seed):
    src = gen_program(random.Random(seed))
    expected = cpython_output(src, EXTERNALS)
    got, pauses = run_chain(src, EXTERNALS)
    assert got == expected, src
    assert pauses >= 2


@pytest.mark.parametrize("seed", range(6, 40))
def test_in_process_reload_equivalence(seed):
    """The same, reloading in this process at every pause (cheap: many programs)."""
    src = gen_program(random.Random(seed))
    expected = cpython_output(src, EXTERNALS)
    code = pyexpr.compile(src, mode="exec")
    out, _ = drive(code.start(externals=EXTERNALS), reload=lambda s: pyexpr.Snapshot.load(s.dump()))
    assert out == expected, src


# ---- what a snapshot keeps -------------------------------------------------

def test_sharing_cycles_and_state():
    src = (
        "a = [1, 2]\nd = {'x': a, 'y': a}\nd['me'] = d\nt = (a, d)\n"
        "def g():\n    yield 1\n    yield fetch()\n    yield 3\n"
        "it = g()\nfirst = next(it)\n"
        "try:\n    {}['k']\nexcept KeyError:\n    r = fetch()\n    print('handled', repr(r))\n"
        "rest = [v for v in it]\n"
        "print(first, rest, d['x'] is d['y'] is a, d['me'] is d, t[1] is d)\n"
    )
    code = pyexpr.compile(src, mode="exec")
    s = code.start(externals=["fetch"])
    s = pyexpr.Snapshot.load(s.dump()).resume("r1")
    s = pyexpr.Snapshot.load(s.dump()).resume("two")
    assert s.output == "1 ['two', 3] True True True\n"


def test_limits_travel_with_the_snapshot():
    code = pyexpr.compile("for i in range(1000):\n    fetch(i)\n", mode="exec")
    s = code.start(externals=["fetch"], max_steps=100, max_external_calls=500)
    with pytest.raises(pyexpr.LimitError, match="step limit"):
        for _ in range(1000):
            s = pyexpr.Snapshot.load(s.dump()).resume(None)
    s = code.start(externals=["fetch"], max_external_calls=3)
    with pytest.raises(pyexpr.LimitError, match="max_external_calls=3"):
        for _ in range(10):
            s = pyexpr.Snapshot.load(s.dump()).resume(None)


def test_unsupported_objects_are_a_clear_error():
    cases = {
        "class A:\n    __slots__ = ('x',)\na = A()\nfetch()\n": "cannot snapshot (class 'A'|an instance of class 'A')",
        "class B(ValueError):\n    pass\ndef f(b):\n    fetch()\nf(B())\n": "class 'B'",
        "import collections\nc = collections.Counter('ab')\nfetch()\n": "an instance of class 'Counter'",
        "m = {}.items()\nfetch()\n": "cannot snapshot a 'dict_items' object",
        "import math\nx = math.floor(fetch() or 1)\n": "cannot snapshot a 'builtin_function_or_method'",
    }
    for src, msg in cases.items():
        s = pyexpr.compile(src, mode="exec").start(externals=["fetch"])
        with pytest.raises(TypeError, match=msg):
            s.dump()
        assert isinstance(s.resume(None), pyexpr.Complete)  # still usable


def test_modules_are_imported_again_on_load():
    src = (
        "import math, json\nimport collections as c\nm = math\n"
        "def f(x):\n    return m.sqrt(x) + len(json.dumps([x]))\n"
        "a = f(double(8))\nb = double(2)\n"
        "print(a, b, m.pi, json.dumps({'k': b}), c.Counter('abca').most_common(1), m is math)\n"
    )
    got, pauses = run_chain(src, ["double"])
    expected = cpython_output(src, ["double"])
    assert got == expected and pauses == 2


CLASSES = """
class Base:
    kind = 'base'
    def __init__(self, x):
        self.x = x
    def total(self):
        return self.x * 2
    def __repr__(self):
        return f"{type(self).__name__}({self.x!r})"
    def __eq__(self, other):
        return isinstance(other, Base) and self.x == other.x
    __hash__ = None
class Child(Base):
    count = 0
    def total(self):
        Child.count += 1
        return super().total() + double(self.x)
    @staticmethod
    def s(a):
        return a + 1
    @classmethod
    def c(cls):
        return cls.__name__
    @property
    def p(self):
        return self.x + 100
a = Base(1)
b = Child(2)
b.extra = [a, b]
vars(a)['late'] = {'b': b}
t = b.total()
u = Child(double(5)).total()
print(a, b, t, u, b.extra[1] is b, a.late['b'] is b, isinstance(b, Base), [k.__name__ for k in Child.__mro__], b == Child(2))
print(Child.s(1), Child.c(), b.p, vars(b), vars(a), type(b).__qualname__, Base.kind, Child.count)
"""


def test_classes_and_instances_travel():
    """The script's classes (methods, super(), staticmethod, classmethod,
    property, class attributes changed at run time) and their instances
    (sharing, cycles, dict-mode attributes), paused and reloaded in fresh
    processes."""
    got, pauses = run_chain(CLASSES, ["double"])
    assert got == cpython_output(CLASSES, ["double"]) and pauses == 3


def test_dump_load_argument_checks():
    s = pyexpr.compile("fetch()\n", mode="exec").start(externals=["fetch"])
    with pytest.raises(ValueError, match="must not be empty"):
        s.dump(key=b"")
    data = s.dump(key=b"k1")
    with pytest.raises(ValueError, match="authentication failed"):
        pyexpr.Snapshot.load(data, key=b"k2")
    with pytest.raises(ValueError, match="not a pyexpr snapshot"):
        pyexpr.Snapshot.load(b"hello")
    with pytest.raises(ValueError, match="unsupported snapshot version"):
        pyexpr.Snapshot.load(data[:6] + b"\x63" + data[7:], key=b"k1")
    assert pyexpr.Snapshot.load(data, key=b"k1").function == "fetch"
    s.resume(None)
    with pytest.raises(RuntimeError, match="already resumed"):
        s.dump()


# ---- hostile bytes ------------------------------------------------------------

def sign(body: bytes, key: bytes = KEY) -> bytes:
    return b"PXSNAP\x01" + hmac.new(key, body, hashlib.sha256).digest() + body


FUZZ = textwrap.dedent(
    """
    import random, sys, hmac, hashlib
    sys.path.insert(0, sys.argv[1])
    from _extension_build import load_pyexpr
    pyexpr = load_pyexpr()
    key = sys.argv[2].encode()
    seeds = [bytes.fromhex(h) for h in sys.stdin.read().split()]
    rng = random.Random(int(sys.argv[3]))
    loaded = 0
    for n in range(int(sys.argv[4])):
        body = bytearray(rng.choice(seeds)[39:])
        for _ in range(rng.randint(1, 4)):
            op = rng.random()
            i = rng.randrange(len(body)) if body else 0
            if op < 0.5 and body:
                body[i] = rng.randrange(256)
            elif op < 0.7:
                del body[i:i + rng.randint(1, 8)]
            elif op < 0.85:
                body[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
            else:
                body = body[:i]
        data = b"PXSNAP\\x01" + hmac.new(key, bytes(body), hashlib.sha256).digest() + bytes(body)
        try:
            s = pyexpr.Snapshot.load(data, key=key)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError, pyexpr.LimitError):
            continue
        loaded += 1
        del s  # abandoned: its frames are dropped
    print("loaded", loaded)
    """
)


def seed_snapshots():
    progs = [
        "x = [1, 'a', 2.5, None, True, 10**40, b'by', bytearray(b'z'), (1,), {1}, frozenset({2})]\n"
        "d = {'k': x}\nd['d'] = d\nprint(fetch(x, k=len(d)), d)\n",
        "def g(n):\n    for i in range(n):\n        yield fetch(i)\nfor v in g(3):\n    print(v)\n",
        "def mk(k):\n    def f(x):\n        return fetch(x, k=k)\n    return f\nprint(mk(2)(3))\n",
        "try:\n    1/0\nexcept ZeroDivisionError as e:\n    print(fetch(str(e)))\n",
        "acc = []\nfor i in range(3):\n    acc.append(fetch(i))\n",
        "print(undefined_name)\n",
        "import json, collections\nm = json\nC = collections.OrderedDict\nprint(m.dumps(fetch(1)), C)\n",
        "class A:\n    k = 1\n    def f(self):\n        return fetch(self.k)\n    @property\n    def p(self):\n"
        "        return 2\nclass B(A):\n    @staticmethod\n    def s():\n        return 3\n"
        "b = B()\nb.x = [b, A()]\nprint(b.f())\n",
    ]
    out = []
    for src in progs:
        s = pyexpr.compile(src, mode="exec").start(externals=["fetch"], resolve_names=True)
        out.append(s.dump(key=KEY))
    return out


def test_altered_bytes_are_refused():
    data = seed_snapshots()[0]
    for i in range(HDR, len(data), max(1, len(data) // 50)):
        bad = bytearray(data)
        bad[i] ^= 0x40
        with pytest.raises(ValueError, match="authentication failed"):
            pyexpr.Snapshot.load(bytes(bad), key=KEY)
    for n in range(0, len(data), max(1, len(data) // 30)):
        with pytest.raises(ValueError):
            pyexpr.Snapshot.load(data[:n], key=KEY)


def test_forged_bytes_never_crash():
    """Mutated bodies re-signed with the key (an attacker who has it): the
    loader's own checks must refuse them cleanly or load them."""
    seeds = seed_snapshots()
    hexes = "\n".join(d.hex() for d in seeds)
    r = subprocess.run(
        [sys.executable, "-c", FUZZ, str(HERE), KEY.decode(), "1234", os.environ.get("PYEXPR_SNAPSHOT_FUZZ", "3000")],
        input=hexes.encode(),
        capture_output=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr.decode()[-3000:]
    assert r.stdout.startswith(b"loaded")


def test_truncated_signed_bodies_never_crash():
    for data in seed_snapshots():
        body = data[HDR:]
        for n in range(len(body)):
            with pytest.raises(ValueError):
                pyexpr.Snapshot.load(sign(body[:n]), key=KEY)
