"""csrc/core/unicode_db.h is exactly what tools/gen_unicode_db.py generates
from the CPython 3.11 oracle: the engine's one source of Unicode properties
(str predicates and case mappings, repr()'s printable test, identifiers,
int()/float()/format digits and white space, splitlines) cannot drift from
the generator or from CPython's database."""

import subprocess

from _util import REPO_ROOT, require_oracle

HEADER = REPO_ROOT / "csrc" / "core" / "unicode_db.h"
GENERATOR = REPO_ROOT / "tools" / "gen_unicode_db.py"


def _body(text: str) -> list:
    # the first line names the generating CPython's micro version
    return text.splitlines()[1:]


def test_unicode_db_is_generated():
    oracle = require_oracle()
    p = subprocess.run([oracle, str(GENERATOR)], capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    assert _body(p.stdout) == _body(HEADER.read_text()), (
        "csrc/core/unicode_db.h is stale: run "
        "`python3.11 tools/gen_unicode_db.py > csrc/core/unicode_db.h`")
