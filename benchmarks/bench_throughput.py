"""Interpreter throughput: loop-heavy scripts, pyexpr vs CPython (vs Lua 5.4).

The scripts are in ``benchmarks/programs/`` (one ``NAME.py`` run by both
pyexpr and CPython, one equivalent ``NAME.lua``):

* ``fib``           recursive fib(27) (about 630,000 calls)
* ``while_sum``     a while loop summing 0 .. 9,999,999
* ``list_sum``      list of 1,000,000 ints built with append, then summed
* ``str_build``     a string built by 200,000 ``s += ...``
* ``dict_ops``      500,000 dict insertions, then 500,000 lookups
* ``float_series``  5,000,000 terms of the Leibniz series
* ``sieve``         a sieve of Eratosthenes to 2,000,000 (``list[i] = v``)
* ``nbody``         n-body on lists of floats (``**``, ``abs``, ``math.sqrt``)
* ``str_methods``   split/strip/lower/replace/find/join over 100,000 lines
* ``sort_key``      sorting 200,000 records with a key function
* ``comprehensions`` list/dict/set comprehensions and a generator expression

and the class-heavy group of issue 13 (``cls_*.py`` / ``cls_*.lua``), also
timed with Debian's ``/usr/bin/python3`` when it is another CPython:

* ``cls_nbody``          n-body on a Vec class with operator overloading
* ``cls_tree``           trees of Node objects built and walked recursively
* ``cls_generators``     a generator pipeline over 1,000,000 items
* ``cls_state_machine``  a state machine with a method dispatch per character

A class-heavy script that pyexpr refuses (no ``class``/``yield`` yet) is
skipped for pyexpr with its error ("unsupported: ..."); the other
interpreters still run.

Each benchmark is one whole process (``pyexpr FILE``, ``python -I -S FILE``,
``lua5.4 FILE``), start-up included (about 1 ms for pyexpr, 10-20 ms for
``python -I -S``; docs/performance.md also shows the ratio with start-up
subtracted). The output of every command is first checked equal to CPython's. These take
seconds, so ``benchmark.pedantic`` with few rounds (``PYEXPR_BENCH_ROUNDS``,
default 3).

Run::

    pytest benchmarks/bench_throughput.py --benchmark-only

Nothing here asserts on time; only outputs are checked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pyexpr import binary_path
from pyexpr.bench import Spawner, capture, clean_env

PROGRAMS_DIR = Path(__file__).resolve().parent / "programs"
LOOP_PROGRAMS = ["fib", "while_sum", "list_sum", "str_build", "dict_ops", "float_series", "sieve",
                 "nbody", "str_methods", "sort_key", "comprehensions"]
CLASS_PROGRAMS = ["cls_nbody", "cls_tree", "cls_generators", "cls_state_machine"]
DEBIAN_PYTHON = "/usr/bin/python3"
ROUNDS = max(1, int(os.environ.get("PYEXPR_BENCH_ROUNDS", "3")))


def _argv(impl, exe, name):
    if impl == "pyexpr":
        return [exe, str(PROGRAMS_DIR / f"{name}.py")]
    if impl == "cpython":
        return [sys.executable, "-I", "-S", str(PROGRAMS_DIR / f"{name}.py")]
    if impl == "python3-debian":
        if not os.access(DEBIAN_PYTHON, os.X_OK) or (
                os.path.realpath(DEBIAN_PYTHON) == os.path.realpath(sys.executable)):
            pytest.skip(f"{DEBIAN_PYTHON} missing or the same interpreter as sys.executable")
        return [DEBIAN_PYTHON, "-I", "-S", str(PROGRAMS_DIR / f"{name}.py")]
    lua = shutil.which("lua5.4")
    if lua is None:
        pytest.skip("lua5.4 not on PATH")
    return [lua, str(PROGRAMS_DIR / f"{name}.lua")]


@pytest.fixture(scope="module")
def pyexpr_exe():
    try:
        return binary_path()
    except FileNotFoundError as e:
        pytest.skip(str(e))


@pytest.fixture(scope="module")
def expected():
    """CPython's output of every program (the oracle), computed once."""
    env = clean_env()
    return {n: capture([sys.executable, "-I", "-S", str(PROGRAMS_DIR / f"{n}.py")], env, timeout=600)
            for n in LOOP_PROGRAMS + CLASS_PROGRAMS}


@pytest.fixture(scope="module")
def spawner():
    with Spawner() as sp:
        yield sp


@pytest.mark.parametrize("impl", ["pyexpr", "cpython", "lua5.4"])
@pytest.mark.parametrize("name", LOOP_PROGRAMS)
def test_throughput(benchmark, pyexpr_exe, expected, spawner, name, impl):
    argv = _argv(impl, pyexpr_exe, name)
    assert capture(argv, clean_env(), timeout=600) == expected[name]  # correctness, not speed
    benchmark.group = f"throughput: {name}"
    benchmark.name = impl
    benchmark.extra_info["impl"] = impl
    benchmark.pedantic(spawner.run, args=(argv,), rounds=ROUNDS, iterations=1, warmup_rounds=0)


@pytest.mark.parametrize("impl", ["pyexpr", "cpython", "python3-debian", "lua5.4"])
@pytest.mark.parametrize("name", CLASS_PROGRAMS)
def test_classes(benchmark, pyexpr_exe, expected, spawner, name, impl):
    argv = _argv(impl, pyexpr_exe, name)
    r = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=clean_env(), timeout=600)
    if impl == "pyexpr" and r.returncode != 0:
        err = [ln for ln in r.stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
        pytest.skip(f"unsupported by pyexpr: {err[-1] if err else r.returncode}")
    assert r.returncode == 0 and r.stdout.decode() == expected[name]  # correctness, not speed
    benchmark.group = f"classes: {name}"
    benchmark.name = impl
    benchmark.extra_info["impl"] = impl
    benchmark.pedantic(spawner.run, args=(argv,), rounds=ROUNDS, iterations=1, warmup_rounds=0)

