"""json under the run's limits (issue 14): long encodes/decodes end with the
VM's LimitError (time, steps, memory) instead of running on; deep nesting
is RecursionError, never a C stack overflow, whatever max_depth the host
allows; hashlib/base64 on large data honour the timeout too."""

from __future__ import annotations

import time

import pytest

from _util import assert_no_crash, run_pyexpr
from _extension_build import load_pyexpr

pyexpr = load_pyexpr()

BIG = "import json\nx = [list(range(1000))] * 30000\n"
SLOW = [
    BIG + "s = json.dumps(x)\ns = json.dumps(x)\ns = json.dumps(x)",
    BIG + "s = json.dumps(x)\nfor i in range(5): y = json.loads(s)",
    BIG + "s = json.dumps(x, indent=2, sort_keys=True)\ns = json.dumps(x, indent=1)",
    "import hashlib\nb = b'x' * 10**8\nfor i in range(20): hashlib.sha512(b).digest()",
    "import binascii\nb = b'x' * 10**8\nfor i in range(20): binascii.crc32(b)",
]


@pytest.mark.parametrize("code", SLOW)
def test_json_honours_timeout(code):
    t0 = time.monotonic()
    with pytest.raises(pyexpr.LimitError, match=r"time limit exceeded \(timeout=0.5s\)"):
        pyexpr.exec(code, timeout=0.5, max_memory=None)
    assert time.monotonic() - t0 < 3.0


def test_json_counts_against_max_steps():
    with pytest.raises(pyexpr.LimitError, match="step limit exceeded"):
        pyexpr.exec(BIG + "s = json.dumps(x)", max_steps=200000)


def test_json_counts_against_max_memory():
    with pytest.raises(pyexpr.LimitError, match="memory limit exceeded"):
        pyexpr.exec(BIG + "s = json.dumps(x)", max_memory=50 * 2**20)


DEEP = """import json
for text in ['[' * 200000, '{"a":' * 200000, '[' * 200000 + ']' * 200000]:
    try:
        json.loads(text)
    except RecursionError as e:
        print(e)
x = []
for i in range(200000):
    x = [x]
for kw in [{}, {'check_circular': False}, {'indent': 1}]:
    try:
        json.dumps(x, **kw)
    except RecursionError as e:
        print(e)
d = {}
d['d'] = d
try:
    json.dumps(d, check_circular=False)
except RecursionError as e:
    print(e)
"""


@pytest.mark.parametrize("depth", ["1000", "1000000"])
def test_deep_nesting_is_recursion_error(tmp_path, depth):
    p = tmp_path / "deep.py"
    p.write_text(DEEP)
    res = run_pyexpr(["--max-depth", depth, str(p)])
    assert_no_crash(res)
    assert res.returncode == 0, res.describe()
    lines = res.stdout.decode().splitlines()
    assert lines == [
        "maximum recursion depth exceeded while decoding a JSON array from a unicode string",
        "maximum recursion depth exceeded while decoding a JSON object from a unicode string",
        "maximum recursion depth exceeded while decoding a JSON array from a unicode string",
        "maximum recursion depth exceeded while encoding a JSON object",
        "maximum recursion depth exceeded while encoding a JSON object",
        "maximum recursion depth exceeded while encoding a JSON object",
        "maximum recursion depth exceeded while encoding a JSON object",
    ], res.describe()
