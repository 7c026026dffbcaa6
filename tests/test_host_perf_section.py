"""tools/gen_performance.py --only-host (issue 15): the host-interop section
renders from the benchmarks' JSON and replaces itself between its markers;
the benchmarks' JSON modes run (tiny sizes)."""
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def load_gen():
    spec = importlib.util.spec_from_file_location("gen_performance", REPO_ROOT / "tools" / "gen_performance.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def fake_results(gen):
    me = sys.executable
    row = {"cpython eval(code, {'r': row})": 9e-7, "cpython eval(code, {}, vars(row))": 7e-7,
           "pyexpr eval_many(rows)": 2.5e-7, "pyexpr eval_many(rows, row_name='r')": 5e-7,
           "pyexpr code.eval({'r': row}) per row": 8e-7}
    other = {"cpython eval(code, {'r': row})": 6e-7, "cpython eval(code, {}, vars(row))": 5e-7}
    return {"rows": 10, "repeat": 1,
            "pricing": {me: {"python": me, "version": "3.11.7", "s_per_row": row},
                        "/usr/bin/python3": {"python": "/usr/bin/python3", "version": "3.11.2",
                                             "s_per_row": other}},
            "pause": {"c_suspend_resume_ns": 90.0, "py_suspend_resume_ns": 450.0,
                      "cpython_generator_ns": 40.0, "dump_ns": 13000.0, "load_ns": 25000.0,
                      "dump_bytes": 479},
            "pause_cp": {}}


def test_section_against_the_faster_cpython_and_splice_idempotent():
    gen = load_gen()
    sec = gen.render_host(fake_results(gen), "now")
    assert sec[0] == gen.HOST_BEGIN and sec[-1] == gen.HOST_END
    text = "\n".join(sec)
    # the reference is the faster CPython (6e-7 s/row): 6e-7 / 2.5e-7 = 2.40x
    assert "| 250 | 2.40× |" in text
    assert "not met" in text
    doc = "# Performance\n\n## Reproducing\n\nx\n"
    once = gen.splice_classes(doc, sec)
    assert once.index(gen.HOST_BEGIN) < once.index("## Reproducing")
    assert gen.splice_classes(once, sec) == once


def test_benchmarks_json_modes():
    out = subprocess.run([sys.executable, str(REPO_ROOT / "benchmarks" / "bench_host.py"), "--rows",
                          "50", "--repeat", "1", "--json", "--cpython-only"],
                         capture_output=True, text=True, check=True).stdout
    res = json.loads(out)
    assert set(res["s_per_row"]) == {"cpython eval(code, {'r': row})", "cpython eval(code, {}, vars(row))"}
    out = subprocess.run([sys.executable, str(REPO_ROOT / "benchmarks" / "bench_pause.py"),
                          "--cpython-only"], capture_output=True, text=True, check=True).stdout
    assert json.loads(out)["cpython_generator_ns"] > 0
