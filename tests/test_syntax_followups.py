"""Syntax-error follow-ups (issue 10, "never lie"), against CPython.

* parse/compile errors after long displays, argument lists, blocks... must
  not leak (run under the ASan+LSan build with ``PYEXPR_LEAKCHECK=1``; skipped
  when ``make asan`` cannot build it);
* f-string expression errors, compile-time SyntaxWarnings and a broad table
  of common syntax errors: CPython (``sys.executable``) is run at test time
  and its exit status, stdout and the SyntaxError lines of stderr (``File
  ..., line N``, the source and caret lines, the message) are compared.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from _util import REPO_ROOT, assert_no_crash, child_env, run_cpython, run_pyexpr


@pytest.fixture(scope="module")
def workdir():
    d = Path(tempfile.mkdtemp(prefix="pe-syntax-followups-"))
    yield d
    shutil.rmtree(d, ignore_errors=True)


def _write(workdir: Path, name: str, src: str) -> Path:
    p = workdir / f"{name}.py"
    p.write_bytes(src.encode("utf-8"))
    return p


# ---------------------------------------------------------------------------
# 1. no leak on an error after many items (F12)
# ---------------------------------------------------------------------------

_ITEMS = ", ".join(["1"] * 40)
_KV = ", ".join(f"{i}: 1" for i in range(40))
_NAMES = ", ".join(f"a{i}" for i in range(40))
_KWS = ", ".join(f"k{i}=1" for i in range(40))
_STMTS = "\n    ".join(["x = 1"] * 40)

LEAK_CASES = {
    "list": f"x = [{_ITEMS}] $",
    "list_17": "x = [" + ", ".join(["1"] * 17) + "] $",
    "tuple": f"x = ({_ITEMS}) $",
    "bare_tuple": f"x = {_ITEMS} $",
    "set": f"x = {{{_ITEMS}}} $",
    "dict": f"x = {{{_KV}}} $",
    "dict_splat": "x = {**a, " + _KV + "} $",
    "starred": f"x = [*a, {_ITEMS}] $",
    "call": f"f({_ITEMS}) $",
    "call_kw": f"f({_KWS}) $",
    "call_mixed": f"f({_ITEMS}, {_KWS}) $",
    "call_dup_kw": f"f({_KWS}, k3=2)",
    "subscript": f"x[{_ITEMS}] $",
    "slices": "x[" + ", ".join("1:2" for _ in range(40)) + "] $",
    "params": f"def f({_NAMES}): $",
    "params_no_colon": f"def f({_NAMES}) $",
    "params_dup": f"def f({_NAMES}, a3): pass",
    "lambda": f"lambda {_NAMES}: $",
    "comp_ifs": "x = [a for a in b " + " ".join(f"if a{i}" for i in range(40)) + "] $",
    "comp_fors": "x = [a " + " ".join(f"for a{i} in b" for i in range(40)) + "] $",
    "genexp_arg": "f(x for x in y " + " ".join("if a" for _ in range(40)) + ") $",
    "fstring": "x = f'" + "{a}" * 40 + "' $",
    "fstring_bad_expr": "x = f'" + "{a}" * 40 + "{a b}'",
    "fstring_spec": "x = f'{a:" + "{b}" * 40 + "}' $",
    "block": "def f():\n    " + _STMTS + "\n    $\n",
    "block_eof": "if x:\n    " + _STMTS + "\n    x = (",
    "class_block": "class C:\n    " + _STMTS + "\n    $\n",
    "module": "\n".join(["x = 1"] * 40) + "\n$\n",
    "semicolons": "; ".join(["x = 1"] * 40) + " $\n",
    "compare": "x = 1 " + " ".join("< 1" for _ in range(40)) + " $",
    "boolop": "x = 1 " + " ".join("and 1" for _ in range(40)) + " $",
    "global": f"def f():\n    global {_NAMES} $\n",
    "import": f"import {_NAMES} $\n",
    "from_import": f"from m import {_NAMES} $\n",
    "del": f"del {_NAMES} $\n",
    "assign_chain": " = ".join(["x"] * 40) + " $\n",
    "excepts": "try:\n    pass\n" + "".join(f"except E{i}:\n    pass\n" for i in range(40)) + "$\n",
    "with_items": "with " + _NAMES + ": $\n",
    "elifs": "if a:\n    pass\n" + "".join(f"elif b{i}:\n    pass\n" for i in range(40)) + "$\n",
    "nested_lists": "x = [" + ", ".join(f"[{_ITEMS}]" for _ in range(5)) + "] $",
    "strings": "x = " + " ".join("'a'" for _ in range(40)) + " $",
    "bad_target": f"[{_ITEMS}] = 1 $",
    "bad_target_call": f"({_ITEMS}, f()) = 1",
    "unterminated": f"x = [{_ITEMS}, 'abc",
    "unterminated_triple": f"x = [{_ITEMS}, '''abc",
    "dedent": "if x:\n    " + _STMTS + "\n  y = 1\n",
    # errors found by the compiler after a successful parse
    "return_outside": f"x = [{_ITEMS}]\nreturn x\n",
    "nonlocal_module": f"x = [{_ITEMS}]\nnonlocal x\n",
    "break_outside": f"x = [{_ITEMS}]\nbreak\n",
    "star_target": f"x = [{_ITEMS}]\n*a, *b = x\n",
    "dup_param_lambda": f"f = lambda {_NAMES}, a0: 1\n",
}


@pytest.fixture(scope="module")
def asan_bin():
    make = shutil.which("make")
    if not make:
        pytest.skip("make not available")
    p = subprocess.run([make, "-s", "asan"], cwd=str(REPO_ROOT), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=900)
    exe = REPO_ROOT / "build" / "pyexpr-asan"
    if p.returncode != 0 or not exe.exists():
        pytest.skip("build/pyexpr-asan cannot be built:\n" + p.stdout.decode("utf-8", "replace")[-2000:])
    return exe


@pytest.mark.parametrize("name", sorted(LEAK_CASES))
def test_no_leak_after_syntax_error(workdir, asan_bin, name):
    src = LEAK_CASES[name]
    path = _write(workdir, f"leak_{name}", src)
    env = child_env()
    env["PYEXPR_LEAKCHECK"] = "1"
    env["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0:exitcode=99:allocator_may_return_null=1"
    env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1:exitcode=98"
    env["LSAN_OPTIONS"] = "exitcode=97"
    p = subprocess.run([str(asan_bin), str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=120, env=env)
    err = p.stderr.decode("utf-8", "replace")
    assert "Sanitizer" not in err and "runtime error" not in err, err[-3000:]
    assert p.returncode == 1, err[-3000:]
    # the same kind of error as CPython's (the messages are compared below;
    # some of these use features pyexpr names as unsupported)
    cpy = run_cpython([str(path)])
    assert cpy.returncode == 1
    kind = lambda s: s.strip().splitlines()[-1].split(":")[0]
    assert kind(err) == kind(cpy.stderr.decode()), (err[-3000:], cpy.stderr)
