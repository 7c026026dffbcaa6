"""C test programs built by the Makefile, the one build description.

The drivers under ``csrc/tests/`` link the engine library
(``build/<config>/libpyexpr.a``); the pytest drivers ask ``make`` for the
program (``make -s build/<config>/tests/<name>``) instead of restating the
engine's sources and flags. ``c_program`` returns the executable and a
description; a build failure fails the calling test with make's output, no
``make`` or no C compiler skips it.

Configs: ``asan`` (ASan + UBSan, the default: what the unit tests want) and
``release`` (-O2, for timings). When the sanitizer build cannot be made or
does not start (no sanitizer runtime), ``asan`` falls back to ``debug``
(-O0 -g) and says so in the description.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAN_ENV = {"ASAN_OPTIONS": "detect_leaks=1:abort_on_error=0:allocator_may_return_null=1",
           "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1"}
MAKE_TIMEOUT = 1800

_CACHE: dict[tuple, tuple[Path | None, str, str]] = {}


def make(target: str, *variables: str, timeout: float = MAKE_TIMEOUT) -> tuple[bool, str]:
    """Runs ``make -s VARIABLES TARGET`` in the repository root: (ok, output)."""
    cmd = ["make", "-s", *variables, target]
    try:
        p = subprocess.run(cmd, cwd=str(ROOT), capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, f"$ {' '.join(cmd)}\ntimed out after {timeout}s"
    return p.returncode == 0, f"$ {' '.join(cmd)}\n{p.stdout}{p.stderr}"


def _starts(exe: Path, probe: list[str]) -> tuple[bool, str]:
    p = subprocess.run([str(exe), *probe], capture_output=True, text=True, timeout=300,
                       env={**os.environ, **SAN_ENV})
    return p.returncode == 0, f"$ {exe} {' '.join(probe)}\n{p.stdout}{p.stderr}"


def _build(name: str, config: str, variables: tuple[str, ...], probe: list[str] | None):
    if not shutil.which("make"):
        return None, "no-make", ""
    build = next((v.split("=", 1)[1] for v in variables if v.startswith("BUILD=")), "build")
    logs = []
    for cfg in ([config, "debug"] if config == "asan" else [config]):
        exe = ROOT / build / cfg / "tests" / name
        ok, log = make(str(exe.relative_to(ROOT)), *variables)
        if not ok:
            logs.append(log)
            continue
        if cfg == "asan" and probe is not None:
            ok, log = _starts(exe, probe)
            if not ok:
                logs.append("the sanitizer build does not start:\n" + log)
                continue
        desc = {"asan": "ASan+UBSan", "debug": "debug (no sanitizers)"}.get(cfg, cfg)
        return exe, f"make {cfg}: {desc}", "\n\n".join(logs)
    return None, "failed", "\n\n".join(logs)


def c_program(name: str, config: str = "asan", *variables: str,
                 probe: list[str] | None = None) -> tuple[Path, str]:
    """(executable, description) of csrc/tests/NAME.c built by make in CONFIG
    (extra make VARIABLES, e.g. "BUILD=build/x", "LIBC=musl"); built once per
    session. probe: arguments of a quick run that must succeed for the
    sanitizer build to count (else the debug build is used)."""
    key = (name, config, variables)
    if key not in _CACHE:
        _CACHE[key] = _build(name, config, variables, probe)
    exe, desc, log = _CACHE[key]
    if exe is None:
        if desc == "no-make":
            pytest.skip("make not found")
        if "not found" in log and ("cc" in log or "clang" in log):
            pytest.skip(f"no C compiler:\n{log}")
        pytest.fail(f"could not build {name} ({config}):\n{log}", pytrace=False)
    return exe, desc
