"""A short, seeded run of the differential program fuzzer (tools/progfuzz).

Random programs from the grammar-based generator (nested functions and
closures, loops with break/continue/else, try/except/else/finally with
return/break/continue in finally, raise / bare raise / raise from,
comprehensions, containers, str methods, f-strings, big ints, floats,
operations that raise) run through CPython (the 3.11 oracle of tests/_util.py) and
pyexpr; stdout, the last stderr line and the exit status must be identical.
Mostly in batches (each program inside its own function, its exception
printed), plus whole programs so uncaught tracebacks are compared.

The seeds are fixed, so a failure is reproducible: the message shows the
program. The sanitizer build (build/pyexpr-asan) joins in when it exists and
is up to date with csrc/. About 20-40 s in total; PYEXPR_FUZZ_SCALE=N runs N
times as many programs. The long campaign with shrinking is
tools/fuzz_programs.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from _util import REPO_ROOT, get_pyexpr_bin

sys.path.insert(0, str(REPO_ROOT / "tools"))
from progfuzz import gen  # noqa: E402
from progfuzz.runner import compare, kind  # noqa: E402
import progfuzz.runner as _runner  # noqa: E402
from _util import CPYTHON as _ORACLE  # noqa: E402

if _ORACLE:  # compare with CPython 3.11 whatever Python runs pytest
    _runner.CPYTHON = _ORACLE

SCALE = max(1, int(os.environ.get("PYEXPR_FUZZ_SCALE", "1")))
BATCHES = 8 * SCALE            # batches of BATCH programs
BATCH = 15
WHOLE = 32 * SCALE             # whole programs
BASE_SEED = 20261203


def _asan_bin():
    p = REPO_ROOT / "build" / "pyexpr-asan"
    if not os.access(p, os.X_OK):
        return None
    newest = max(f.stat().st_mtime for f in (REPO_ROOT / "csrc").glob("**/*.[ch]"))
    return str(p) if p.stat().st_mtime >= newest else None


@pytest.fixture(scope="module")
def bins():
    b = [get_pyexpr_bin()]
    a = _asan_bin()
    if a:
        b.append(a)
    return b


def _explain(src, cpy, outs, bad):
    parts = []
    for b in bad:
        o = outs[b]
        parts.append(
            f"{Path(b).name}: {kind(cpy, o)}\n"
            f"  CPython: status {cpy.status}, last line {cpy.last!r}\n"
            f"  pyexpr : status {o.status}, last line {o.last!r} {o.crash}\n"
            f"  CPython stdout tail: {cpy.stdout[-600:]!r}\n"
            f"  pyexpr  stdout tail: {o.stdout[-600:]!r}")
    return "\n".join(parts) + "\n--- program ---\n" + src


def test_generated_programs_are_valid_python():
    """The generator's output always compiles (a generator bug would
    otherwise hide as 'both raise SyntaxError')."""
    for s in range(BASE_SEED, BASE_SEED + 200):
        compile(gen.generate(s), f"<seed {s}>", "exec")
        compile(gen.PRELUDE + gen.wrap_one(s, gen.generate(s, wrapped=True)), f"<wrapped {s}>", "exec")


@pytest.mark.parametrize("k", range(BATCHES))
def test_batch(k, bins, tmp_path):
    seeds = list(range(BASE_SEED + k * BATCH, BASE_SEED + (k + 1) * BATCH))
    src, bodies = gen.batch(seeds)
    cpy, outs, bad = compare(src, bins, str(tmp_path))
    if not bad:
        return
    # name the single program(s) that disagree
    msgs = []
    for s, body in zip(seeds, bodies):
        one = gen.PRELUDE + gen.wrap_one(s, body)
        c1, o1, bad1 = compare(one, bins, str(tmp_path))
        if bad1:
            msgs.append(f"seed {s} (batch mode):\n" + _explain(one, c1, o1, bad1))
    pytest.fail("\n\n".join(msgs) or _explain(src, cpy, outs, bad), pytrace=False)


@pytest.mark.parametrize("k", range(4))
def test_whole_programs(k, bins, tmp_path):
    n = WHOLE // 4
    failures = []
    for s in range(BASE_SEED + 10**6 + k * n, BASE_SEED + 10**6 + (k + 1) * n):
        src = gen.generate(s)
        cpy, outs, bad = compare(src, bins, str(tmp_path))
        if bad:
            failures.append(f"seed {s} (whole program):\n" + _explain(src, cpy, outs, bad))
    assert not failures, "\n\n".join(failures)


def test_generator_reaches_the_interesting_parts(tmp_path):
    """The programs do not all die at the first statement: across a fixed
    set of seeds CPython runs many to the end, catches exceptions, runs
    finally blocks and also ends with uncaught exceptions."""
    done = caught = fin = uncaught = 0
    for s in range(BASE_SEED, BASE_SEED + 40):
        src = gen.generate(s)
        cpy, _, _ = compare(src, [], str(tmp_path))
        out = cpy.stdout
        done += b"done" in out
        caught += b"caught" in out or b"top " in out
        fin += b"finally" in out
        uncaught += cpy.status == 1
    assert done >= 10 and caught >= 10 and fin >= 10 and uncaught >= 3, (done, caught, fin, uncaught)
