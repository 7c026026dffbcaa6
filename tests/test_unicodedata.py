"""The `unicodedata` module against CPython 3.11's (Unicode 14.0.0).

* Exhaustive: for every code point 0..0x10FFFF, category, bidirectional,
  combining, east_asian_width, mirrored, decimal, digit, numeric,
  decomposition, name and lookup(name) (and of the name in lower case)
  round trip, computed by ONE pyexpr
  run and one CPython run of the same script (EXHAUSTIVE below), compared as a SHA-256 per block of 4096 code points;
  a differing block is re-run with one line per code point and the first
  differences are reported.
* Every name alias and named sequence (tools/unicode_name_extras.txt):
  lookup() of the name as written, in lower case and with a word dropped.
* Hypothesis: normalize() in all four forms and is_normalized() on random
  strings drawn from the ranges where normalization does something
  (combining marks, Hangul jamo and syllables, compatibility characters).

The corpus (tests/corpus/unicodedata/) covers the error messages.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from _util import REPO_ROOT, assert_no_crash, require_oracle, run_cpython, run_pyexpr

MAX_EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "100")) // 4 or 1

EXHAUSTIVE = r'''
import unicodedata as u
import hashlib
import sys

START = int(sys.argv[1], 16) if len(sys.argv) > 1 else 0
STOP = int(sys.argv[2], 16) if len(sys.argv) > 2 else 0x110000
DETAIL = len(sys.argv) > 3


def props(cp):
    c = chr(cp)
    n = u.name(c, "")
    ok = "" if not n else ("=" if u.lookup(n) == c else "!")
    if n:
        try:
            ok += "=" if u.lookup(n.lower()) == c else "!"
        except KeyError:
            ok += "k"
    return "%s|%s|%d|%s|%d|%s|%s|%s|%s|%s%s" % (
        u.category(c), u.bidirectional(c), u.combining(c), u.east_asian_width(c),
        u.mirrored(c), u.decimal(c, ""), u.digit(c, ""), u.numeric(c, ""),
        u.decomposition(c), n, ok)


for b in range(START, STOP, 0x1000):
    lines = [props(cp) for cp in range(b, min(b + 0x1000, STOP))]
    if DETAIL:
        for i, line in enumerate(lines):
            print("%x %s" % (b + i, line))
    else:
        print("%x %s" % (b, hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]))
'''


def _oracle_unidata_version() -> str:
    exe = require_oracle()
    p = subprocess.run([exe, "-c", "import unicodedata; print(unicodedata.unidata_version)"],
                       capture_output=True, text=True, timeout=60)
    return p.stdout.strip()


def test_unicodedata_every_code_point(tmp_path):
    if _oracle_unidata_version() != "14.0.0":
        pytest.skip("the oracle's unicodedata is not Unicode 14.0.0 (pyexpr's table is "
                    "generated from CPython 3.11's)")
    script = tmp_path / "exhaustive.py"
    script.write_text(EXHAUSTIVE)
    ours = run_pyexpr([str(script)], timeout=120)
    assert_no_crash(ours, "exhaustive unicodedata")
    theirs = run_cpython([str(script)], timeout=120)
    assert theirs.returncode == 0, theirs.stderr
    if ours.stdout == theirs.stdout:
        return
    bad = [a.split()[0] for a, b in zip(ours.stdout.decode().splitlines(),
                                          theirs.stdout.decode().splitlines()) if a != b]
    assert bad, (ours.stdout[-500:], ours.stderr[-500:])
    start = int(bad[0], 16)
    args = [str(script), "%x" % start, "%x" % (start + 0x1000), "detail"]
    mine = run_pyexpr(args, timeout=60).stdout.decode().splitlines()
    want = run_cpython(args, timeout=60).stdout.decode().splitlines()
    diffs = [(a, b) for a, b in zip(mine, want) if a != b][:10]
    pytest.fail("%d blocks differ (first: %s); first lines (pyexpr, CPython):\n%s"
                % (len(bad), bad[0], "\n".join("%s\n%s" % d for d in diffs)))


EXTRAS = REPO_ROOT / "tools" / "unicode_name_extras.txt"


def test_lookup_aliases_and_named_sequences(tmp_path):
    names = [line.split(";", 1)[1] for line in EXTRAS.read_text().splitlines()
             if line and not line.startswith("#")]
    assert len(names) > 900
    script = tmp_path / "extras.py"
    script.write_text("import unicodedata as u\n"
                      "names = %r\n" % names +
                      "for n in names:\n"
                      "    for q in (n, n.lower(), n.rsplit(' ', 1)[0], n + 'S'):\n"
                      "        try:\n"
                      "            print(ascii(q), ascii(u.lookup(q)))\n"
                      "        except KeyError as e:\n"
                      "            print(ascii(q), ascii(e.args[0]))\n")
    ours = run_pyexpr([str(script)], timeout=60)
    assert_no_crash(ours, "lookup extras")
    theirs = run_cpython([str(script)], timeout=60)
    assert theirs.returncode == 0, theirs.stderr
    mine, want = ours.stdout.decode().splitlines(), theirs.stdout.decode().splitlines()
    assert mine == want, [(a, b) for a, b in zip(mine, want) if a != b][:5]


# Characters where normalization acts: combining marks, letters with
# decompositions, Hangul jamo and syllables, compatibility forms, plus ASCII.
_RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x374, 0x3D6), (0x400, 0x4FF),
           (0x591, 0x5C7), (0x900, 0x9FF), (0x1100, 0x11FF), (0x1E00, 0x1FFF),
           (0x2000, 0x2190), (0x2460, 0x24FF), (0x3099, 0x30FF), (0x3300, 0x33FF),
           (0xAC00, 0xAC60), (0xD7A0, 0xD7A3), (0xF900, 0xFB4F), (0xFE30, 0xFEFF),
           (0xFF00, 0xFFEF), (0x1D15E, 0x1D1C0), (0x1D400, 0x1D7FF), (0x2F800, 0x2FA1D)]
_CHARS = st.one_of(*[st.integers(a, b) for a, b in _RANGES]).map(chr)
_TEXTS = st.lists(st.text(_CHARS, max_size=12), min_size=10, max_size=25)


@settings(max_examples=MAX_EXAMPLES, deadline=None, phases=[Phase.generate],
          suppress_health_check=list(HealthCheck))
@given(_TEXTS)
def test_normalize_random_strings(texts):
    lines = ["import unicodedata as u", "texts = %s" % ascii(texts),
             "for t in texts:",
             "    for f in ('NFC', 'NFD', 'NFKC', 'NFKD'):",
             "        print(f, ascii(u.normalize(f, t)), u.is_normalized(f, t))"]
    prog = "\n".join(lines) + "\n"
    theirs = run_cpython(["-c", prog], timeout=30)
    assert theirs.returncode == 0, theirs.stderr
    ours = run_pyexpr(["-c", prog], timeout=30)
    assert_no_crash(ours, "normalize")
    mine, want = ours.stdout.decode().splitlines(), theirs.stdout.decode().splitlines()
    diffs = [(a, b) for a, b in zip(mine, want) if a != b]
    assert mine == want, diffs[:5]
