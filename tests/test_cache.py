"""The compile cache (csrc/cache.c) and the profiling entry points, through
the C driver ``csrc/tests/test_cache.c``.

The driver is compiled here against every engine source (like
``test_bigint_unit.py``), with AddressSanitizer + UBSan (+ LeakSanitizer at
exit) when the compiler supports them, so a leak, a use-after-free of an
evicted code or a data race turning into a bad free fails the test. It is
built at -O0 (quick to compile; the subtests are tiny) and cached under
``build/pytest-cache/`` by a hash of the sources and flags. Each subtest runs
as its own process:

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

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CSRC = ROOT / "csrc"
DRIVER = CSRC / "tests" / "test_cache.c"
FRONTENDS = {"main.c", "daemon.c", "extmodule.c"}
BUILD_DIR = ROOT / "build" / "pytest-cache"

SUBTESTS = ["hits_misses", "no_stale_state", "lru", "bytes", "collision", "negative",
            "clear_resize_refs", "threads", "threads_evict", "threads_collide", "profile"]

SAN_FLAGS = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all",
             "-fno-omit-frame-pointer"]
SAN_ENV = {"ASAN_OPTIONS": "detect_leaks=1:abort_on_error=0",
           "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1"}


def _compilers() -> list[str]:
    names = [os.environ["CC"]] if os.environ.get("CC") else ["clang", "gcc", "cc"]
    return [c for c in names if shutil.which(c.split()[0])]


def _compile(cc: str, san: bool) -> tuple[Path | None, str]:
    engine = sorted((CSRC / "core").glob("*.c"))
    srcs = [DRIVER, *engine]
    flags = ["-std=c11", "-O0", "-g", "-Wall", "-Wextra", "-pthread", f"-I{CSRC}/include", f"-I{CSRC}/core",
             "-D_GNU_SOURCE"]
    if san:
        flags += SAN_FLAGS
    h = hashlib.sha256(" ".join([cc, *flags]).encode())
    for p in sorted(srcs) + sorted(CSRC.glob("*/*.h")):
        h.update(p.name.encode() + p.read_bytes())
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    exe = BUILD_DIR / f"test_cache-{'san' if san else 'nosan'}-{h.hexdigest()[:16]}"
    if exe.exists():
        return exe, ""
    tmp = Path(f"{exe}.{os.getpid()}.tmp")
    cmd = [*cc.split(), *flags, *map(str, srcs), "-o", str(tmp), "-lm"]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        return None, f"$ {' '.join(cmd)}\n{p.stdout}{p.stderr}"
    os.replace(tmp, exe)
    return exe, p.stderr


_BUILD: list = []


def build() -> tuple[Path, str]:
    """(executable, description), built once per session."""
    if not _BUILD:
        _BUILD.append(_build())
    exe, desc, log = _BUILD[0]
    if exe is None:
        if desc == "no-compiler":
            pytest.skip("no C compiler found")
        pytest.fail(f"could not build the cache test driver:\n{log}", pytrace=False)
    return exe, desc


def _build():
    ccs = _compilers()
    if not ccs:
        return None, "no-compiler", ""
    logs = []
    for cc in ccs:
        for san in (True, False):
            exe, log = _compile(cc, san)
            if exe is None:
                logs.append(log)
                continue
            if san:  # sanitizer runtime may be unusable (e.g. no ptrace): fall back
                p = subprocess.run([str(exe), "--list"], capture_output=True, text=True,
                                   timeout=60, env={**os.environ, **SAN_ENV})
                if p.returncode != 0:
                    logs.append(f"sanitized driver does not start:\n{p.stdout}{p.stderr}")
                    continue
            return exe, f"{cc}{' +ASan/UBSan/LSan' if san else ''}", ""
    return None, "failed", "\n\n".join(logs)


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
