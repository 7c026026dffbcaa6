"""The `re` matcher under the run's limits.

CPython's re cannot be stopped: ``re.match('(a+)+$', 'a' * 40 + 'b')`` runs
for hours there. pyexpr's matcher charges every instruction to the run's
step counter and time budget and keeps its backtrack stack in the state's
counted heap, so the same call ends with LimitError, and a pattern whose
backtracking state outgrows ``max_memory`` ends with LimitError too.
"""

from __future__ import annotations

import time

from _util import assert_no_crash, last_stderr_line, run_pyexpr

CATASTROPHIC = "import re\nprint(re.match('(a+)+$', 'a' * 40 + 'b'))\n"


def test_catastrophic_backtracking_hits_the_timeout() -> None:
    t0 = time.monotonic()
    res = run_pyexpr(["--timeout", "0.5", "-c", CATASTROPHIC], timeout=30)
    elapsed = time.monotonic() - t0
    assert_no_crash(res)
    assert res.returncode == 1, res.describe()
    assert last_stderr_line(res.stderr).startswith("LimitError: time limit exceeded"), res.describe()
    assert elapsed < 10, elapsed


def test_catastrophic_backtracking_hits_the_step_limit() -> None:
    res = run_pyexpr(["--max-steps", "200000", "-c", CATASTROPHIC], timeout=30)
    assert_no_crash(res)
    assert res.returncode == 1, res.describe()
    assert last_stderr_line(res.stderr).startswith("LimitError: step limit exceeded"), res.describe()


def test_catastrophic_search_in_findall_and_sub_stops_too() -> None:
    for call in ("re.findall(r'(x+x+)+y', 'x' * 40)", "re.sub(r'(aa|a)+$', '', 'a' * 60 + '!')",
                 "re.split(r'(a|aa)+b', 'a' * 50)"):
        res = run_pyexpr(["--timeout", "0.5", "-c", f"import re\nprint({call})\n"], timeout=30)
        assert_no_crash(res)
        assert last_stderr_line(res.stderr).startswith("LimitError"), res.describe()


def test_backtrack_stack_is_charged_to_max_memory() -> None:
    src = "import re\nprint(re.match('(?:ab|cd)*c', 'ab' * 2000000))\n"
    res = run_pyexpr(["--max-memory", "50M", "-c", src], timeout=60)
    assert_no_crash(res)
    assert res.returncode == 1, res.describe()
    assert last_stderr_line(res.stderr).startswith("LimitError: memory limit exceeded"), res.describe()
    res = run_pyexpr(["-c", src], timeout=60)  # without the limit it finishes
    assert res.returncode == 0 and res.stdout == b"None\n", res.describe()


def test_deep_pattern_nesting_is_an_error_not_a_crash() -> None:
    res = run_pyexpr(["-c", "import re\nre.compile('(' * 5000 + ')' * 5000)\n"], timeout=30)
    assert_no_crash(res)
    assert last_stderr_line(res.stderr) == "RecursionError: maximum recursion depth exceeded", res.describe()
