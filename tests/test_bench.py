"""pyexpr.bench (the `pyexpr-bench` console script): statistics and a tiny run.

Correctness only: nothing here looks at how fast anything is.
"""

from __future__ import annotations

import io
import json
import math
import shutil
import statistics
from contextlib import redirect_stdout

import pytest

from pyexpr import bench as B


def test_t975_table_and_tail():
    assert B.t975(1) == pytest.approx(12.706)
    assert B.t975(30) == pytest.approx(2.042)
    assert B.t975(60) == pytest.approx(2.000, abs=1e-3)
    assert B.t975(10_000) == pytest.approx(1.960, abs=1e-3)
    assert math.isinf(B.t975(0))


def test_summarize_known_values():
    xs = [10.0, 12.0, 11.0, 13.0, 9.0, 10.0, 11.0, 12.0, 10.0, 11.0]
    s = B.summarize(xs)
    assert s["n"] == 10
    assert s["median"] == statistics.median(xs)
    assert s["mean"] == pytest.approx(statistics.fmean(xs))
    assert s["sd"] == pytest.approx(statistics.stdev(xs))
    half = 2.262 * statistics.stdev(xs) / math.sqrt(10)
    assert s["ci_lo"] == pytest.approx(s["mean"] - half)
    assert s["ci_hi"] == pytest.approx(s["mean"] + half)
    assert s["cv"] == pytest.approx(s["sd"] / s["mean"])
    assert s["median_ci_lo"] <= s["median"] <= s["median_ci_hi"]
    assert s["min"] == 9.0 and s["max"] == 13.0


def test_summarize_never_negative_bound():
    s = B.summarize([1.0, 1.0, 1.0, 100.0])
    assert s["ci_lo"] == 0.0


def test_speedup_conservative_is_lower():
    cp = B.summarize([100.0, 110.0, 90.0, 105.0, 95.0])
    pe = B.summarize([1.0, 1.1, 0.9, 1.05, 0.95])
    sp = B.speedup(cp, pe)
    assert sp["median_ratio"] == pytest.approx(100.0)
    assert 0 < sp["conservative"] < sp["median_ratio"]
    assert sp["conservative"] == pytest.approx(cp["ci_lo"] / pe["ci_hi"])


def test_geomean_and_json_safe():
    assert B.geomean([1.0, 4.0]) == pytest.approx(2.0)
    assert math.isnan(B.geomean([]))
    assert B.json_safe({"a": [float("nan"), 1.5, float("inf")]}) == {"a": [None, 1.5, None]}


def test_program_forms_agree():
    # pyexpr runs the design's program as written; CPython its print(...) form
    assert len(B.PROGRAMS) == 8
    for p in B.PROGRAMS:
        assert "print(" in p.python
        assert p.name.replace("\\n", "\n") == p.pyexpr


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler")
def test_floor_and_libc_detection(tmp_path):
    notes: list = []
    floors = B.build_floors(str(tmp_path), notes)
    if not floors:
        pytest.skip(f"no static libc: {notes}")
    for fl in floors:
        info = B.binary_libc(fl.path)
        assert info["static"] is True
        assert info["libc"] == fl.libc in ("glibc", "musl")
        assert B.capture([fl.path]) == "5\n"


def test_tiny_run_json(pyexpr_bin):
    out = io.StringIO()
    with redirect_stdout(out):
        rc = B.main(["--bin", pyexpr_bin, "--runs", "2", "--warmup", "0", "--json", "--no-others",
                     "--no-floor", "--no-progress"])
    assert rc == 0
    doc = json.loads(out.getvalue())  # the whole of stdout is one JSON document
    assert doc["tool"] == "pyexpr-bench" and doc["method"]["runs"] == 2
    assert [p["name"] for p in doc["programs"]] == [p.name for p in B.PROGRAMS]
    for p in doc["programs"]:
        assert set(p["results"]) == {"pyexpr", "python", "python-I-S"}
        assert len(p["results"]["pyexpr"]["samples_ns"]) == 2
        assert p["speedup"]["python"]["median_ratio"] > 0
    assert doc["machine"]["cores"] >= 1 and doc["machine"]["date"]


def test_tiny_run_table(pyexpr_bin):
    out = io.StringIO()
    with redirect_stdout(out):
        rc = B.main(["--bin", pyexpr_bin, "--runs", "2", "--warmup", "0", "--no-others", "--no-progress"])
    assert rc == 0
    text = out.getvalue()
    assert "Summary" in text and "geometric mean" in text and "95% CI of mean" in text
