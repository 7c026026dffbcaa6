"""The binary's limit flags (--max-steps, --max-memory, --timeout,
--max-depth): the same meaning and the same error text as the extension's
limits (the extension is run at test time for the expected text), usage
errors, and the --help / documentation flag lists kept in step.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from _extension_build import load_pyexpr
from _util import REPO_ROOT, run_pyexpr

pyexpr = load_pyexpr()

LOOP = "while True: pass"
GROW = "x = []\nwhile True:\n    x.append([0] * 1000)"
RECURSE = "def f(n):\n    return f(n + 1)\nf(0)"

# (CLI flags, extension keyword limits, program)
CASES = [
    (["--max-steps", "1000"], {"max_steps": 1000}, LOOP),
    (["--max-steps=12345"], {"max_steps": 12345}, "n = 0\nfor i in range(10 ** 6):\n    n += i"),
    (["--max-memory", "1048576"], {"max_memory": 1 << 20}, GROW),
    (["--max-memory=1M"], {"max_memory": 1 << 20}, "x = [0] * 10 ** 6"),
    (["--max-memory", "64K"], {"max_memory": 64 << 10}, "s = 'ab' * 100000"),
    (["--max-memory", "1.5M"], {"max_memory": 3 << 19}, GROW),
    (["--timeout", "0.2"], {"timeout": 0.2}, LOOP),
    (["--timeout=0.05"], {"timeout": 0.05}, "n = 0\nwhile True:\n    n += 1"),
    (["--max-depth", "50"], {"max_depth": 50}, RECURSE),
    (["--max-depth=7"], {"max_depth": 7}, RECURSE),
    (["--max-steps", "500", "--max-memory", "10M", "--timeout", "5"],
     {"max_steps": 500, "max_memory": 10 << 20, "timeout": 5.0}, LOOP),
]


def _extension_outcome(src, limits):
    try:
        pyexpr.exec(src, **limits)
    except BaseException as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}"
    return None


@pytest.mark.parametrize("flags,limits,src", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_limit_error_matches_extension(pyexpr_bin, flags, limits, src):
    want = _extension_outcome(src, limits)
    assert want is not None, "the extension must stop this program"
    got = run_pyexpr([*flags, "-c", src], timeout=60)
    assert got.returncode == 1 and got.stdout == b"", got
    err = got.stderr.decode()
    assert err.startswith("Traceback (most recent call last):\n  File \"<string>\", line "), err
    assert err.endswith(want + "\n"), f"extension says {want!r}\n{err}"


@pytest.mark.parametrize("flags", [c[0] for c in CASES if c[2] != LOOP] + [[]])
def test_limits_that_are_not_reached(pyexpr_bin, flags):
    """Generous limits change nothing."""
    src = "def f(n):\n    return n if n < 5 else f(n - 1)\nprint(f(3))\nsum(range(100))"
    loose = {"--max-steps": "100000", "--max-memory": "64M", "--timeout": "30", "--max-depth": "100"}
    args = []
    for f in flags:
        name = f.split("=")[0]
        if name in loose:
            args += [name, loose[name]]
    got = run_pyexpr([*args, "-c", src])
    assert (got.stdout, got.stderr, got.returncode) == (b"3\n4950\n", b"", 0)


def test_zero_means_no_limit(pyexpr_bin):
    got = run_pyexpr(["--max-steps", "0", "--max-memory", "0", "--timeout", "0", "-c",
                      "n = 0\nfor i in range(100000):\n    n += i\nn"])
    assert (got.stdout, got.returncode) == (b"4999950000\n", 0)


def test_limit_flags_with_file_and_stdin(pyexpr_bin, tmp_path):
    f = tmp_path / "loop.py"
    f.write_text("n = 0\nwhile True:\n    n += 1\n")
    got = run_pyexpr(["--max-steps", "100", str(f)])
    assert got.returncode == 1
    assert got.stderr.decode() == (
        "Traceback (most recent call last):\n"
        f'  File "{f}", line 2, in <module>\n'
        "    while True:\n"
        "LimitError: step limit exceeded (max_steps=100)\n"
    ) or got.stderr.decode().endswith("LimitError: step limit exceeded (max_steps=100)\n")
    got = run_pyexpr(["--max-steps", "100", "-"], input=b"while True: pass\n")
    assert got.returncode == 1 and got.stderr.endswith(b"step limit exceeded (max_steps=100)\n")


def test_output_before_the_limit_is_kept(pyexpr_bin):
    got = run_pyexpr(["--max-steps", "1000", "-c", "print('first')\nwhile True: pass"])
    assert got.stdout == b"first\n" and got.returncode == 1


def test_limit_error_can_be_caught_like_the_extension(pyexpr_bin):
    src = "try:\n    while True: pass\nexcept Exception as e:\n    print(type(e).__name__)"
    want = _extension_outcome(src, {"max_steps": 1000})
    got = run_pyexpr(["--max-steps", "1000", "-c", src])
    if want is None:
        assert got.returncode == 0
    else:
        assert got.returncode == 1 and got.stderr.decode().endswith(want + "\n")


def test_timeout_stops_native_operations(pyexpr_bin):
    """A native operation that does not see the deadline is ended by the
    backstop 1 s after it, with the same message."""
    t0 = time.monotonic()
    got = run_pyexpr(["--timeout", "0.2", "-c", "x = 3 ** (10 ** 9)\nprint('never')"], timeout=60)
    assert time.monotonic() - t0 < 10
    assert got.returncode == 1 and got.stdout == b""
    assert got.stderr.endswith(b"LimitError: time limit exceeded (timeout=0.2s)\n"), got


@pytest.mark.parametrize("args", [
    ["--max-steps", "abc"], ["--max-steps", "-1"], ["--max-steps", "1.5"], ["--max-steps="],
    ["--max-memory", "lots"], ["--max-memory", "-5"], ["--max-memory", "1T"],
    ["--timeout", "soon"], ["--timeout", "-1"], ["--timeout", "nan"], ["--timeout", "inf"],
    ["--max-depth", "0"], ["--max-depth", "1000001"], ["--max-depth", "x"],
    ["--max-steps"], ["--timeout"],
])
def test_bad_limit_values_are_usage_errors(pyexpr_bin, args):
    got = run_pyexpr([*args, "-c", "1"] if len(args) > 1 or "=" in args[0] else args)
    assert got.returncode == 2 and got.stdout == b"", got
    err = got.stderr.decode()
    assert "usage: pyexpr" in err and args[0].split("=")[0] in err, err


def test_help_documents_limits_and_exit_statuses(pyexpr_bin):
    out = run_pyexpr(["--help"]).stdout.decode()
    for word in ("--max-steps N", "--max-memory SIZE", "--timeout SECONDS", "--max-depth N",
                 "LimitError", "exit status 1", "130", "--no-daemon"):
        assert word in out, word


# --------------------------------------------------------------------------
# every flag in the docs is in --help, and every flag in --help is documented
# --------------------------------------------------------------------------

FLAG = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z])(?![\w-])")
# flags of other programs that the docs mention, and spellings shown as errors
NOT_PYEXPR_FLAGS = {
    "--benchmark-only",  # pytest-benchmark
    "--quick", "--runs", "--rounds", "--no-cli", "--baseline-bin",  # benchmark scripts
    "--profile-jsonx",  # docs/profiling.md: an example of a rejected spelling
    "--dis",  # docs/internals.md: the compiler's listing (PYEXPR_DIS=1), not a flag
    "--system-site-packages",  # python -m venv
}
OTHER_COMMANDS = re.compile(r"\b(pytest|python3?|pip|pyexpr-bench|bench_\w+\.py|venv|make|pkg-config|git|mpy_basics\.py|gen_performance\.py|valgrind|hyperfine|taskset)\b")


def _doc_flags() -> set[str]:
    flags = set()
    for path in [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            for m in re.finditer(r"--[a-z][a-z0-9-]*", line):
                flag = m.group(0)
                if flag in NOT_PYEXPR_FLAGS:
                    continue
                before = line[: m.start()]
                if before.endswith(("-", "#")):
                    continue  # part of a link anchor (`mcp.md#host-tools---tools-file`)
                others = [o.end() for o in OTHER_COMMANDS.finditer(before)]
                if others and others[-1] > before.rfind("pyexpr "):
                    continue  # an option of another program named after pyexpr on that line
                flags.add(flag)
    return flags


def _help_flags() -> set[str]:
    text = "".join(run_pyexpr([*pre, "--help"]).stdout.decode() for pre in ([], ["--daemon"], ["--mcp"]))
    return {f for f in re.findall(r"--[a-z][a-z0-9-]*", text)}


def test_every_documented_flag_is_in_help_and_back(pyexpr_bin):
    docs, helps = _doc_flags(), _help_flags()
    assert docs - helps == set(), f"documented but not in --help: {sorted(docs - helps)}"
    assert helps - docs == set(), f"in --help but not documented: {sorted(helps - docs)}"


def test_every_help_flag_is_accepted(pyexpr_bin):
    """No flag of `pyexpr --help` is an 'unknown option'."""
    text = run_pyexpr(["--help"]).stdout.decode()
    for flag in sorted(set(re.findall(r"--[a-z][a-z0-9-]*", text))):
        got = run_pyexpr([flag, "--help"], timeout=30)
        assert b"unknown" not in got.stderr, (flag, got)


def test_max_memory_covers_compiling_like_the_extension(pyexpr_bin):
    src = "x = [" + ", ".join(map(str, range(3000))) + "]\nlen(x)"
    want = _extension_outcome(src, {"max_memory": 10240})
    got = run_pyexpr(["--max-memory", "10K", "-c", src])
    assert want == "LimitError: memory limit exceeded (max_memory=10240 bytes)"
    assert (got.stdout, got.returncode) == (b"", 1)
    assert got.stderr.decode().endswith(want + "\n")
    got = run_pyexpr(["--max-memory", "1M", "-c", src])
    assert (got.stdout, got.returncode) == (b"3000\n", 0)
