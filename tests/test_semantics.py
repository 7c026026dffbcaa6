"""Built-ins and runtime semantics checked against the CPython that runs the
tests (the CPython 3.11 oracle, ``tests/_util.py``): the exception tree, the built-ins pyexpr lacks
(and the table in docs/language.md that lists them), ``from math import``
errors, and the generated ``dir()`` tables behind the "Did you mean" hints.
"""

from __future__ import annotations

import json
import keyword
import re
import subprocess
import sys

import pytest

from _util import CPYTHON, REPO_ROOT, assert_no_crash, require_oracle, run_cpython, run_pyexpr

DOC = REPO_ROOT / "docs" / "language.md"

# CPython's builtins that are exception classes (the exception groups are
# the deliberate exception: pyexpr has no except*).
def _oracle_builtins() -> list:
    """[(name, is_exception_class)] for the oracle's builtins (the names
    differ between Python versions: never this process's own)."""
    if CPYTHON is None:
        return []
    src = ("import builtins, json\n"
           "print(json.dumps([[n, isinstance(getattr(builtins, n), type) and "
           "issubclass(getattr(builtins, n), BaseException)] for n in dir(builtins)]))\n")
    res = subprocess.run([CPYTHON, "-I", "-c", src], capture_output=True, text=True, timeout=60)
    return [tuple(x) for x in json.loads(res.stdout)] if res.returncode == 0 else []


ORACLE_BUILTINS = _oracle_builtins()
EXC_NAMES = [n for n, is_exc in ORACLE_BUILTINS if is_exc]
GROUPS = {"BaseExceptionGroup", "ExceptionGroup"}


def pyexpr_source(src: str):
    res = run_pyexpr(["-c", src])
    assert_no_crash(res)
    return res


def test_dir_names_table_is_current():
    """csrc/core/dir_names.h (the 'Did you mean' candidates) matches this CPython."""
    res = subprocess.run(
        [require_oracle(), str(REPO_ROOT / "tools" / "gen_dir_names.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 0, res.stderr


def test_every_builtin_exception_class_with_cpythons_bases():
    """Every exception class of CPython's builtins exists in pyexpr under the
    same name, and issubclass agrees for every pair (so `except Base` does)."""
    names = [n for n in EXC_NAMES if n not in GROUPS]
    lst = "[" + ", ".join(names) + "]"
    src = (
        f"names = {names!r}\n"
        f"classes = {lst}\n"
        "for n, c in zip(names, classes):\n"
        "    print(n, c.__name__, ''.join('1' if issubclass(c, d) else '0' for d in classes))\n"
    )
    expected = subprocess.run([require_oracle(), "-c", src], capture_output=True, text=True, timeout=60)
    assert expected.returncode == 0, expected.stderr
    got = pyexpr_source(src)
    assert got.stderr.decode() == ""
    assert got.stdout.decode() == expected.stdout


def builtin_probe_program(names: list[str]) -> str:
    """Touches each name; prints ok / the NotImplementedError / missing."""
    lines = []
    for n in names:
        lines += [
            "try:",
            f"    {n}",
            f"    print({n!r}, 'ok')",
            "except NotImplementedError as e:",
            f"    print({n!r}, 'unsupported', e)",
            "except NameError as e:",
            f"    print({n!r}, 'NameError', e)",
        ]
    return "\n".join(lines) + "\n"


def script_global_names(tmp_path_factory) -> list[str]:
    """The names a CPython script sees in globals() before it runs."""
    path = tmp_path_factory.mktemp("globals") / "g.py"
    path.write_text("print(' '.join(globals()))\n")
    res = run_cpython([str(path)])
    assert res.returncode == 0, res.describe()
    return res.stdout.decode().split()


@pytest.fixture(scope="module")
def builtin_status(tmp_path_factory) -> dict[str, tuple[str, str]]:
    """pyexpr's answer for every name of CPython's builtins and of a
    script's initial globals: ok, unsupported (+ message) or NameError."""
    names = sorted(
        {n for n, _ in ORACLE_BUILTINS if not keyword.iskeyword(n)} | set(script_global_names(tmp_path_factory))
    )
    res = pyexpr_source(builtin_probe_program(names))
    assert res.returncode == 0, res.describe()
    status = {}
    for line in res.stdout.decode().splitlines():
        name, kind, *rest = line.split(" ", 2)
        status[name] = (kind, rest[0] if rest else "")
    assert set(status) == set(names)
    return status


def test_no_cpython_builtin_is_a_bare_name_error(builtin_status):
    """Every name of CPython's builtins (and of a script's initial globals)
    is either provided or raises a NotImplementedError that names it: never
    a NameError that reads like a typo."""
    bad = {n: s for n, s in builtin_status.items() if s[0] == "NameError"}
    assert not bad
    for name, (kind, msg) in builtin_status.items():
        if kind == "unsupported":
            assert msg in (
                f"built-in '{name}' is not supported by pyexpr",
                f"built-in '{name}' is not available in the pyexpr sandbox",
            ), (name, msg)


def doc_unsupported_rows() -> dict[str, set[str]]:
    """The two built-in rows of the 'Not supported' table: message -> names."""
    text = DOC.read_text()
    section = text.split("## Not supported", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 2 or "built-ins" not in cells[0]:
            continue
        head, names = cells[0].split(":", 1)
        rows[cells[1]] = set(re.findall(r"`([^`]+)`", names))
    return rows


def test_language_doc_lists_exactly_the_unsupported_builtins(builtin_status):
    rows = doc_unsupported_rows()
    sandbox = {n for n, (k, m) in builtin_status.items() if k == "unsupported" and "sandbox" in m}
    other = {n for n, (k, m) in builtin_status.items() if k == "unsupported" and "sandbox" not in m}
    by_kind = {}
    for message, names in rows.items():
        by_kind["sandbox" if "sandbox" in message else "other"] = names
        # the example message in the table is the engine's exact wording
        m = re.fullmatch(r"`NotImplementedError: (built-in '(\w+)' .*)`", message)
        assert m, message
        assert builtin_status[m.group(2)] == ("unsupported", m.group(1))
    assert by_kind.get("sandbox") == sandbox
    assert by_kind.get("other") == other


def test_language_doc_supported_builtins_exist(builtin_status):
    """Every name in the 'Builtins' row of the supported table is provided."""
    text = DOC.read_text()
    row = next(line for line in text.splitlines() if line.startswith("| Builtins |"))
    for name in re.findall(r"`([A-Za-z_]\w*)`", row):
        if name in builtin_status:
            assert builtin_status[name][0] == "ok", name


def test_from_math_import_missing_name():
    """CPython's message for a built-in module ("unknown location"): taken
    from `sys`, which is built in everywhere, unless math is built in too."""
    src = "from {m} import nope\n"
    oracle_math = run_cpython(["-c", src.format(m="math")]).last_line
    if "(unknown location)" in oracle_math:
        expected = oracle_math
    else:
        expected = run_cpython(["-c", src.format(m="sys")]).last_line.replace("'sys'", "'math'")
    assert expected == "ImportError: cannot import name 'nope' from 'math' (unknown location)"
    got = pyexpr_source(src.format(m="math"))
    assert got.returncode == 1
    assert got.last_line == expected


@pytest.mark.parametrize(
    "src",
    [
        "[].apend",
        "import math\nmath.sqr",
        "int.from_byte",
        "'x'.encod",
        "(1).__len",
        "range(3).stat",
        "ValueError().arg",
        "OSError().errn",
        "{}.key",
        "iter([]).__nex",
        "slice(1).star",
        "(lambda: 0).__qualnam",
        "True.rea",
        "len.__nam",
        "None.x",
        "Tru",
        "opn",
        "ma",
        "imput",
        "getatr",
        "IOErro",
    ],
)
def test_did_you_mean_hints(src):
    expected = run_cpython(["-c", src])
    got = pyexpr_source(src)
    assert got.last_line == expected.last_line
    assert got.returncode == expected.returncode
