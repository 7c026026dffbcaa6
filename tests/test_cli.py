"""Command-line behaviour of the pyexpr binary.

Where pyexpr and CPython share a behaviour (running ``-c``, a file, ``-``,
piped stdin; exit statuses; syntax-error reports) the expected result comes
from running CPython.  Calculator mode -- pyexpr echoes the repr of a final
non-None expression statement -- is compared against CPython running the
same program through a small driver that does that echo
(``_util.CALC_MODE_DRIVER``).

Every pyexpr invocation goes through ``assert_no_crash``: the exit status
must be 0, 1 or 2 (never a signal) and stderr must not mention a sanitizer
or segmentation fault.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from _util import (
    Result,
    assert_no_crash,
    cpython_calculator,
    exception_type,
    last_stderr_line,
    read_version,
    require_oracle_at_least,
    run_cpython,
    run_pyexpr,
)

EXC_LAST_LINE = re.compile(r"^[A-Z][A-Za-z0-9_]*(Error|Exception)\b")
CARET_LINE = re.compile(r"^\s*\^+\s*$", re.M)
FILE_LINE = re.compile(r'File "([^"]*)", line (\d+)')


def pyexpr(args, input=None, timeout=30.0) -> Result:
    res = run_pyexpr(args, input=input, timeout=timeout)
    assert_no_crash(res, f"for args {[a[:80] for a in args]}")
    return res


def assert_same(got: Result, exp: Result) -> None:
    """Same stdout, same last stderr line, same exit status."""
    assert got.stdout == exp.stdout, f"stdout differs\n[cpython]\n{exp.describe()}\n[pyexpr]\n{got.describe()}"
    assert last_stderr_line(got.stderr) == last_stderr_line(exp.stderr), (
        f"last stderr line differs\n[cpython]\n{exp.describe()}\n[pyexpr]\n{got.describe()}"
    )
    if not exp.stderr:
        assert got.stderr == b"", got.describe()
    assert got.returncode == exp.returncode, f"[cpython]\n{exp.describe()}\n[pyexpr]\n{got.describe()}"


@pytest.fixture
def write(tmp_path: Path):
    def _write(name: str, content: str | bytes) -> Path:
        p = tmp_path / name
        if isinstance(content, str):
            p.write_text(content, encoding="utf-8")
        else:
            p.write_bytes(content)
        return p

    return _write


PROGRAM = """\
def area(w, h=2):
    return w * h

total = 0
for i in range(1, 6):
    total += area(i) ** 2
print(total, total / 7, -total // 7, 2 ** 100)
print("done", sep="", end="!\\n")
"""

ERROR_PROGRAM = """\
x = 3
print(x * 2)
print(x / (x - 3))
"""


# --------------------------------------------------------------------------
# Ways of giving a program
# --------------------------------------------------------------------------

def test_c_option_runs_code(pyexpr_bin):
    assert_same(pyexpr(["-c", PROGRAM]), run_cpython(["-c", PROGRAM]))


def test_c_option_runtime_error_exit_1(pyexpr_bin):
    got = pyexpr(["-c", ERROR_PROGRAM])
    assert_same(got, run_cpython(["-c", ERROR_PROGRAM]))
    assert got.returncode == 1
    assert last_stderr_line(got.stderr) == "ZeroDivisionError: division by zero"


def test_file_argument(pyexpr_bin, write):
    f = write("prog.py", PROGRAM)
    got = pyexpr([str(f)])
    assert_same(got, run_cpython([str(f)]))
    assert got.returncode == 0


def test_file_argument_runtime_error(pyexpr_bin, write):
    f = write("err.py", ERROR_PROGRAM)
    got = pyexpr([str(f)])
    assert_same(got, run_cpython([str(f)]))
    assert got.returncode == 1


def test_dash_reads_program_from_stdin(pyexpr_bin):
    assert_same(pyexpr(["-"], input=PROGRAM), run_cpython(["-"], input=PROGRAM))


def test_piped_stdin_without_arguments(pyexpr_bin):
    # stdin is not a tty -> the program is read from stdin and run as a script
    assert_same(pyexpr([], input=PROGRAM), run_cpython([], input=PROGRAM))


def test_piped_stdin_runtime_error(pyexpr_bin):
    got = pyexpr([], input=ERROR_PROGRAM)
    assert_same(got, run_cpython([], input=ERROR_PROGRAM))
    assert got.returncode == 1


def test_runtime_error_traceback_shape(pyexpr_bin, write):
    f = write("tb.py", "def f(n):\n    return 10 // n\n\nprint(f(2))\nprint(f(0))\n")
    got = pyexpr([str(f)])
    assert got.returncode == 1
    assert got.stdout == b"5\n"
    err = got.stderr.decode("utf-8", "replace")
    assert "Traceback (most recent call last):" in err
    assert last_stderr_line(got.stderr) == "ZeroDivisionError: integer division or modulo by zero"


# --------------------------------------------------------------------------
# Options and usage errors
# --------------------------------------------------------------------------

def test_version(pyexpr_bin):
    version = read_version()
    got = pyexpr(["--version"])
    assert got.returncode == 0, got.describe()
    out = got.stdout.decode("utf-8", "replace")
    assert out.strip(), "--version must print to stdout\n" + got.describe()
    first = out.strip().splitlines()[0]
    assert "pyexpr" in first.lower() and version in first, (
        f"expected a line like 'pyexpr {version}', got {first!r}"
    )
    assert re.search(rf"(?<![\w.]){re.escape(version)}(?![\w.])", first), first


def test_help(pyexpr_bin):
    got = pyexpr(["--help"])
    assert got.returncode == 0, got.describe()
    out = got.stdout.decode("utf-8", "replace")
    assert "-c" in out, "--help should document -c\n" + got.describe()


@pytest.mark.parametrize("opt", ["--definitely-not-an-option", "-Q"])
def test_unknown_option_exit_2(pyexpr_bin, opt):
    got = pyexpr([opt])
    assert got.returncode == 2, got.describe()
    assert got.stdout == b"", got.describe()
    err = got.stderr.decode("utf-8", "replace").lower()
    assert "usage" in err, "unknown option should print a usage message on stderr\n" + got.describe()
    # same status as CPython
    assert run_cpython([opt]).returncode == 2


def test_c_without_argument_exit_2(pyexpr_bin):
    got = pyexpr(["-c"])
    assert got.returncode == 2, got.describe()
    assert got.stdout == b""
    assert got.stderr.strip(), "a message is expected on stderr"
    assert run_cpython(["-c"]).returncode == 2


def test_nonexistent_file_exit_2(pyexpr_bin, tmp_path):
    missing = tmp_path / "no_such_program.py"
    got = pyexpr([str(missing)])
    exp = run_cpython([str(missing)])
    assert exp.returncode == 2
    assert got.returncode == 2, got.describe()
    assert got.stdout == b""
    err = got.stderr.decode("utf-8", "replace")
    assert "no_such_program.py" in err, got.describe()
    assert "can't open file" in err or "No such file" in err, got.describe()


def test_directory_argument_is_clean_error(pyexpr_bin, tmp_path):
    got = pyexpr([str(tmp_path)])
    assert got.returncode in (1, 2), got.describe()
    assert got.stderr.strip(), got.describe()


def test_exit_statuses(pyexpr_bin):
    assert pyexpr(["-c", "x = 1"]).returncode == 0
    assert pyexpr(["-c", "x = 1 / 0"]).returncode == 1
    assert pyexpr(["-c", "x = ("]).returncode == 1
    assert pyexpr(["--no-such-flag"]).returncode == 2


# --------------------------------------------------------------------------
# Calculator mode
# --------------------------------------------------------------------------

BENCHMARKS = [
    "2 + 3",
    "(10 + 20) * 3 / 2",
    "x = 10\ny = 20\nx + y",
    "print(42)",
    "10 + 5 * 2 - 8 / 4 % 3",
    "((1 + 2) * (3 + 4)) / 7",
    "10 // 3",
    "10 % 3",
]


@pytest.mark.parametrize("src", BENCHMARKS, ids=[f"bench{i}" for i in range(1, 9)])
def test_benchmark_programs(pyexpr_bin, src):
    exp = cpython_calculator(src)
    assert exp.returncode == 0 and exp.stderr == b"", exp.describe()
    got = pyexpr(["-c", src])
    assert got.returncode == 0, got.describe()
    assert got.stderr == b"", got.describe()
    assert got.stdout == exp.stdout, f"{src!r}: cpython {exp.stdout!r} vs pyexpr {got.stdout!r}"


def test_benchmark_values_are_what_the_design_says():
    # CPython-only sanity check of the oracle itself (design: 5, 45.0, 30, 42, 18.0, 3.0, 3, 1)
    outs = [cpython_calculator(src).stdout.decode().strip() for src in BENCHMARKS]
    assert outs == ["5", "45.0", "30", "42", "18.0", "3.0", "3", "1"]


CALC_CASES = [
    "2+3",
    "(10 + 20) * 3 / 2",
    "x = 10\ny = 20\nx + y",
    "print(42)",
    "None",
    "x = 5",
    "1 + 1\n2 + 2",
    "def f():\n    pass\nf()",
    "def f(a, b):\n    return a, b\nf(1, 2.5)",
    "divmod(17, 5)",
    "2 ** 100",
    "-0.0",
    "0.1 + 0.2",
    "1 < 2",
    "not 1",
    "float('nan')",
    "x = 3\nx == 3 and x",
    "x = 0\nx or None",
    "for i in range(3):\n    i\n",
    "if True:\n    7\n",
    "7\n# trailing comment\n",
    "7;",
    "x = 1; x + 1",
    "print(1)\n3",
]


@pytest.mark.parametrize("src", CALC_CASES)
def test_calculator_echo_c(pyexpr_bin, src):
    exp = cpython_calculator(src)
    assert exp.returncode == 0, exp.describe()
    got = pyexpr(["-c", src])
    assert_same(got, exp)


def test_calculator_print_once(pyexpr_bin):
    got = pyexpr(["-c", "print(42)"])
    assert got.stdout == b"42\n", got.describe()


def test_calculator_none_prints_nothing(pyexpr_bin):
    got = pyexpr(["-c", "None"])
    assert got.returncode == 0 and got.stdout == b"" and got.stderr == b"", got.describe()


def test_calculator_error_in_final_expression(pyexpr_bin):
    exp = cpython_calculator("x = 4\nx // 0")
    got = pyexpr(["-c", "x = 4\nx // 0"])
    assert_same(got, exp)
    assert got.returncode == 1


def test_calculator_echo_from_file(pyexpr_bin, write):
    f = write("calc.py", "x = 10\ny = 20\nx * y + 0.5\n")
    got = pyexpr([str(f)])
    assert got.returncode == 0, got.describe()
    assert got.stdout == b"200.5\n", got.describe()


def test_calculator_echo_from_stdin(pyexpr_bin):
    got = pyexpr([], input="x = 6\nx * 7\n")
    assert got.returncode == 0, got.describe()
    assert got.stdout == b"42\n", got.describe()


# --------------------------------------------------------------------------
# Syntax errors
# --------------------------------------------------------------------------

SYNTAX_ERRORS = [
    # (program, compare the reported line number with CPython's?)
    ("if x\n    pass\n", True),
    ("x = 1\ny = 2\nif x == y\n    print(x)\n", True),
    ("x = (1 + 2\nprint(x)\n", False),
    ("x = 1\n1 = x\n", True),
    ("x = 1 $ 2\n", True),
    ("x = 1 +\n", True),
    ("print(1)\nprint(2))\n", True),
    ("def f(:\n    pass\n", True),
]


@pytest.mark.parametrize("src,check_line", SYNTAX_ERRORS)
def test_syntax_error_report_c(pyexpr_bin, src, check_line):
    got = pyexpr(["-c", src])
    exp = run_cpython(["-c", src])
    assert exp.returncode == 1
    _check_syntax_report(got, exp, "<string>", check_line)


@pytest.mark.parametrize("src,check_line", SYNTAX_ERRORS)
def test_syntax_error_report_file(pyexpr_bin, write, src, check_line):
    f = write("bad_syntax.py", src)
    got = pyexpr([str(f)])
    exp = run_cpython([str(f)])
    _check_syntax_report(got, exp, "bad_syntax.py", check_line)


def _check_syntax_report(got: Result, exp: Result, filename: str, check_line: bool) -> None:
    assert got.returncode == 1, got.describe()
    assert got.stdout == b"", "nothing may run when the program does not compile\n" + got.describe()
    err = got.stderr.decode("utf-8", "replace")
    last = last_stderr_line(got.stderr)
    assert exception_type(last) == exception_type(last_stderr_line(exp.stderr)), (
        f"cpython: {last_stderr_line(exp.stderr)!r}\npyexpr: {last!r}"
    )
    assert "SyntaxError" in err or "IndentationError" in err
    assert filename in err, f"the report should name {filename}\n" + got.describe()
    # the location line: File "<name>", line N  (the last one names the error)
    locs = [m for m in FILE_LINE.finditer(err) if filename in m.group(1)]
    assert locs, f'the report should have a line like  File "{filename}", line N\n' + got.describe()
    assert CARET_LINE.search(err), "the report should have a caret (^) line\n" + got.describe()
    if check_line:
        exp_locs = [m for m in FILE_LINE.finditer(exp.stderr.decode("utf-8", "replace")) if filename in m.group(1)]
        exp_line, got_line = exp_locs[-1].group(2), locs[-1].group(2)
        assert got_line == exp_line, f"line {got_line} reported, CPython says line {exp_line}"


# --------------------------------------------------------------------------
# Unsupported features: clean SyntaxError naming the construct
# --------------------------------------------------------------------------

UNSUPPORTED = [
    ("x = 1j", ["complex"]),
    ("try:\n  pass\nexcept* ValueError:\n  pass", ["except*"]),
]


UNSUPPORTED_IDS = ["complex", "except_star"]


@pytest.mark.parametrize("src,keywords", UNSUPPORTED, ids=UNSUPPORTED_IDS)
def test_unsupported_feature_is_clean_syntax_error(pyexpr_bin, src, keywords):
    got = pyexpr(["-c", src])
    assert got.returncode == 1, got.describe()
    assert got.stdout == b"", got.describe()
    last = last_stderr_line(got.stderr)
    assert last.startswith("SyntaxError:"), f"last line should be 'SyntaxError: ...', got {last!r}"
    low = last.lower()
    assert (
        "not supported" in low
        or "unsupported" in low
        or any(k.lower() in low for k in keywords)
    ), f"the message should name the construct ({keywords}) or say it is not supported: {last!r}"


def test_unsupported_feature_in_file_runs_nothing(pyexpr_bin, write):
    f = write("uses_class.py", "print('before')\nx = 1j\nprint('after')\n")
    got = pyexpr([str(f)])
    assert got.returncode == 1, got.describe()
    assert last_stderr_line(got.stderr).startswith("SyntaxError:"), got.describe()
    assert "uses_class.py" in got.stderr.decode("utf-8", "replace")
    assert got.stdout == b"", "a SyntaxError is reported before anything runs\n" + got.describe()


@pytest.mark.parametrize("module", ["os", "posix", "subprocess", "socket", "builtins", "pathlib"])
def test_imports_other_than_math_are_refused(pyexpr_bin, module):
    """The sandbox: only `math` and `sys` (its host-free subset,
    tests/test_sys.py) can be imported; the error is CPython's."""
    got = pyexpr(["-c", f"import {module}"])
    assert got.returncode == 1, got.describe()
    assert last_stderr_line(got.stderr) == f"ModuleNotFoundError: No module named '{module}'"
    got = pyexpr(["-c", f"from {module} import path"])
    assert last_stderr_line(got.stderr) == f"ModuleNotFoundError: No module named '{module}'"


# --------------------------------------------------------------------------
# Bad or extreme input: never crash, never hang
# --------------------------------------------------------------------------

def test_empty_program(pyexpr_bin, write):
    for args, inp in ((["-c", ""], None), ([str(write("empty.py", ""))], None), ([], ""), (["-"], "")):
        got = pyexpr(args, input=inp)
        assert got.returncode == 0 and got.stdout == b"" and got.stderr == b"", got.describe()


def test_only_comments_and_blank_lines(pyexpr_bin, write):
    src = "# just a comment\n\n   # indented comment\n\n# another\n"
    f = write("comments.py", src)
    for args in (["-c", src], [str(f)]):
        got = pyexpr(args)
        assert got.returncode == 0 and got.stdout == b"" and got.stderr == b"", got.describe()


def test_nul_bytes_in_file(pyexpr_bin, write):
    # Changed inside the 3.11 series: up to 3.11.3 CPython runs such a file
    # (prints 1), from 3.11.4 on (like 3.12+) it is a SyntaxError. pyexpr
    # follows the latest 3.11, so the oracle must be 3.11.4 or later.
    require_oracle_at_least(4, "3.11.0-3.11.3 ran source files containing NUL bytes")
    f = write("nul.py", b"x = 1\nprint(x)\x00\n")
    got = pyexpr([str(f)])
    exp = run_cpython([str(f)])
    assert exp.returncode == 1 and exception_type(last_stderr_line(exp.stderr)) == "SyntaxError", exp.describe()
    assert got.returncode == exp.returncode, f"[cpython]\n{exp.describe()}\n[pyexpr]\n{got.describe()}"
    assert got.stdout == exp.stdout == b""
    assert exception_type(last_stderr_line(got.stderr)) == exception_type(last_stderr_line(exp.stderr)), (
        f"cpython: {last_stderr_line(exp.stderr)!r}\npyexpr: {last_stderr_line(got.stderr)!r}"
    )


@pytest.mark.parametrize(
    "content",
    [b"x = 1\nprint(x)\n# \xff\xfe bad bytes\n", b"print(1)\n\xc3\x28\n", b"\x80"],
    ids=["in_comment", "bad_sequence", "lone_continuation_byte"],
)
def test_invalid_utf8_in_file(pyexpr_bin, write, content):
    f = write("bad_utf8.py", content)
    got = pyexpr([str(f)])
    exp = run_cpython([str(f)])
    assert got.returncode == exp.returncode, f"[cpython]\n{exp.describe()}\n[pyexpr]\n{got.describe()}"
    assert got.stdout == exp.stdout
    assert exception_type(last_stderr_line(got.stderr)) == exception_type(last_stderr_line(exp.stderr)), (
        f"cpython: {last_stderr_line(exp.stderr)!r}\npyexpr: {last_stderr_line(got.stderr)!r}"
    )


def test_ten_megabyte_source_file(pyexpr_bin, write):
    n = 10 * 1024 * 1024 // len("x += 1\n")
    f = write("big.py", "x = 0\n" + "x += 1\n" * n + "print(x)\n")
    assert f.stat().st_size >= 10 * 1024 * 1024
    # CPython needs ~10 s for this file, so the expected value is computed
    # directly: n increments of x.
    got = pyexpr([str(f)], timeout=120)
    assert got.returncode == 0, got.describe()
    assert got.stdout == f"{n}\n".encode()


def test_one_megabyte_single_line(pyexpr_bin, write):
    stmt = "x = x + 1; "
    n = 1024 * 1024 // len(stmt)
    src = "x = 0; " + stmt * n + "print(x)\n"
    f = write("longline.py", src)
    got = pyexpr([str(f)], timeout=60)
    exp = run_cpython([str(f)], timeout=60)
    assert exp.stdout == f"{n}\n".encode()
    assert_same(got, exp)


def test_ten_thousand_nested_parentheses(pyexpr_bin, write):
    src = "x = " + "(" * 10000 + "1" + ")" * 10000 + "\nprint(x)\n"
    f = write("parens.py", src)
    exp = run_cpython([str(f)])
    assert last_stderr_line(exp.stderr) == "SyntaxError: too many nested parentheses"
    got = pyexpr([str(f)], timeout=30)
    assert got.returncode == 1, "CPython rejects this program; pyexpr must fail cleanly\n" + got.describe()
    assert got.stdout == b""
    assert re.match(r"^(SyntaxError|RecursionError|MemoryError)\b", last_stderr_line(got.stderr)), got.describe()


def _ok_or_clean_error(got: Result, expected_stdout: bytes) -> None:
    assert got.returncode in (0, 1), got.describe()
    if got.returncode == 0:
        assert got.stdout == expected_stdout, got.describe()
    else:
        assert EXC_LAST_LINE.match(last_stderr_line(got.stderr)), (
            "a failure must end with an 'XxxError: message' line\n" + got.describe()
        )


def test_very_long_addition_chain(pyexpr_bin, write):
    # CPython: RecursionError during compilation.  pyexpr may compute it or
    # fail cleanly, but must not overflow its C stack.
    n = 100_000
    f = write("chain.py", "x = " + " + ".join(["1"] * n) + "\nprint(x)\n")
    _ok_or_clean_error(pyexpr([str(f)], timeout=60), f"{n}\n".encode())


def test_very_deep_unary_minus(pyexpr_bin):
    n = 100_000
    src = "print(" + "-" * n + "1)"
    _ok_or_clean_error(pyexpr(["-c", src], timeout=60), b"1\n")


def test_deeply_nested_blocks_within_cpython_limit(pyexpr_bin, write):
    depth = 99  # CPython's tokenizer allows at most 100 indentation levels
    lines = [" " * i + "if True:" for i in range(depth)] + [" " * depth + "print(depth_ok)"]
    src = "depth_ok = 99\n" + "\n".join(lines) + "\n"
    f = write("nested99.py", src)
    exp = run_cpython([str(f)])
    assert exp.returncode == 0 and exp.stdout == b"99\n", exp.describe()
    assert_same(pyexpr([str(f)]), exp)


@pytest.mark.parametrize("depth", [100, 1000])
def test_deeply_nested_blocks_beyond_cpython_limit(pyexpr_bin, write, depth):
    # CPython 3.11: "IndentationError: too many levels of indentation".
    lines = [" " * i + "if True:" for i in range(depth)] + [" " * depth + "print(1)"]
    f = write("nested.py", "\n".join(lines) + "\n")
    got = pyexpr([str(f)], timeout=30)
    assert got.returncode in (0, 1), got.describe()
    if got.returncode == 0:
        assert got.stdout == b"1\n", got.describe()
    else:
        assert re.match(r"^(SyntaxError|IndentationError|RecursionError|MemoryError)\b", last_stderr_line(got.stderr)), got.describe()


def test_huge_power_is_bounded(pyexpr_bin):
    # CPython computes 2**10**7 quickly; echoing it would exceed the
    # 4300-digit int->str limit (ValueError).  Require a clean outcome in
    # bounded time.
    got = pyexpr(["-c", "2**10**7"], timeout=20)
    assert got.returncode in (0, 1), got.describe()
    if got.returncode == 1:
        assert EXC_LAST_LINE.match(last_stderr_line(got.stderr)), got.describe()


def test_huge_power_assignment_is_fast_enough(pyexpr_bin):
    exp = run_cpython(["-c", "x = 2**10**7\nprint(x > 0, x % 1000)"])
    got = pyexpr(["-c", "x = 2**10**7\nprint(x > 0, x % 1000)"], timeout=20)
    assert_same(got, exp)


@pytest.mark.parametrize(
    "src",
    [
        "def f(n):\n    return f(n + 1)\n\nprint('start')\nf(0)\n",
        "def f(n):\n    return 1 + f(n + 1)\n\nx = f(0)\n",
        "def f():\n    return f()\n\nx = f()\n",
    ],
    ids=["tail", "non_tail", "no_args"],
)
def test_deep_recursion_is_recursion_error(pyexpr_bin, write, src):
    f = write("rec.py", src)
    exp = run_cpython([str(f)])
    assert last_stderr_line(exp.stderr) == "RecursionError: maximum recursion depth exceeded"
    got = pyexpr([str(f)], timeout=60)
    assert_same(got, exp)


def test_garbage_bytes_do_not_crash(pyexpr_bin, write):
    import random

    rng = random.Random(1234)
    for i in range(20):
        blob = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        f = write(f"garbage{i}.py", blob)
        got = pyexpr([str(f)], timeout=20)
        assert got.returncode in (0, 1), got.describe()


def test_random_token_soup_does_not_crash(pyexpr_bin):
    import random

    rng = random.Random(4321)
    tokens = ["(", ")", "[", "]", "1", "2.5", "x", "=", "+", "-", "*", "**", "/", "//", "%", "<<",
              ">>", "&", "|", "^", "~", "not", "and", "or", "if", "else", "elif", "while", "for",
              "in", "def", "return", ":", ",", ";", "\n", "    ", "\t", "\\", "#", "'s'", '"t"',
              "None", "True", "print", "range", "lambda", "global", "del", "pass", "1e309", "0x",
              "==", "<", ">=", "!=", "is", "break", "continue", "assert"]
    for _ in range(60):
        src = " ".join(rng.choice(tokens) for _ in range(rng.randrange(1, 40)))
        got = pyexpr(["-c", src], timeout=20)
        assert got.returncode in (0, 1), f"{src!r}\n" + got.describe()
