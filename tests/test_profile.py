"""``pyexpr --profile`` / ``--profile-json[=PATH]`` (docs/profiling.md).

The program's stdout and exit status must be exactly those of the same run
without profiling; the report goes to stderr (after any traceback) or to the
given file. Timings are never compared with fixed values - only their
presence, types and the invariant sum(stages) <= total.
"""

from __future__ import annotations

import json
import re

import pytest

from _util import Result, assert_no_crash, run_pyexpr

STAGES = ["lex_ns", "parse_ns", "compile_ns", "execute_ns", "format_ns", "total_ns"]
KEYS = STAGES + ["cache"]
TABLE_ROW = re.compile(r"^(lex|parse|compile|execute|format|total)\s+(\d+)\s+(\d+\.\d)%$", re.M)

PROGRAMS = {
    "calc": "x = 6\nx * 7",
    "print": "for i in range(3):\n    print(i, i * i)\n'done'",
    "loop": "t = 0\nfor i in range(20000):\n    t += i % 7\nt",
    "none": "print('a', end='')",
    "runtime_error": "print('before')\nd = {}\nd['missing']",
    "syntax_error": "print('x')\nx = (1,\n",
}


def pyexpr(args, input=None) -> Result:
    res = run_pyexpr(args, input=input)
    assert_no_crash(res, f"for args {args}")
    return res


def split_json(stderr: bytes) -> tuple[bytes, dict]:
    """(stderr before the report, the JSON object on the last line)."""
    lines = stderr.decode().splitlines(keepends=True)
    assert lines, "no profile on stderr"
    obj = json.loads(lines[-1])
    return "".join(lines[:-1]).encode(), obj


def check_schema(obj: dict) -> None:
    assert list(obj) == KEYS, obj
    for k in STAGES:
        assert isinstance(obj[k], int) and not isinstance(obj[k], bool) and obj[k] >= 0, (k, obj)
    assert obj["cache"] in ("off", "miss", "hit")
    assert sum(obj[k] for k in STAGES[:-1]) <= obj["total_ns"], obj
    assert obj["total_ns"] > 0


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_stdout_and_status_unchanged(name):
    src = PROGRAMS[name]
    plain = pyexpr(["-c", src])
    for flags in (["--profile"], ["--profile-json"], ["--profile", "--profile-json"]):
        prof = pyexpr([*flags, "-c", src])
        assert prof.stdout == plain.stdout, (flags, prof.describe(), plain.describe())
        assert prof.returncode == plain.returncode, (flags, prof.describe())
        # the traceback (if any) comes first, unchanged; the report follows it
        assert prof.stderr.startswith(plain.stderr), (flags, prof.describe())


def test_table_on_stderr():
    res = pyexpr(["--profile", "-c", "print('hi')\n2 ** 10"])
    assert res.stdout == b"hi\n1024\n"
    err = res.stderr.decode()
    assert err.startswith("pyexpr profile (cache: off)\n"), err
    rows = {m.group(1): int(m.group(2)) for m in TABLE_ROW.finditer(err)}
    assert list(rows) == ["lex", "parse", "compile", "execute", "format", "total"], err
    assert sum(v for k, v in rows.items() if k != "total") <= rows["total"], err
    assert all(rows[k] > 0 for k in rows), err


def test_json_schema():
    res = pyexpr(["--profile-json", "-c", PROGRAMS["loop"]])
    assert res.stdout == b"%d\n" % sum(i % 7 for i in range(20000))
    before, obj = split_json(res.stderr)
    assert before == b""
    check_schema(obj)
    assert obj["cache"] == "off"
    for k in STAGES:
        assert obj[k] > 0, obj


def test_json_one_line_exact_format():
    res = pyexpr(["--profile-json", "-c", "1"])
    line = res.stderr.decode()
    assert re.fullmatch(r'\{"lex_ns":\d+,"parse_ns":\d+,"compile_ns":\d+,"execute_ns":\d+,'
                        r'"format_ns":\d+,"total_ns":\d+,"cache":"off"\}\n', line), line


def test_json_to_file(tmp_path):
    path = tmp_path / "prof.json"
    path.write_text("stale content that must be replaced\n" * 10)
    res = pyexpr([f"--profile-json={path}", "-c", "print(3)"])
    assert res.stdout == b"3\n" and res.stderr == b"" and res.returncode == 0
    text = path.read_text()
    assert text.endswith("}\n") and text.count("\n") == 1
    check_schema(json.loads(text))


def test_json_file_with_table_and_error(tmp_path):
    path = tmp_path / "p.json"
    res = pyexpr(["--profile", f"--profile-json={path}", "-c", "1 // 0"])
    assert res.returncode == 1
    err = res.stderr.decode()
    assert "ZeroDivisionError: integer division or modulo by zero\npyexpr profile" in err
    obj = json.loads(path.read_text())
    check_schema(obj)
    assert obj["execute_ns"] > 0


def test_syntax_error_has_no_execute_stage():
    res = pyexpr(["--profile-json", "-c", "x = (1,\n"])
    assert res.returncode == 1
    before, obj = split_json(res.stderr)
    assert b"SyntaxError: '(' was never closed" in before
    check_schema(obj)
    assert obj["execute_ns"] == 0 and obj["compile_ns"] == 0 and obj["lex_ns"] > 0


def test_file_and_stdin(tmp_path):
    prog = tmp_path / "prog.py"
    prog.write_text(PROGRAMS["print"])
    plain = pyexpr([str(prog)])
    res = pyexpr(["--profile-json", str(prog)])
    assert res.stdout == plain.stdout and res.returncode == 0
    check_schema(split_json(res.stderr)[1])
    res = pyexpr(["--profile-json", "-"], input=PROGRAMS["calc"])
    assert res.stdout == b"42\n"
    check_schema(split_json(res.stderr)[1])
    res = pyexpr(["--profile-json"], input=PROGRAMS["calc"])  # piped stdin, no '-'
    assert res.stdout == b"42\n"
    check_schema(split_json(res.stderr)[1])


def test_flags_after_the_program_belong_to_it():
    res = pyexpr(["-c", "print(1)", "--profile"])
    assert res.stdout == b"1\n" and res.stderr == b""


@pytest.mark.parametrize("args", [
    ["--profile-json=", "-c", "1"],
    ["--profile=1", "-c", "1"],
    ["--profiles", "-c", "1"],
    ["--profile-jsonx", "-c", "1"],
    ["--profile-json=/nonexistent-dir/x/p.json", "-c", "print(1)"],
])
def test_bad_flags_exit_2(args):
    res = pyexpr(args)
    assert res.returncode == 2, res.describe()
    assert res.stdout == b"", "the program must not run"
    assert res.stderr, "an explanation on stderr"
