"""The compile cache (csrc/cache.c) and the profiling entry points, through
the C driver ``csrc/tests/test_cache.c``.

The driver is built by the Makefile against the engine library
(``make build/asan/tests/test_cache``, see ``tests/_cbuild.py``), with
AddressSanitizer + UBSan (+ LeakSanitizer at exit), so a leak, a
use-after-free of an evicted code or a data race turning into a bad free
fails the test. Each subtest runs as its own process:

* hits_misses, no_stale_state, lru, bytes, collision (forced-hash hook),
  negative (cached SyntaxErrors re-raised identically; limit failures not
  cached), clear_resize_refs (refcounts outlive clear/resize/free);
* threads, threads_evict, threads_collide: 8 pthreads x 1500 gets over 24
  overlapping sources, each result verified, hits + misses == gets;
* profile: pe_profile_run / staged calls / JSON and table formatting.

``make check`` runs the same program (all subtests); ``make check
CONFIG=asan`` runs it under the sanitizers too.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from _cbuild import SAN_ENV, c_program

SUBTESTS = ["hits_misses", "no_stale_state", "lru", "bytes", "collision", "negative",
            "clear_resize_refs", "threads", "threads_evict", "threads_collide", "profile"]


def build() -> tuple[Path, str]:
    """(executable, description): make's ASan+UBSan build of the driver
    against the engine library (debug build if the sanitizers are unusable)."""
    return c_program("test_cache", "asan", probe=["--list"])


def run_driver(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    exe, _ = build()
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **SAN_ENV})


def test_driver_builds():
    exe, desc = build()
    print(f"cache driver: {desc}")
    p = run_driver("--list")
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.split() == SUBTESTS, "update SUBTESTS to match the driver"


@pytest.mark.parametrize("name", SUBTESTS)
def test_subtest(name):
    p = run_driver(name)
    assert p.returncode == 0 and f"{name}: ok" in p.stdout, (
        f"exit {p.returncode}\n--- stdout\n{p.stdout[-4000:]}\n--- stderr\n{p.stderr[-8000:]}")
    assert "Sanitizer" not in p.stderr and "runtime error" not in p.stderr, p.stderr[-8000:]


def test_unknown_subtest_is_an_error():
    p = run_driver("no_such_subtest")
    assert p.returncode == 2
