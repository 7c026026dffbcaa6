"""pytest configuration for pyexpr.

Fixtures:

* ``pyexpr_bin`` (session) -- path of the pyexpr binary.  ``$PYEXPR_BIN`` if
  set; else ``make -s`` in the repo root (once) and ``build/pyexpr``; else
  ``pyexpr`` on PATH.  A failing build fails every test that needs the binary,
  with make's output.
* ``cpython`` (session) -- the oracle: the newest CPython 3.11 found
  (``_util.find_oracle``; ``sys.executable`` when pytest runs on it). Tests
  using it are skipped when there is none.

Helpers ``run_pyexpr(args, input=None, timeout=...)`` and
``run_cpython(args, input=None, timeout=...)`` live in ``tests/_util.py`` and
are re-exported here; both return ``(stdout bytes, stderr bytes, returncode)``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import (  # noqa: E402,F401  (re-exported for test modules)
    CPYTHON,
    Result,
    get_pyexpr_bin,
    oracle_description,
    require_oracle,
    pyexpr_bin_or_error,
    run_cpython,
    run_pyexpr,
)


@pytest.fixture(scope="session")
def pyexpr_bin() -> str:
    status, value = pyexpr_bin_or_error()
    if status != "ok":
        pytest.fail(value, pytrace=False)
    return value


@pytest.fixture(scope="session")
def cpython() -> str:
    return require_oracle()


def pytest_sessionstart(session):
    # Before collection: some modules import pyexpr (and so the extension)
    # at import time, before the extension tests could rebuild it.
    from _extension_build import refresh_if_stale

    refresh_if_stale()


def pytest_report_header(config):
    return [oracle_description()]
