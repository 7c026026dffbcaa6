"""Import ``pyexpr`` with an up-to-date compiled extension, for the extension tests.

The CLI tests run ``make -s`` so that they always exercise the current C
sources; this does the same for ``pyexpr._pyexpr``. When ``pyexpr`` is the
source checkout (an editable install, or not installed at all, in which case
the repository root is put on ``sys.path``) and the extension is missing or
older than any ``csrc/**/*.c``/``csrc/**/*.h``, the ``Makefile`` (which builds
the engine library libpyexpr.a that the extension links), ``setup.py`` or
``pyexpr/_version.py``, it is rebuilt with ``setup.py build_ext`` (``make lib``,
then the extension's own sources) into a temporary directory and moved
into ``pyexpr/`` with an atomic rename (so other processes that loaded the old
file keep a valid mapping). A file lock serialises concurrent test sessions.

A ``pyexpr`` installed elsewhere (``pip install .``) is used as it is, and
``PYEXPR_NO_EXT_BUILD=1`` disables rebuilding.
"""

from __future__ import annotations

import fcntl
import importlib
import importlib.util
import os
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
EXT_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
BUILD_TIMEOUT = 1800.0


class ExtensionBuildError(RuntimeError):
    pass


def _package_dir() -> Path:
    spec = importlib.util.find_spec("pyexpr")
    if spec is None or spec.origin is None:
        sys.path.insert(0, str(REPO_ROOT))
        importlib.invalidate_caches()
        return REPO_ROOT / "pyexpr"
    return Path(spec.origin).resolve().parent


def _inputs() -> list[Path]:
    csrc = REPO_ROOT / "csrc"
    files = sorted(csrc.glob("**/*.c")) + sorted(csrc.glob("**/*.h")) + sorted(csrc.glob("lib/*.py"))
    files += [REPO_ROOT / "Makefile", REPO_ROOT / "setup.py", REPO_ROOT / "pyexpr" / "_version.py"]
    return [p for p in files if p.exists()]


def extension_path(pkgdir: Path) -> Path:
    return pkgdir / f"_pyexpr{EXT_SUFFIX}"


def is_stale(pkgdir: Path) -> bool:
    so = extension_path(pkgdir)
    if not so.exists():
        return True
    built = so.stat().st_mtime
    return any(p.stat().st_mtime > built for p in _inputs())


def build_extension(pkgdir: Path) -> None:
    """Rebuild pyexpr/_pyexpr*.so from the current sources (atomically)."""
    build_dir = REPO_ROOT / "build"
    build_dir.mkdir(exist_ok=True)
    with open(build_dir / "ext-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not is_stale(pkgdir):  # another session built it meanwhile
            return
        with tempfile.TemporaryDirectory(dir=build_dir, prefix="ext-") as tmp:
            cmd = [
                sys.executable, "setup.py", "-q", "build_ext",
                "--build-lib", tmp, "--build-temp", str(Path(tmp) / "temp"),
            ]
            env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
            try:
                proc = subprocess.run(
                    cmd, cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                    timeout=BUILD_TIMEOUT,
                )
            except subprocess.TimeoutExpired as exc:
                raise ExtensionBuildError(f"building the extension timed out: {cmd}") from exc
            built = Path(tmp) / "pyexpr" / extension_path(pkgdir).name
            if proc.returncode != 0 or not built.exists():
                raise ExtensionBuildError(
                    f"building pyexpr._pyexpr failed (exit {proc.returncode}):\n"
                    f"$ {' '.join(cmd)}\n{proc.stdout[-8000:]}"
                )
            os.replace(built, extension_path(pkgdir))


def refresh_if_stale() -> None:
    """Rebuild a stale in-checkout extension now, before anything imports it.

    Called at session start (conftest.py): test modules collected before the
    extension tests (test_bench.py, test_daemon.py) import ``pyexpr``, which
    loads ``pyexpr._pyexpr``; a stale one could then no longer be replaced in
    this process. A failing build is not reported here: ``load_pyexpr`` tries
    again and fails the extension tests with the compiler output."""
    if os.environ.get("PYEXPR_NO_EXT_BUILD") == "1" or "pyexpr._pyexpr" in sys.modules:
        return
    pkgdir = _package_dir()
    if pkgdir == (REPO_ROOT / "pyexpr").resolve() and is_stale(pkgdir):
        try:
            build_extension(pkgdir)
        except ExtensionBuildError:
            pass


def load_pyexpr():
    """Return the ``pyexpr`` package with its extension imported."""
    pkgdir = _package_dir()
    in_checkout = pkgdir == (REPO_ROOT / "pyexpr").resolve()
    if in_checkout and os.environ.get("PYEXPR_NO_EXT_BUILD") != "1" and is_stale(pkgdir):
        if "pyexpr._pyexpr" in sys.modules:
            raise ExtensionBuildError(
                "pyexpr._pyexpr was imported before it could be rebuilt from the current sources"
            )
        build_extension(pkgdir)
    import pyexpr
    import pyexpr._pyexpr  # noqa: F401  (fails loudly if it cannot be loaded)

    return pyexpr
