"""The opcode table (csrc/core/pe_opcodes.h) and its consumers.

* ``csrc/tests/test_opcodes.c`` (built by ``make`` against libpyexpr.a, one
  subtest per run): the table's columns agree, the compiler's stack-depth
  flow pass gives the exact maximum depth, ``pe_code_flags`` sets
  PE_CODE_BOUNDED exactly for the programs pyexpr.h promises, and a byte that
  is no opcode raises SystemError("unknown opcode N") (catchable, with a
  traceback), never SystemExit or a crash.
* ``PYEXPR_DIS=1`` listing: its shape, arguments shown by kind (constants,
  names, jump targets, operators), and every frame's ``stack=`` is the flow
  pass's maximum (the listing of a program with a known depth).
* Under the debug/sanitizer build (``make asan``: -DPE_DEBUG, where the VM
  asserts the stack pointer against the computed maximum at every push and
  pop, frame bounds at every frame load and refcounts at every release),
  programs with handlers, loops, comprehensions and calls run clean. The
  whole corpus runs the same way under ``make leakcheck``.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from _util import get_pyexpr_bin, run_cpython

ROOT = Path(__file__).resolve().parents[1]
SUBTESTS = ["table", "stack_depth", "bounded", "bad_opcode"]


def _opcode_names() -> list:
    text = (ROOT / "csrc" / "core" / "pe_opcodes.h").read_text()
    return re.findall(r"^\s*OP\((\w+),", text, re.M)


@pytest.fixture(scope="module")
def driver() -> Path:
    exe = ROOT / "build" / "release" / "tests" / "test_opcodes"
    p = subprocess.run(["make", "-s", str(exe.relative_to(ROOT))], cwd=ROOT,
                       capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stdout + p.stderr
    return exe


@pytest.mark.parametrize("name", SUBTESTS)
def test_c_driver(driver, name):
    p = subprocess.run([str(driver), name], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    assert " 0 failures" in p.stdout


PROGRAM = """\
import math
def f(a, b=2, *args, **kw):
    try:
        for i in range(3):
            try:
                if i == 1:
                    continue
                x = [j * 2 for j in range(i) if j is not None]
            except ValueError as e:
                return e
            finally:
                a += 1
    except (TypeError, KeyError):
        pass
    else:
        return a if a > 1 < b else -1
    return {k: v for k, v in kw.items() if k not in 'xy'}
print(f(1), f(0, 0), math.floor(2.5))
y = -5000000
y **= 2
assert y, 'never'
"""

INSTR = re.compile(r"^\s*(\d+)\s+(\d+)  ([A-Z_]+)\s+(\d+)(?:  \((.*)\))?$")


def _dis(src: str, tmp_path: Path) -> tuple:
    path = tmp_path / "prog.py"
    path.write_text(src)
    env = dict(os.environ, PYEXPR_DIS="1")
    p = subprocess.run([get_pyexpr_bin(), str(path)], capture_output=True, text=True,
                       env=env, timeout=60)
    assert p.returncode == 0, p.stderr
    return p.stdout, p.stderr.splitlines()


def test_dis_shape(tmp_path):
    out, lines = _dis(PROGRAM, tmp_path)
    expected = run_cpython([str(tmp_path / "prog.py")])
    assert expected.returncode == 0
    assert out == expected.stdout.decode()
    names = set(_opcode_names())
    assert len(names) > 50
    globals_ = {}
    code = None  # instructions of the current code object
    codes = []
    for line in lines:
        m = re.match(r"^global (\d+): (\w+)( \(builtin\))?$", line)
        if m:
            globals_[int(m.group(1))] = m.group(2)
            continue
        m = re.match(r"^\s*code (\S+): nargs=\d+ nlocals=\d+ ncells=\d+ nfree=\d+ stack=(\d+)$",
                     line)
        if m:
            code = []
            codes.append((m.group(1), int(m.group(2)), code))
            continue
        if re.match(r"^\s*handler \[\d+, \d+\) -> \d+ depth \d+$", line):
            continue
        m = INSTR.match(line)
        assert m, f"unexpected listing line: {line!r}"
        code.append((int(m.group(1)), m.group(3), int(m.group(4)), m.group(5)))
    assert [c[0] for c in codes] == ["<module>", "f", "<listcomp>", "<dictcomp>"]
    seen = set()
    for name, stack, instrs in codes:
        assert stack >= 1
        assert [i[0] for i in instrs] == list(range(len(instrs)))
        for idx, op, arg, shown in instrs:
            assert op in names
            seen.add(op)
            if op in ("JUMP", "POP_JUMP_IF_FALSE", "POP_JUMP_IF_TRUE", "FOR_ITER",
                      "JUMP_IF_FALSE_OR_POP", "JUMP_IF_TRUE_OR_POP"):
                assert shown == f"to {arg}" and arg < len(instrs)
            elif op in ("LOAD_GLOBAL", "STORE_GLOBAL"):
                assert shown == globals_[arg]
            elif op == "LOAD_CONST":
                assert shown is not None
            elif op == "LOAD_INT":
                assert shown is not None and int(shown) == (arg - (1 << 24) if arg >= 1 << 23
                                                            else arg)
            elif op == "COMPARE_OP":
                assert shown in ("<", "<=", "==", "!=", ">", ">=")
            elif op in ("IS_OP", "CONTAINS_OP"):
                assert shown in ("is", "is not", "in", "not in")
            elif op == "BINARY_OP":
                assert shown == "**="
            elif op == "LOAD_BUILD_EXC":
                assert shown == "AssertionError"
            elif op in ("LOAD_FAST", "STORE_FAST"):
                assert shown and re.match(r"^[\w.]+$", shown)
    for op in ("FOR_ITER", "LOAD_METHOD", "IMPORT_NAME", "PUSH_EXC_INFO", "CHECK_EXC_MATCH",
               "MAKE_FUNCTION", "LIST_APPEND", "MAP_ADD", "CONTAINS_OP", "IS_OP"):
        assert op in seen, op


@pytest.mark.parametrize("src,stack", [
    ("x = (a, b, c)\n", 3),
    ("print((a, (b, c)), d)\n", 4),  # [print a b c]
    ("try:\n    x = 1\nexcept E as e:\n    x = (a, b)\n", 3),
])
def test_dis_stack_is_the_flow_maximum(tmp_path, src, stack):
    _, lines = _dis("a = b = c = d = 1\nE = KeyError\n" + src, tmp_path)
    m = re.search(r"code <module>: .* stack=(\d+)$", "\n".join(lines), re.M)
    assert m and int(m.group(1)) == stack


def _asan_bin() -> Path:
    exe = ROOT / "build" / "pyexpr-asan"
    if not exe.exists():
        pytest.skip("build/pyexpr-asan not built (make asan)")
    newest = max(p.stat().st_mtime for p in (ROOT / "csrc" / "core").glob("*.[ch]"))
    if exe.stat().st_mtime < newest:
        pytest.skip("build/pyexpr-asan is older than csrc/core (make asan)")
    return exe


def test_debug_asserts_hold(tmp_path):
    """The PE_DEBUG invariants (stack depth at every push/pop, frame bounds,
    refcounts) hold on programs exercising every unwinding path."""
    exe = _asan_bin()
    path = tmp_path / "prog.py"
    path.write_text(PROGRAM + """\
def g(n):
    return n if n < 2 else g(n - 1) + g(n - 2)
def h():
    for i in range(3):
        try:
            try:
                if i == 0:
                    break
                raise KeyError(i)
            finally:
                return [k for k in range(i)]
        except KeyError:
            continue
print(g(12), h(), sorted([3, 1, 2], key=lambda v: -v))
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError('x')
except ValueError as e:
    print(repr(e), repr(e.__context__))
""")
    env = dict(os.environ, PYEXPR_LEAKCHECK="1",
               ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99")
    p = subprocess.run([str(exe), str(path)], capture_output=True, text=True, env=env,
                       timeout=120)
    assert p.returncode == 0, p.stderr
    assert "assert" not in p.stderr.lower(), p.stderr
    expected = run_cpython([str(path)])
    assert expected.returncode == 0
    assert p.stdout == expected.stdout.decode()


@pytest.mark.parametrize("src", [
    "x = [i for i in range(10**12) if 0]\n",
    "x = {i: i for i in range(10**12) if i < 0}\n",
    "x = sum(1 for i in range(10**6) for j in range(10**6) if j < 0)\n",
    "x = {i for i in range(10**12) if 0 if 1}\n",
])
def test_every_back_edge_pays_the_step_limit(tmp_path, src):
    """A comprehension whose filter rejects every item still goes through
    the loop's limit check (the flow pass asserts that every backward jump
    is a CHECK_STEPS; JUMP pair): max_steps stops it."""
    path = tmp_path / "loop.py"
    path.write_text(src)
    p = subprocess.run([get_pyexpr_bin(), "--max-steps", "100000", str(path)],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 1
    assert p.stderr.splitlines()[-1] == "LimitError: step limit exceeded (max_steps=100000)"


LINES_PROGRAM = '''\
def h(s):
    match s:
        case [a, b] if a:
            return 1
        case {"a": 1, "b": [x, (0 | 1 as y)]}:
            return 2
        case (1 | 2 | [3, *_]) as z:
            return 3
        case {"k": str() as v, **kw} if (w := len(kw)):
            return w
        case _:
            return 0
print([h(v) for v in ([1, 2], {"a": 1, "b": [0, 5]}, 2, [3], {"k": "s", "j": 1}, None)])
if (q := h(1)) > 1:
    print(q)
'''


def test_dis_every_instruction_has_a_line(tmp_path):
    """Every instruction carries a line of the program (1..N): the match
    statement's COPY/POP_TOP/ROT_N and the walrus's DUP_TOP once had none
    (an unset entry of the line table: 0 or garbage)."""
    _, lines = _dis(LINES_PROGRAM, tmp_path)
    n = LINES_PROGRAM.count("\n")
    bad = []
    for line in lines:
        m = re.match(r"^\s+(\d+)\s+(\d+)\s+([A-Z_]+)", line)
        if m and not 1 <= int(m.group(2)) <= n:
            bad.append(line.strip())
    assert not bad, bad
