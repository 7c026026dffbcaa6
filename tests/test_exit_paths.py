"""Every exit path through every nesting of blocks, compiled and run.

Generated programs nest up to three blocks (for, while, the parts of
try/except/else/finally, try bodies that return, break or raise before a
finally) around one leaf statement (break, continue, return, raise). Every
combination CPython compiles must compile in pyexpr too — the compiler's
stack-depth flow pass turns any handler-region mistake into an internal
SystemError, which is exactly what this test hunts — and, run, must print
what CPython prints (the oracle runs the same file at test time).

All programs go into one module (one process each for CPython and pyexpr):
each is a function called inside try/except that prints its result or its
exception.
"""

from __future__ import annotations

import itertools

import pytest

from _util import require_oracle, run_cpython, run_pyexpr

BLOCKS = {
    "for": ("for i{d} in range(2):", None),
    "while": ("while x < 3:\n{i}    x += 1", None),
    "try_body_exc": ("try:", "except ValueError as e{d}:\n{i}    x += 10"),
    "try_handler": ("try:\n{i}    raise ValueError({d})\n{i}except Exception as e{d}:", None),
    "try_body_fin": ("try:", "finally:\n{i}    x += 100"),
    "try_fin": ("try:\n{i}    x += 1\n{i}finally:", None),
    "try_else": ("try:\n{i}    x += 1\n{i}except KeyError:\n{i}    pass\n{i}else:", None),
    "try_ret_fin": ("try:\n{i}    return ('early', x)\n{i}finally:", None),
    "try_brk_fin": ("try:\n{i}    if x % 2: break\n{i}    return ('mid', x)\n{i}finally:", None),
    "try_raise_fin": ("try:\n{i}    raise KeyError(x)\n{i}finally:", None),
    "try_exc_fin_body": ("try:", "except ValueError:\n{i}    x += 1000\n{i}finally:\n{i}    x += 3"),
}
LEAVES = ["break", "continue", "return ('leaf', x)", "raise ValueError(x)"]


def _program(chain, leaf, name):
    lines = [f"def {name}():", "    x = 0"]
    ind, tails = "    ", []
    for d, b in enumerate(chain):
        head, tail = BLOCKS[b]
        lines.append(ind + head.format(d=d, i=ind))
        tails.append((ind, tail, d))
        ind += "    "
    lines.append(ind + leaf)
    for ind2, tail, d in reversed(tails):
        if tail:
            lines.append(ind2 + tail.format(d=d, i=ind2))
    lines.append("    return ('end', x)")
    return "\n".join(lines) + "\n"


def _programs():
    out = []
    for n in (1, 2, 3):
        for chain in itertools.product(BLOCKS, repeat=n):
            for leaf in LEAVES:
                name = f"f{len(out)}"
                src = _program(chain, leaf, name)
                try:
                    compile(src, name, "exec")
                except SyntaxError:  # break/continue outside a loop
                    continue
                out.append((name, src))
    return out


def _module(progs):
    body = "".join(src for _, src in progs)
    calls = "\n".join(
        f"try:\n    print({n!r}, {n}())\nexcept BaseException as e:\n"
        f"    print({n!r}, type(e).__name__, e.args)" for n, _ in progs)
    return body + calls + "\n"


@pytest.fixture(scope="module")
def module_file(tmp_path_factory):
    progs = _programs()
    assert len(progs) > 3000
    p = tmp_path_factory.mktemp("exits") / "exit_paths.py"
    p.write_text(_module(progs))
    return p


def test_every_exit_path_compiles_and_runs_as_cpython(module_file):
    require_oracle()
    exp = run_cpython([str(module_file)], timeout=300)
    got = run_pyexpr([str(module_file)], timeout=300)
    assert "SystemError" not in got.stderr.decode(errors="replace"), got.stderr[-2000:]
    assert got.returncode == exp.returncode == 0, got.stderr[-2000:]
    e, g = exp.stdout.decode().splitlines(), got.stdout.decode().splitlines()
    bad = [(a, b) for a, b in zip(e, g) if a != b]
    assert len(e) == len(g) and not bad, bad[:5]


# ---------------------------------------------------------------------------
# The same nestings as generators: a `yield` before the leaf suspends the
# frame at the deepest point; each generator is driven to its end, closed
# at its first yield, or has an exception thrown in there.
# ---------------------------------------------------------------------------

DRIVER = '''
def drive(g, mode):
    out = []
    try:
        v = next(g)
        while True:
            out.append(v)
            if len(out) == 1 and mode == 1:
                out.append(('close', g.close()))
                break
            if len(out) == 1 and mode == 2:
                v = g.throw(KeyError('thrown'))
                continue
            v = next(g)
    except StopIteration as e:
        out.append(('ret', e.value))
    except BaseException as e:
        out.append((type(e).__name__, e.args))
    return out
'''


def _gen_programs():
    out = []
    for name, src in _programs():
        lines = src.splitlines()
        # the leaf is the deepest line before the block tails: find it by
        # its indentation (the longest) among the leaf statements
        idx = max((i for i, l in enumerate(lines) if l.strip() in LEAVES),
                  key=lambda i: len(lines[i]) - len(lines[i].lstrip()))
        ind = lines[idx][: len(lines[idx]) - len(lines[idx].lstrip())]
        lines.insert(idx, ind + "yield ('y', x)")
        gsrc = "\n".join(lines) + "\n"
        out.append((name, gsrc))
    return out


@pytest.fixture(scope="module")
def gen_module_file(tmp_path_factory):
    progs = _gen_programs()
    body = DRIVER + "".join(src for _, src in progs)
    calls = "\n".join(f"for m in (0, 1, 2):\n    print({n!r}, m, drive({n}(), m))" for n, _ in progs)
    p = tmp_path_factory.mktemp("genexits") / "gen_exit_paths.py"
    p.write_text(body + calls + "\n")
    return p


def test_every_exit_path_in_a_generator(gen_module_file):
    require_oracle()
    exp = run_cpython([str(gen_module_file)], timeout=300)
    got = run_pyexpr([str(gen_module_file)], timeout=300)
    assert "SystemError" not in got.stderr.decode(errors="replace"), got.stderr[-2000:]
    assert got.returncode == exp.returncode == 0, got.stderr[-2000:]
    e, g = exp.stdout.decode().splitlines(), got.stdout.decode().splitlines()
    bad = [(a, b) for a, b in zip(e, g) if a != b]
    assert len(e) == len(g) and not bad, bad[:5]


# ---------------------------------------------------------------------------
# `with` around the same exit paths: a context manager class logs every
# __enter__/__exit__ (with the exception type it sees); one variant
# suppresses the exception. Every way out must call __exit__ exactly once,
# with what CPython passes.
# ---------------------------------------------------------------------------

WITH_PRELUDE = '''
LOG = []
class CM:
    def __init__(self, d, suppress=False):
        self.d, self.suppress = d, suppress
    def __enter__(self):
        LOG.append(('enter', self.d))
        return self.d
    def __exit__(self, t, v, tb):
        LOG.append(('exit', self.d, t.__name__ if t else None))
        return self.suppress
'''

WITH_BLOCKS = dict(BLOCKS)
WITH_BLOCKS.update({
    "with": ("with CM({d}) as w{d}:", None),
    "with_suppress": ("with CM({d}, True):", None),
    "with_two": ("with CM({d}), CM({d} + 10) as w{d}:", None),
})
_WITH_KINDS = ("with", "with_suppress", "with_two")
_WITH_MIX = ("for", "while", "try_body_exc", "try_body_fin", "try_ret_fin", "with",
             "with_suppress")


def _with_programs():
    global BLOCKS
    saved, BLOCKS = BLOCKS, WITH_BLOCKS
    try:
        out = []
        chains = [c for n in (1, 2) for c in itertools.product(WITH_BLOCKS, repeat=n)]
        chains += list(itertools.product(_WITH_MIX, repeat=3))
        for chain in chains:
            if not any(b in _WITH_KINDS for b in chain):
                continue
            for leaf in LEAVES:
                name = f"f{len(out)}"
                src = _program(chain, leaf, name)
                try:
                    compile(src, name, "exec")
                except SyntaxError:
                    continue
                out.append((name, src))
        return out
    finally:
        BLOCKS = saved


@pytest.fixture(scope="module")
def with_module_file(tmp_path_factory):
    progs = _with_programs()
    assert len(progs) > 800
    calls = "\n".join(
        f"LOG.clear()\ntry:\n    print({n!r}, {n}(), LOG)\nexcept BaseException as e:\n"
        f"    print({n!r}, type(e).__name__, e.args, LOG)" for n, _ in progs)
    p = tmp_path_factory.mktemp("withexits") / "with_exit_paths.py"
    p.write_text(WITH_PRELUDE + "".join(src for _, src in progs) + calls + "\n")
    return p


def test_every_exit_path_through_with(with_module_file):
    require_oracle()
    if run_pyexpr(["-c", "class A: pass"]).returncode != 0:
        pytest.skip("needs the class statement (issue 13 `classes`)")
    exp = run_cpython([str(with_module_file)], timeout=300)
    got = run_pyexpr([str(with_module_file)], timeout=300)
    assert "SystemError" not in got.stderr.decode(errors="replace"), got.stderr[-2000:]
    assert got.returncode == exp.returncode == 0, got.stderr[-2000:]
    e, g = exp.stdout.decode().splitlines(), got.stdout.decode().splitlines()
    bad = [(a, b) for a, b in zip(e, g) if a != b]
    assert len(e) == len(g) and not bad, bad[:5]
