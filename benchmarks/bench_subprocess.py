"""Subprocess benchmarks: the native ``pyexpr`` binary vs ``python -c`` vs
``python -I -S -c`` on the design's eight programs (same output, checked).

One pytest-benchmark group per program (``subprocess: <program>``); each
benchmark is one process start + run + exit (``posix_spawn`` + ``wait4``,
stdout to /dev/null). The programs and the process timer are those of
``pyexpr-bench`` (``pyexpr/bench.py``), which adds interleaving, confidence
intervals and the C floor; here pytest-benchmark does the statistics.

Run::

    pytest benchmarks/bench_subprocess.py --benchmark-only

Nothing here asserts on time; only outputs are checked.
"""

from __future__ import annotations

import sys

import pytest

from pyexpr import binary_path
from pyexpr.bench import PROGRAMS, Spawner, capture, clean_env

IMPLS = {
    "pyexpr": lambda exe, p: [exe, "-c", p.pyexpr],
    "python -c": lambda exe, p: [sys.executable, "-c", p.python],
    "python -I -S -c": lambda exe, p: [sys.executable, "-I", "-S", "-c", p.python],
}


@pytest.fixture(scope="module")
def pyexpr_exe():
    try:
        return binary_path()
    except FileNotFoundError as e:
        pytest.skip(str(e))


@pytest.fixture(scope="module")
def spawner():
    with Spawner() as sp:
        yield sp


@pytest.mark.parametrize("impl", list(IMPLS))
@pytest.mark.parametrize("prog", PROGRAMS, ids=[p.name for p in PROGRAMS])
def test_subprocess(benchmark, pyexpr_exe, spawner, prog, impl):
    argv = IMPLS[impl](pyexpr_exe, prog)
    env = clean_env()
    # same output as CPython before anything is timed (a correctness check)
    assert capture(argv, env) == capture([sys.executable, "-c", prog.python], env)
    benchmark.group = f"subprocess: {prog.name}"
    benchmark.name = impl
    benchmark.extra_info["impl"] = impl
    benchmark.pedantic(spawner.run, args=(argv,), rounds=20 if "python" in impl else 100,
                       warmup_rounds=2, iterations=1)
