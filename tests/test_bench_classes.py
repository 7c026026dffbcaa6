"""The class-heavy throughput group (benchmarks/programs/cls_*, reported by
tools/gen_performance.py): every script has a Lua twin with the same output,
and the report section works before pyexpr runs them ("unsupported") and
after. Correctness only: nothing here looks at how fast anything is."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

import pytest

from _util import REPO_ROOT, require_oracle

PROGRAMS = REPO_ROOT / "benchmarks" / "programs"


def _gen():
    spec = importlib.util.spec_from_file_location("gen_performance", REPO_ROOT / "tools" / "gen_performance.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    from pyexpr import bench
    mod.B = bench
    return mod


def test_every_class_program_has_both_files():
    gp = _gen()
    names = [n for n, _ in gp.CLASS_PROGRAMS]
    assert sorted(names) == sorted(p.stem for p in PROGRAMS.glob("cls_*.py"))
    for n in names:
        assert (PROGRAMS / f"{n}.lua").is_file(), n


@pytest.mark.skipif(shutil.which("lua5.4") is None, reason="lua5.4 not on PATH")
@pytest.mark.parametrize("name", sorted(p.stem for p in PROGRAMS.glob("cls_*.py")))
def test_lua_twin_prints_what_cpython_prints(name):
    py = subprocess.run([require_oracle(), "-I", "-S", str(PROGRAMS / f"{name}.py")],
                        capture_output=True, timeout=300)
    lua = subprocess.run(["lua5.4", str(PROGRAMS / f"{name}.lua")], capture_output=True, timeout=300)
    assert py.returncode == 0 and lua.returncode == 0, (py.stderr, lua.stderr)
    assert py.stdout == lua.stdout


def _fake(status_pyexpr: str, with_time: bool):
    gp = _gen()
    progs = {}
    for n, _ in gp.CLASS_PROGRAMS:
        md = {"CPython": 2e9, "python3-debian": 1e9, "lua5.4": 0.5e9}
        if with_time:
            md["pyexpr"] = 0.5e9
        progs[n] = {"status": {"pyexpr": status_pyexpr, "CPython": "ok", "python3-debian": "ok",
                               "lua5.4": "ok"}, "median_ns": md}
    cl = {"impls": ["pyexpr", "CPython", "python3-debian", "lua5.4"],
          "labels": {"pyexpr": "pyexpr", "CPython": "CPython A", "python3-debian": "CPython B",
                     "lua5.4": "Lua 5.4"},
          "programs": progs, "notes": [], "pyexpr_version": "0.1.0"}
    return gp, cl


def test_section_unsupported_then_supported():
    gp, cl = _fake("unsupported: SyntaxError: class definitions are not supported by pyexpr", False)
    text = "\n".join(gp.render_classes(cl, 3, "now"))
    assert "| unsupported |" in text and "class definitions are not supported" in text
    gp, cl = _fake("ok", True)
    text = "\n".join(gp.render_classes(cl, 3, "now"))
    # the faster CPython (1 s) / pyexpr (0.5 s)
    assert "unsupported" not in text and "2.00" in text
    doc = "# Performance\n\nintro\n\n## Reproducing\n\nend\n"
    once = gp.splice_classes(doc, gp.render_classes(cl, 3, "now"))
    assert once.index(gp.CLASSES_BEGIN) < once.index("## Reproducing")
    twice = gp.splice_classes(once, gp.render_classes(cl, 3, "later"))
    assert twice.count(gp.CLASSES_BEGIN) == 1 and "later" in twice and "now;" not in twice
