"""Embedding pyexpr in a C program, through what ``make install`` installs.

``make install PREFIX=<tmp>`` puts the header, the static library, a
pkg-config file and the binary under a throwaway prefix. Each embedding
program is then compiled exactly as docs/embedding.md tells users to::

    cc prog.c $(pkg-config --cflags --libs pyexpr)      # PKG_CONFIG_PATH=<tmp>/lib/pkgconfig

(so only the INSTALLED header and library are used, never csrc/), run, and
its standard output compared with what its companion ``*_expected.py``
prints under the CPython 3.11 oracle: the Python programs the C file runs
are Python behaviour, so CPython decides the expected text at test time.

Programs: examples/embed.c (the documented example; companion
examples/embed_expected.py) and tests/embed/embed_minimal.c (the few entry
points every front end needs). They must compile without warnings
(-Wall -Wextra) and exit 0; what they write to stderr is not compared.

Needs ``make``, a C compiler (``cc``) and ``pkg-config``; without pkg-config
the tests are skipped, except in CI (``CI`` set), where .ci/run installs it
and its absence is a failure.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from _util import CRASH_MARKERS, MAKE_TIMEOUT, REPO_ROOT, child_env, read_version, require_oracle

IN_CI = bool(os.environ.get("CI"))

# (C program, its *_expected.py), relative to the repository root
EMBEDS = [
    ("tests/embed/embed_minimal.c", "tests/embed/embed_minimal_expected.py"),
    ("examples/embed.c", "examples/embed_expected.py"),
]


def _need(tool: str, why: str) -> str:
    path = shutil.which(tool)
    if path is None:
        msg = f"`{tool}` is not installed ({why})"
        if IN_CI:
            pytest.fail(msg + "; .ci/run's system step should have installed it", pytrace=False)
        pytest.skip(msg)
    return path


def _run(cmd, cwd=None, env=None, timeout=120.0) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=str(cwd or REPO_ROOT), env=env or child_env(),
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=timeout)


def _show(proc: subprocess.CompletedProcess) -> str:
    return (f"$ {' '.join(map(str, proc.args))}\nexit {proc.returncode}\n"
            f"--- stdout ---\n{proc.stdout.decode('utf-8', 'replace')[-4000:]}\n"
            f"--- stderr ---\n{proc.stderr.decode('utf-8', 'replace')[-4000:]}")


def _make_install(prefix: str, destdir: str = "") -> None:
    if not (REPO_ROOT / "Makefile").is_file():
        pytest.skip("no Makefile: not a source checkout")
    _need("make", "the Makefile installs the library")
    cmd = ["make", "-s", "install", f"PREFIX={prefix}"] + ([f"DESTDIR={destdir}"] if destdir else [])
    proc = _run(cmd, timeout=MAKE_TIMEOUT)
    assert proc.returncode == 0, _show(proc)


@pytest.fixture(scope="module")
def prefix(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("prefix")
    _make_install(str(root))
    return root


def pkg_config(prefix: Path, *args: str) -> str:
    _need("pkg-config", "embedding programs are compiled with its flags")
    env = child_env()
    env["PKG_CONFIG_PATH"] = str(prefix / "lib" / "pkgconfig")
    proc = _run(["pkg-config", *args], env=env, timeout=60)
    assert proc.returncode == 0, _show(proc)
    return proc.stdout.decode().strip()


# --------------------------------------------------------------------------
# What make install installs
# --------------------------------------------------------------------------

def test_install_layout(prefix):
    header = prefix / "include" / "pyexpr.h"
    lib = prefix / "lib" / "libpyexpr.a"
    pc = prefix / "lib" / "pkgconfig" / "pyexpr.pc"
    exe = prefix / "bin" / "pyexpr"
    for f in (header, lib, pc, exe):
        assert f.is_file(), f"{f} not installed"
    assert header.read_bytes() == (REPO_ROOT / "csrc" / "include" / "pyexpr.h").read_bytes()
    assert lib.read_bytes()[:8] == b"!<arch>\n"
    assert os.access(exe, os.X_OK)
    proc = _run([exe, "-c", "print(2 + 3)"], timeout=60)
    assert (proc.returncode, proc.stdout) == (0, b"5\n"), _show(proc)
    # the installed headers are the public one only
    assert sorted(p.name for p in (prefix / "include").iterdir()) == ["pyexpr.h"]


def test_pkg_config_metadata(prefix):
    assert pkg_config(prefix, "--modversion", "pyexpr") == read_version()
    assert pkg_config(prefix, "--cflags", "pyexpr") == f"-I{prefix}/include"
    libs = shlex.split(pkg_config(prefix, "--libs", "pyexpr"))
    assert libs[:2] == [f"-L{prefix}/lib", "-lpyexpr"], libs
    assert "-lm" in libs  # a static library: its dependencies are in Libs


def test_install_honours_destdir_and_uninstall(tmp_path):
    stage = tmp_path / "stage"
    _make_install("/opt/pyexpr-test", destdir=str(stage))
    root = stage / "opt" / "pyexpr-test"
    for rel in ("include/pyexpr.h", "lib/libpyexpr.a", "lib/pkgconfig/pyexpr.pc", "bin/pyexpr"):
        assert (root / rel).is_file(), rel
    pc = (root / "lib" / "pkgconfig" / "pyexpr.pc").read_text()
    # the .pc names the final location, not the staging directory
    assert "prefix=/opt/pyexpr-test\n" in pc and str(stage) not in pc
    proc = _run(["make", "-s", "uninstall", "PREFIX=/opt/pyexpr-test", f"DESTDIR={stage}"], timeout=120)
    assert proc.returncode == 0, _show(proc)
    assert [p for p in root.rglob("*") if p.is_file()] == []


HEADER_USER = """#include <pyexpr.h>
#include <stdio.h>
int main(void) {
    pe_state *S = pe_state_new();
    if (S == NULL) return 1;
    printf("%s %d\\n", pe_version(), PYEXPR_VERSION_NUM);
    pe_state_free(S);
    return 0;
}
"""


@pytest.mark.parametrize("lang", ["c99", "c++11"])
def test_installed_header_is_strict_c99_and_cxx(prefix, tmp_path, lang):
    """pyexpr.h compiles warning-free as pedantic C99 and as C++ (extern "C":
    the C++ program links against the C library)."""
    compiler = _need("cc" if lang == "c99" else "c++", f"compiles a {lang} program")
    src = tmp_path / ("user.c" if lang == "c99" else "user.cpp")
    src.write_text(HEADER_USER)
    flags = shlex.split(pkg_config(prefix, "--cflags", "--libs", "pyexpr"))
    exe = tmp_path / "user"
    proc = _run([compiler, f"-std={lang}", "-pedantic", "-Wall", "-Wextra", str(src), *flags,
                 "-o", str(exe)], cwd=tmp_path, timeout=300)
    assert proc.returncode == 0 and not proc.stderr.strip(), _show(proc)
    got = _run([exe], cwd=tmp_path, timeout=60)
    major, minor, patch = (int(x) for x in read_version().split("."))
    assert (got.returncode, got.stdout.decode()) == (
        0, f"{read_version()} {(major << 16) | (minor << 8) | patch}\n"), _show(got)


# --------------------------------------------------------------------------
# Embedding programs, built against the installed library
# --------------------------------------------------------------------------

@pytest.mark.parametrize("c_file,expected_py", EMBEDS, ids=[Path(c).stem for c, _ in EMBEDS])
def test_embedding_program(prefix, tmp_path, c_file, expected_py):
    src = REPO_ROOT / c_file
    if not src.is_file():
        pytest.skip(f"{c_file} does not exist yet")
    companion = REPO_ROOT / expected_py
    assert companion.is_file(), f"{c_file} needs {expected_py}: a Python script printing its expected output"
    cc = _need("cc", "compiles the embedding program")
    flags = shlex.split(pkg_config(prefix, "--cflags", "--libs", "pyexpr"))
    exe = tmp_path / src.stem
    # sources before the libraries, as a static link needs
    proc = _run([cc, "-Wall", "-Wextra", str(src), *flags, "-o", str(exe)], cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, _show(proc)
    assert not proc.stderr.strip(), "compiler warnings:\n" + _show(proc)

    got = _run([exe], cwd=tmp_path, timeout=60)
    assert not any(m in got.stderr for m in CRASH_MARKERS), _show(got)
    assert got.returncode == 0, _show(got)

    want = _run([require_oracle(), str(companion)], cwd=tmp_path, timeout=60)
    assert want.returncode == 0, _show(want)
    assert got.stdout.decode("utf-8", "replace") == want.stdout.decode("utf-8", "replace")
