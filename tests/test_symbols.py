"""Symbol hygiene (tools/check_symbols.py, also run by .ci/run's `symbols` step).

* libpyexpr.a, which embedders link into their own programs, defines no
  global symbol without the ``pe_`` prefix;
* the CPython extension exports only ``PyInit__pyexpr``: the engine it links
  stays private to it;
* the library's public surface is csrc/include/pyexpr.h: its default-
  visibility symbols are exactly the header's PE_API functions (none exported
  by accident, none declared without a definition).
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from _extension_build import load_pyexpr
from _util import MAKE_TIMEOUT, REPO_ROOT, child_env

TOOL = REPO_ROOT / "tools" / "check_symbols.py"


def _check(args) -> subprocess.CompletedProcess:
    if shutil.which("nm") is None:
        pytest.skip("`nm` (binutils) is not installed")
    return subprocess.run([sys.executable, str(TOOL), *map(str, args)], cwd=str(REPO_ROOT),
                          env=child_env(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=120)


LIB = REPO_ROOT / "build" / "release" / "libpyexpr.a"
HEADER = REPO_ROOT / "csrc" / "include" / "pyexpr.h"


@pytest.fixture(scope="module")
def lib():
    if not (REPO_ROOT / "Makefile").is_file() or shutil.which("make") is None:
        pytest.skip("needs the Makefile and make")
    proc = subprocess.run(["make", "-s", "lib"], cwd=str(REPO_ROOT), env=child_env(),
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=MAKE_TIMEOUT)
    assert proc.returncode == 0, proc.stdout.decode("utf-8", "replace")[-4000:]
    return LIB


def _tool():
    if shutil.which("readelf") is None:
        pytest.skip("`readelf` (binutils) is not installed")
    sys.path.insert(0, str(TOOL.parent))
    try:
        import check_symbols
    finally:
        sys.path.pop(0)
    return check_symbols


def test_library_globals_are_pe_prefixed(lib):
    res = _check(["--lib", lib])
    assert res.returncode == 0, res.stdout.decode("utf-8", "replace")


def test_library_exports_only_header_functions(lib):
    tool = _tool()
    extra = tool._readelf_default_visibility(lib) - tool.header_api(HEADER)
    assert not extra, f"default visibility without a PE_API declaration in pyexpr.h: {sorted(extra)}"


def test_library_defines_every_header_function(lib):
    tool = _tool()
    declared = tool.header_api(HEADER)
    assert len(declared) > 50  # the parser found the declarations
    missing = declared - tool._readelf_default_visibility(lib)
    assert not missing, f"declared PE_API in pyexpr.h but not defined by libpyexpr.a: {sorted(missing)}"


def test_extension_exports_only_its_init():
    pyexpr = load_pyexpr()
    so = pyexpr._pyexpr.__file__
    res = _check(["--ext", so])
    assert res.returncode == 0, res.stdout.decode("utf-8", "replace")


def test_checker_rejects_unprefixed_globals(tmp_path):
    """The checker itself: an archive with an unprefixed global fails."""
    cc = shutil.which("cc")
    ar = shutil.which("ar")
    if cc is None or ar is None:
        pytest.skip("needs cc and ar")
    (tmp_path / "a.c").write_text(
        "int pe_fine(void) { return 1; }\n"
        "static int hidden(void) { return 2; }\n"
        "int leaked_helper(void) { return hidden(); }\n"
        "int leaked_table[4];\n"
    )
    obj, lib = tmp_path / "a.o", tmp_path / "liba.a"
    subprocess.run([cc, "-c", "-fPIC", str(tmp_path / "a.c"), "-o", str(obj)], check=True, timeout=120)
    subprocess.run([ar, "rcs", str(lib), str(obj)], check=True, timeout=60)
    res = _check(["--lib", lib])
    out = res.stdout.decode("utf-8", "replace")
    assert res.returncode == 1, out
    assert "leaked_helper" in out and "leaked_table" in out
    bad = [ln for ln in out.splitlines() if ln.startswith("BAD SYMBOL")]
    assert len(bad) == 2 and not any("pe_fine" in ln or "hidden" in ln for ln in bad), out


def test_checker_rejects_extra_exports(tmp_path):
    """The checker itself: a shared object exporting more than its init fails."""
    cc = shutil.which("cc")
    if cc is None:
        pytest.skip("needs cc")
    (tmp_path / "m.c").write_text(
        "void *PyInit__pyexpr(void) { return 0; }\n"
        "int pe_state_new_ex(void) { return 0; }\n"
    )
    so = tmp_path / "m.so"
    subprocess.run([cc, "-shared", "-fPIC", str(tmp_path / "m.c"), "-o", str(so)], check=True, timeout=120)
    res = _check(["--ext", so])
    out = res.stdout.decode("utf-8", "replace")
    assert res.returncode == 1 and "exports pe_state_new_ex" in out, out
