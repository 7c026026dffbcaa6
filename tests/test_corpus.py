"""Differential corpus: every ``tests/corpus/<suite>/NNN_name.py`` program is
run as a file by CPython (the 3.11 oracle, ``_util.find_oracle``: ``ORACLE FILE``)
and by ``pyexpr FILE``.

Comparison rules (see tests/corpus/README.md):

* normal files: stdout must be byte-identical, the LAST non-empty line of
  stderr must be identical (for a successful run both stderrs must be empty),
  and the exit status must be identical;
* ``syntax_`` files (the part after ``NNN_`` starts with ``syntax_``): CPython's
  wording of syntax errors varies, so only the exception type of the last
  stderr line (the text before the first ``:``, e.g. ``SyntaxError`` or
  ``IndentationError``) and the exit status are compared; stdout must be
  identical (empty -- nothing runs when the program does not compile).

Expected output is always computed by running CPython at test time.

CPython-only self-checks (they do not need the pyexpr binary):

* the corpus has at least 170 core programs, correctly named;
* no program ends with a bare non-None expression statement (pyexpr echoes
  the repr of such a final value -- calculator mode -- and CPython does not);
* each file's ``# expect:`` header still matches what the oracle does, so
  the corpus keeps testing what it was written to test.
"""

from __future__ import annotations

import ast
import difflib
import functools
import re
import warnings
from pathlib import Path

import pytest

from _util import (
    CORE_CORPUS_DIR,
    CORPUS_DIR,
    Result,
    assert_no_crash,
    exception_type,
    last_stderr_line,
    run_cpython,
    run_pyexpr,
)

NAME_RE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.py$")
EXPECT_RE = re.compile(r"^# expect: (.+)$")
SYNTAX_CLASS = ("SyntaxError", "IndentationError", "TabError")
CORPUS_TIMEOUT = 60.0

CORPUS_FILES = sorted(CORPUS_DIR.glob("*/*.py"))
CORE_FILES = sorted(CORE_CORPUS_DIR.glob("*.py"))


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def is_syntax_file(path: Path) -> bool:
    m = NAME_RE.match(path.name)
    return bool(m) and m.group(2).startswith("syntax_")


def declared_expectation(path: Path) -> str:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")
    m = EXPECT_RE.match(first)
    return m.group(1).strip() if m else ""


def expects_compile_error(path: Path) -> bool:
    return is_syntax_file(path) or exception_type(declared_expectation(path)) in SYNTAX_CLASS


@functools.lru_cache(maxsize=None)
def cpython_result(path_str: str) -> Result:
    return run_cpython([path_str], timeout=CORPUS_TIMEOUT)


def _first_diff(expected: bytes, actual: bytes) -> str:
    exp = expected.decode("utf-8", "replace").splitlines(keepends=True)
    act = actual.decode("utf-8", "replace").splitlines(keepends=True)
    diff = list(difflib.unified_diff(exp, act, "cpython", "pyexpr", n=2))
    text = "".join(diff[:60])
    if len(diff) > 60:
        text += f"... ({len(diff) - 60} more diff lines)\n"
    return text


# --------------------------------------------------------------------------
# The differential test
# --------------------------------------------------------------------------

@pytest.mark.parametrize("path", CORPUS_FILES, ids=[_id(p) for p in CORPUS_FILES])
def test_corpus_program(path: Path, pyexpr_bin: str) -> None:
    exp = cpython_result(str(path))
    got = run_pyexpr([str(path)], timeout=CORPUS_TIMEOUT)
    assert_no_crash(got, f"on {path.name}")

    problems = []
    if got.stdout != exp.stdout:
        problems.append("stdout differs:\n" + _first_diff(exp.stdout, got.stdout))
    if got.returncode != exp.returncode:
        problems.append(f"exit status: cpython={exp.returncode} pyexpr={got.returncode}")

    exp_last, got_last = last_stderr_line(exp.stderr), last_stderr_line(got.stderr)
    if not exp.stderr.strip():
        if got.stderr.strip():
            problems.append("stderr should be empty, pyexpr wrote:\n" + got.stderr.decode("utf-8", "replace")[-2000:])
    elif is_syntax_file(path):
        if exception_type(got_last) != exception_type(exp_last):
            problems.append(
                f"syntax error type differs (only the part before ':' is compared):\n"
                f"  cpython: {exp_last}\n  pyexpr:  {got_last}"
            )
    elif got_last != exp_last:
        problems.append(f"last stderr line differs:\n  cpython: {exp_last}\n  pyexpr:  {got_last}")

    if problems:
        pytest.fail(f"{_id(path)}:\n" + "\n".join(problems) + "\n\n[pyexpr]\n" + got.describe(), pytrace=False)


# --------------------------------------------------------------------------
# Corpus self-checks (CPython only)
# --------------------------------------------------------------------------

def test_core_corpus_size() -> None:
    assert len(CORE_FILES) >= 170, f"only {len(CORE_FILES)} programs in {CORE_CORPUS_DIR}"


def test_corpus_file_names() -> None:
    bad = [p.name for p in CORPUS_FILES if not NAME_RE.match(p.name)]
    assert not bad, f"corpus files must be named NNN_lowercase_name.py: {bad}"
    for suite in sorted({p.parent for p in CORPUS_FILES}):
        numbers = [NAME_RE.match(p.name).group(1) for p in suite.glob("*.py")]
        dupes = sorted({n for n in numbers if numbers.count(n) > 1})
        assert not dupes, f"duplicate numbers in {suite.name}: {dupes}"


def _is_print_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "print"
    )


def test_corpus_no_bare_final_expression() -> None:
    """pyexpr echoes the repr of a final non-None expression statement, so a
    corpus program may only end with an expression statement if it is a call
    to print (which returns None)."""
    offenders = []
    for path in CORPUS_FILES:
        if expects_compile_error(path):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(path.read_bytes(), filename=str(path))
        if not tree.body:
            continue
        last = tree.body[-1]
        if isinstance(last, ast.Expr) and not _is_print_call(last.value):
            offenders.append(f"{_id(path)}:{last.lineno}: {ast.unparse(last)}")
    assert not offenders, "programs ending with a bare expression statement:\n" + "\n".join(offenders)


def test_corpus_headers_present() -> None:
    missing = [_id(p) for p in CORPUS_FILES if not declared_expectation(p)]
    assert not missing, f"files without a first line '# expect: ...': {missing}"


@pytest.mark.parametrize("path", CORPUS_FILES, ids=[_id(p) for p in CORPUS_FILES])
def test_corpus_compiles_as_declared(path: Path) -> None:
    """syntax_ files (and declared IndentationError files) must not compile;
    every other file must."""
    src = path.read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarning/DeprecationWarning are not the point here
        if expects_compile_error(path):
            with pytest.raises(SyntaxError):
                compile(src, str(path), "exec")
        else:
            compile(src, str(path), "exec")


@pytest.mark.parametrize("path", CORPUS_FILES, ids=[_id(p) for p in CORPUS_FILES])
def test_corpus_declared_expectation_holds_on_cpython(path: Path) -> None:
    """The '# expect:' header documents intent; check CPython still agrees.

    ``# expect: ok``            -> exit 0, empty stderr
    ``# expect: <last line>``   -> exit 1, exactly that last stderr line, and
                                   (runtime errors) some output printed first
    syntax_ files declare only the exception type.
    """
    expect = declared_expectation(path)
    res = cpython_result(str(path))
    last = last_stderr_line(res.stderr)
    if expect == "ok":
        assert res.returncode == 0 and res.stderr == b"", res.describe()
    elif is_syntax_file(path):
        assert res.returncode == 1, res.describe()
        assert exception_type(last) == expect, res.describe()
        assert res.stdout == b"", res.describe()
    else:
        assert res.returncode == 1, res.describe()
        assert last == expect, res.describe()
        if exception_type(expect) not in SYNTAX_CLASS:
            assert res.stdout != b"", "error programs must print something before failing"
