"""tools/mpy_basics.py on a small stand-in for MicroPython's tests/basics
(the real suite is never vendored): a passing file, a file pyexpr refuses, a
mismatch, a SKIP, and files CPython does not run cleanly (excluded)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from _util import REPO_ROOT, require_oracle

FILES = {
    "pass1.py": "print(1 + 1)\n",
    "complex1.py": "x = 1j\nprint(x)\n",
    "mod1.py": "import os\nprint(os.sep)\n",
    "skip1.py": "try:\n    import array\nexcept ImportError:\n    print('SKIP')\n    raise SystemExit\nprint(array)\n",
    "mismatch1.py": "print(id(1) == 1)\n",
    "cpython_fails.py": "raise ValueError('micropython only')\n",
    "cpython_stderr.py": "import sys\nsys.stderr.write('x')\n",
}


def test_report(pyexpr_bin, tmp_path):
    basics = tmp_path / "tests" / "basics"
    basics.mkdir(parents=True)
    for name, src in FILES.items():
        (basics / name).write_text(src)
    r = subprocess.run([sys.executable, str(REPO_ROOT / "tools" / "mpy_basics.py"), str(tmp_path),
                        "--pyexpr", pyexpr_bin, "--cpython", require_oracle(), "--json"],
                       capture_output=True, timeout=300)
    assert r.returncode == 0, r.stderr
    rep = json.loads(r.stdout)
    assert rep["files"] == 7 and rep["cpython_clean"] == 5 and rep["passed"] == 1
    assert rep["excluded"] == {"nonzero exit": 1, "stderr": 1}
    assert rep["pass_rate"] == 20.0
    assert rep["reasons"] == {
        "ModuleNotFoundError: os": ["mod1.py"],
        "SyntaxError: complex literals are not supported by pyexpr": ["complex1.py"],
        "output differs": ["mismatch1.py"],
        "prints SKIP: array": ["skip1.py"],
    }
    assert rep["per_file"]["pass1.py"] == {"status": "pass"}
    # the text report says the same
    t = subprocess.run([sys.executable, str(REPO_ROOT / "tools" / "mpy_basics.py"), str(basics),
                        "--pyexpr", pyexpr_bin, "--cpython", require_oracle()],
                       capture_output=True, timeout=300, text=True)
    assert "passed: 1 / 5 = 20.0%" in t.stdout, t.stdout
    assert "prints SKIP: array  (skip1.py)" in t.stdout, t.stdout
