"""The code serializer (csrc/core/marshal.c) and the build-time bytecode.

``csrc/tests/test_marshal.c`` (built by the Makefile under ASan + UBSan, see
``tests/_cbuild.py``) compiles a program using every kind of constant and
code object, and every ``csrc/lib`` module and ``tests/corpus`` file,
serializes each, loads it back and compares the disassembly, source and
re-serialized bytes (and, for the built-in program, the output of a run);
then it loads every prefix and many one-byte corruptions of serialized
programs: each must load or raise ValueError, never crash or leak.

The frozen modules themselves (``csrc/lib/*.py`` compiled at build time by
``pe-freeze``) are checked through the CLI: tracebacks through them show
``<frozen NAME>`` frames with their source lines as before.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from _cbuild import ROOT, SAN_ENV, c_program, make
from _util import run_pyexpr


def test_marshal_driver():
    exe, desc = c_program("test_marshal", probe=["csrc/lib/bisect.py"])
    p = subprocess.run([str(exe)], cwd=str(ROOT), capture_output=True, text=True, timeout=900,
                       env={**os.environ, **SAN_ENV}, stdin=subprocess.DEVNULL)
    assert p.returncode == 0, f"{desc}\n{p.stdout}\n{p.stderr}"
    assert "0 failures" in p.stdout


def test_frozen_module_traceback_has_source_lines(tmp_path):
    script = tmp_path / "tb.py"
    script.write_text("import fractions\nfractions.Fraction(1, 0)\n")
    err = run_pyexpr([str(script)]).stderr
    err = err.decode() if isinstance(err, bytes) else err
    assert '<frozen fractions>", line ' in err
    assert "raise ZeroDivisionError" in err
    assert err.rstrip().endswith("ZeroDivisionError: Fraction(1, 0)")


@pytest.mark.skipif(not shutil.which("clang"), reason="clang not installed")
def test_loader_fuzz_smoke(tmp_path):
    """A short libFuzzer run of csrc/fuzz/fuzz_marshal.c (when clang can link
    -fsanitize=fuzzer): any crash fails."""
    if os.environ.get("PYEXPR_SKIP_FUZZ"):
        pytest.skip("PYEXPR_SKIP_FUZZ set")
    ok, log = make("fuzz-marshal", "FUZZ_CC=clang")
    if not ok:
        pytest.skip(f"libFuzzer build not available:\n{log[-2000:]}")
    exe = ROOT / "build" / "pyexpr-fuzz-marshal"
    seeds = ROOT / "tests" / "corpus" / "core"
    p = subprocess.run([str(exe), "-max_total_time=20", "-seed=1", "-max_len=4096",
                        "-rss_limit_mb=2048", f"-artifact_prefix={tmp_path}/", str(tmp_path),
                        str(seeds)], capture_output=True, text=True, timeout=600,
                       env={**os.environ, **SAN_ENV}, stdin=subprocess.DEVNULL)
    assert p.returncode == 0, p.stderr[-4000:]
