"""pytest configuration for the in-process benchmarks (pytest-benchmark).

Run with::

    pytest benchmarks/ --benchmark-only

``bench_*.py`` files are collected here (pytest's default pattern is
``test_*.py``; ``testpaths`` keeps them out of a plain ``pytest`` run). The
``pyexpr`` extension is imported through ``tests/_extension_build.py``, so a
source checkout is rebuilt first when the C sources are newer than it.

At the end of the session a table compares, for every program, the median
time of pyexpr with CPython's:

* fresh:    ``eval(src)``/``exec(src)`` (CPython compiles each call) vs
  ``pyexpr.eval(src, cache=False)``/``pyexpr.exec(src, cache=False)`` (pyexpr
  compiles each call too; the compile-cache groups are ``cache: ...``) - target: pyexpr >= 10x faster;
* compiled: ``eval(code_object, {})`` vs ``pyexpr.Code.eval()`` - target:
  pyexpr no slower (ratio >= 1).

These are measurements, never assertions.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tests"))

from _extension_build import load_pyexpr  # noqa: E402

load_pyexpr()

# impl ids, in table order
IMPLS = ("cpython-src", "cpython-code", "pyexpr-src", "pyexpr-code")


def pytest_collect_file(file_path, parent):
    # (a file named on the command line is collected by pytest itself)
    if (file_path.suffix == ".py" and file_path.name.startswith("bench_")
            and not parent.session.isinitpath(file_path)):
        return pytest.Module.from_parent(parent, path=file_path)
    return None


def _fmt_ns(seconds):
    ns = seconds * 1e9
    return f"{ns:,.0f} ns" if ns < 10_000 else f"{ns / 1000:,.1f} us"


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter):
    bs = getattr(terminalreporter.config, "_benchmarksession", None)
    benches = getattr(bs, "benchmarks", None) or []
    table = {}
    for b in benches:
        impl = (b.extra_info or {}).get("impl")
        if impl in IMPLS and b.stats:
            table.setdefault(b.group, {})[impl] = b.stats.median
    if not table:
        return
    tr = terminalreporter
    tr.write_sep("=", "pyexpr vs CPython (medians; ratio = CPython time / pyexpr time)")
    head = f"{'program':<28} {'eval(src)':>11} {'pyexpr(src)':>11} {'fresh':>7}   " \
           f"{'eval(code)':>11} {'Code.eval':>11} {'compiled':>8}"
    tr.write_line(head)
    tr.write_line("-" * len(head))
    fresh_ratios, code_ratios = [], []
    for group, m in table.items():
        def cell(k):
            return _fmt_ns(m[k]) if k in m else "-"

        def ratio(a, b, acc):
            if a in m and b in m and m[b] > 0:
                r = m[a] / m[b]
                acc.append(r)
                return f"{r:6.1f}x"
            return "      -"

        fr = ratio("cpython-src", "pyexpr-src", fresh_ratios)
        cr = ratio("cpython-code", "pyexpr-code", code_ratios)
        label = group.replace("\n", "\\n")
        tr.write_line(f"{label:<28} {cell('cpython-src'):>11} {cell('pyexpr-src'):>11} {fr:>7}   "
                      f"{cell('cpython-code'):>11} {cell('pyexpr-code'):>11} {cr:>8}")
    if fresh_ratios and code_ratios:
        tr.write_line("-" * len(head))
        tr.write_line(
            f"fresh compile (target >= 10x): min {min(fresh_ratios):.1f}x, max {max(fresh_ratios):.1f}x;  "
            f"compiled (target >= 1x): min {min(code_ratios):.1f}x, max {max(code_ratios):.1f}x"
        )
