"""Packaging: metadata, LICENSE, ``python -m pyexpr``, sdist contents, wheels.

Fast tests (always run):

* pyproject.toml declares the license, author, ``requires-python`` and one
  classifier per supported Python version; LICENSE is the MIT text;
* the installed distribution's metadata (when pyexpr is pip-installed, e.g.
  ``pip install -e '.[test]'``) carries them too;
* ``python -m pyexpr`` behaves like the ``pyexpr`` binary (same output,
  stdin, exit statuses 0/1/2);
* ``setup.py sdist`` (no compilation, a few seconds) contains what the test
  suite needs to run from the unpacked tree: conftest.py, the helpers, every
  test module and the whole corpus; no build outputs.

Slow tests (minutes: they compile the C sources twice), run when
``PYEXPR_PACKAGING_SLOW=1`` (CI sets it in its main test step): a wheel is
built from the sdist with ``pip wheel``, its tag must be this interpreter's
``cpXY-cpXY-linux_<arch>``, its binary and extension must be stripped; it is
installed into a throwaway venv whose ``pip show``, ``python -m pyexpr`` and
a subset of the test suite (run from the unpacked sdist against the installed
binary and extension) are checked.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from _util import REPO_ROOT, child_env, get_pyexpr_bin, read_version, run

SUPPORTED = ["3.9", "3.10", "3.11", "3.12", "3.13"]
SLOW = os.environ.get("PYEXPR_PACKAGING_SLOW") == "1"
slow = pytest.mark.skipif(not SLOW, reason="builds wheels (minutes); set PYEXPR_PACKAGING_SLOW=1")


def _pyproject() -> dict:
    try:
        import tomllib  # 3.11+
    except ImportError:  # 3.9/3.10: pytest depends on tomli there
        tomllib = pytest.importorskip("tomli")
    with open(REPO_ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)


# --------------------------------------------------------------------------
# Metadata
# --------------------------------------------------------------------------

def test_license_file_is_mit():
    text = (REPO_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Copyright (c)" in text and "pyexpr contributors" in text
    assert "THE SOFTWARE IS PROVIDED \"AS IS\"" in text


def test_pyproject_metadata():
    project = _pyproject()["project"]
    assert project["license"] == {"text": "MIT"}
    assert project["authors"] == [{"name": "pyexpr contributors"}]
    assert project["requires-python"] == ">=" + SUPPORTED[0]
    classifiers = project["classifiers"]
    assert "License :: OSI Approved :: MIT License" in classifiers
    for v in SUPPORTED:
        assert f"Programming Language :: Python :: {v}" in classifiers, v
    # no console script may shadow the native binary
    assert "pyexpr" not in project.get("scripts", {})


def test_changelog_exists():
    text = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog")
    assert f"## {read_version()}" in text


def test_header_version_matches_package_version():
    """pyexpr/_version.py is the one source of the version; the public header
    (installed by `make install`, read by embedders' #if checks) restates it
    in PYEXPR_VERSION_MAJOR/MINOR/PATCH and PYEXPR_VERSION: they must agree.
    (pyexpr.pc's Version is generated from _version.py by the Makefile.)"""
    header = (REPO_ROOT / "csrc" / "include" / "pyexpr.h").read_text(encoding="utf-8")
    parts = {}
    for part in ("MAJOR", "MINOR", "PATCH"):
        m = re.search(rf"^#define PYEXPR_VERSION_{part}\s+(\d+)\s*$", header, re.M)
        assert m, f"PYEXPR_VERSION_{part} not found in csrc/include/pyexpr.h"
        parts[part] = m.group(1)
    m = re.search(r'^#define PYEXPR_VERSION\s+"([^"]*)"\s*$', header, re.M)
    assert m, "PYEXPR_VERSION not found in csrc/include/pyexpr.h"
    version = read_version()
    assert f"{parts['MAJOR']}.{parts['MINOR']}.{parts['PATCH']}" == version, (parts, version)
    assert m.group(1) == version


def test_installed_metadata():
    from importlib import metadata

    try:
        md = metadata.metadata("pyexpr")
    except metadata.PackageNotFoundError:
        pytest.skip("pyexpr is not pip-installed in this environment")
    assert md["Name"] == "pyexpr"
    # Metadata 2.4 (setuptools >= 77) writes License-Expression or License
    assert (md.get("License") or md.get("License-Expression")) == "MIT"
    assert md["Author"] == "pyexpr contributors"
    assert md["Requires-Python"] == ">=3.9"
    classifiers = md.get_all("Classifier") or []
    for v in SUPPORTED:
        assert f"Programming Language :: Python :: {v}" in classifiers, v


# --------------------------------------------------------------------------
# python -m pyexpr
# --------------------------------------------------------------------------

def run_module(args, input=None):
    """``sys.executable -m pyexpr ARGS`` from the repository root, with
    PYEXPR_BIN pointing at the binary under test."""
    env = child_env()
    env["PYEXPR_BIN"] = get_pyexpr_bin()
    proc = subprocess.run(
        [sys.executable, "-m", "pyexpr", *args],
        input=input.encode() if isinstance(input, str) else input,
        stdin=subprocess.DEVNULL if input is None else None,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        cwd=str(REPO_ROOT), env=env, timeout=60,
    )
    return proc


@pytest.mark.parametrize(
    "args,input",
    [
        (["-c", "print(2+3)"], None),
        (["-c", "2 ** 100"], None),
        (["-c", "1/0"], None),
        (["-c", "x ="], None),
        (["--bogus-option"], None),
        (["-"], "print('from stdin')\n[1, 2] * 2\n"),
        (["--version"], None),
    ],
    ids=["print", "calculator", "error", "syntax_error", "usage_error", "stdin", "version"],
)
def test_python_m_pyexpr_is_the_binary(args, input):
    got = run_module(args, input)
    exp = run([get_pyexpr_bin(), *args], input=input)
    assert (got.returncode, got.stdout, got.stderr) == (exp.returncode, exp.stdout, exp.stderr)


def test_python_m_pyexpr_exit_statuses():
    assert run_module(["-c", "print(2+3)"]).stdout == b"5\n"
    assert run_module(["-c", "print(2+3)"]).returncode == 0
    assert run_module(["-c", "1/0"]).returncode == 1
    assert run_module(["--bogus-option"]).returncode == 2


def test_python_m_pyexpr_without_binary(tmp_path):
    env = child_env()
    env["PYEXPR_BIN"] = str(tmp_path / "missing")
    proc = subprocess.run([sys.executable, "-m", "pyexpr", "-c", "1"], stdin=subprocess.DEVNULL,
                          capture_output=True, cwd=str(REPO_ROOT), env=env, timeout=60)
    assert proc.returncode == 2
    assert b"python -m pyexpr:" in proc.stderr and b"not an executable file" in proc.stderr


# --------------------------------------------------------------------------
# sdist
# --------------------------------------------------------------------------

REQUIRED_IN_SDIST = [
    "LICENSE", "README.md", "CHANGELOG.md", "Makefile", "setup.py", "pyproject.toml",
    "pyexpr/__init__.py", "pyexpr/__main__.py", "pyexpr/_version.py",
    "csrc/cli/main.c", "csrc/include/pyexpr.h", "csrc/core/vm.c", "csrc/ext/module.c",
    "csrc/pyexpr.pc.in", "tools/check_symbols.py", "tests/embed/embed_minimal.c",
    "tests/conftest.py", "tests/_util.py", "tests/_extension_build.py", "tests/corpus/README.md",
    "docs/language.md",
]


def _setuptools_usable() -> bool:
    try:
        import setuptools  # noqa: F401
        from setuptools.command import build  # noqa: F401  (setup.py needs >= 62.4)
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def sdist(tmp_path_factory) -> Path:
    if not _setuptools_usable():
        pytest.skip("setuptools (>= 62.4) is not installed in this environment")
    out = tmp_path_factory.mktemp("sdist")
    egg_base = tmp_path_factory.mktemp("egg")
    proc = subprocess.run(
        [sys.executable, "setup.py", "-q", "egg_info", "--egg-base", str(egg_base),
         "sdist", "--dist-dir", str(out)],
        cwd=str(REPO_ROOT), env=child_env(), stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout.decode("utf-8", "replace")[-5000:]
    (tarball,) = out.glob("pyexpr-*.tar.gz")
    return tarball


def _git_files(sub: str) -> list:
    if shutil.which("git") is None or not (REPO_ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    proc = subprocess.run(["git", "ls-files", "--", sub], cwd=str(REPO_ROOT),
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=60)
    if proc.returncode != 0:
        pytest.skip("git ls-files failed")
    return [ln for ln in proc.stdout.decode().splitlines() if (REPO_ROOT / ln).is_file()]


def test_sdist_contains_the_test_suite(sdist):
    with tarfile.open(sdist) as tf:
        names = tf.getnames()
    prefix = names[0].split("/")[0]
    members = {n[len(prefix) + 1:] for n in names if n.startswith(prefix + "/")}
    missing = [f for f in REQUIRED_IN_SDIST if f not in members]
    assert not missing, f"missing from {sdist.name}: {missing}"
    # every test module and every corpus program that git tracks
    tracked = [f for f in _git_files("tests") if "__pycache__" not in f]
    missing = [f for f in tracked if f not in members]
    assert not missing, f"tracked test files missing from the sdist: {missing[:20]}"
    # tests/test_embedding.py builds examples/ against the installed library
    missing = [f for f in _git_files("examples") if f not in members]
    assert not missing, f"tracked examples missing from the sdist: {missing[:20]}"
    junk = [m for m in members if m.endswith((".o", ".so", ".pyc")) or "__pycache__" in m
            or m.startswith(("build/", ".venv"))]
    assert not junk, f"build outputs in the sdist: {junk[:20]}"


# --------------------------------------------------------------------------
# Wheels (slow)
# --------------------------------------------------------------------------

def _expected_tag() -> str:
    ver = f"cp{sys.version_info[0]}{sys.version_info[1]}"
    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"{ver}-{ver}-{plat}"


def _check(cmd, cwd=None, env=None, timeout=900):
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env or child_env(), stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
    assert proc.returncode == 0, f"$ {' '.join(map(str, cmd))}\n" + proc.stdout.decode("utf-8", "replace")[-6000:]
    return proc.stdout.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def wheel_from_sdist(sdist, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _check([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", out, sdist])
    (whl,) = out.glob("pyexpr-*.whl")
    return whl


@slow
def test_wheel_tag_matches_interpreter(wheel_from_sdist):
    assert wheel_from_sdist.name.endswith(f"-{_expected_tag()}.whl"), wheel_from_sdist.name
    with zipfile.ZipFile(wheel_from_sdist) as zf:
        wheel_meta = zf.read(next(n for n in zf.namelist() if n.endswith(".dist-info/WHEEL"))).decode()
        names = zf.namelist()
    assert f"Tag: {_expected_tag()}" in wheel_meta
    assert "Root-Is-Purelib: false" in wheel_meta
    ext = "pyexpr/_pyexpr" + sysconfig.get_config_var("EXT_SUFFIX")
    assert ext in names
    assert any(n.endswith(".data/data/bin/pyexpr") for n in names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") or n.endswith(".dist-info/LICENSE") for n in names)


@pytest.fixture(scope="module")
def installed_venv(wheel_from_sdist, tmp_path_factory) -> Path:
    """A throwaway venv with the wheel (and pytest, to run the unpacked
    sdist's tests) installed."""
    root = tmp_path_factory.mktemp("venv") / "v"
    venv.EnvBuilder(with_pip=True).create(root)
    py = root / "bin" / "python"
    _check([py, "-m", "pip", "install", "-q", "--no-deps", wheel_from_sdist])
    _check([py, "-m", "pip", "install", "-q", "pytest"])
    return root


@slow
def test_installed_files_are_stripped(installed_venv):
    if shutil.which("file") is None:
        pytest.skip("`file` is not installed")
    exe = installed_venv / "bin" / "pyexpr"
    sos = list(installed_venv.glob("lib/python*/site-packages/pyexpr/_pyexpr*.so"))
    assert exe.is_file() and len(sos) == 1
    for f in (exe, sos[0]):
        out = _check(["file", "-b", f])
        assert "ELF" in out and ", stripped" in out, f"{f}: {out}"


@slow
def test_installed_extension_exports_only_its_init(installed_venv):
    if shutil.which("nm") is None:
        pytest.skip("`nm` (binutils) is not installed")
    (so,) = installed_venv.glob("lib/python*/site-packages/pyexpr/_pyexpr*.so")
    out = _check([sys.executable, REPO_ROOT / "tools" / "check_symbols.py", "--ext", so])
    assert "check_symbols: OK" in out, out


@slow
def test_installed_pip_show_and_python_m(installed_venv):
    py = installed_venv / "bin" / "python"
    show = _check([py, "-m", "pip", "show", "pyexpr"])
    fields = dict(ln.split(": ", 1) for ln in show.splitlines() if ": " in ln)
    assert fields["License"] == "MIT" or fields.get("License-Expression") == "MIT", show
    assert fields["Author"] == "pyexpr contributors", show
    env = child_env()
    env.pop("PYEXPR_BIN", None)
    out = _check([py, "-m", "pyexpr", "-c", "print(2+3)"], cwd=str(installed_venv), env=env)
    assert out == "5\n"


@slow
def test_sdist_tests_run_against_the_installed_wheel(sdist, installed_venv, tmp_path):
    with tarfile.open(sdist) as tf:
        tf.extractall(tmp_path)
    (tree,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    env = child_env()
    env["PYEXPR_BIN"] = str(installed_venv / "bin" / "pyexpr")
    env["PATH"] = str(installed_venv / "bin") + os.pathsep + env.get("PATH", "")
    # bin/pytest (not `python -m pytest`) so that `import pyexpr` is the
    # installed package, not the unpacked sources.
    out = _check([installed_venv / "bin" / "pytest", "-q", "-p", "no:cacheprovider",
                  "tests/test_corpus.py", "-k", "core and test_corpus_program",
                  "tests/test_extension.py", "tests/test_cli.py"], cwd=str(tree), env=env)
    assert re.search(r"\d+ passed", out), out[-3000:]
    assert "failed" not in out.splitlines()[-1], out[-3000:]


@slow
def test_musl_binary_with_glibc_extension(sdist, tmp_path):
    """PYEXPR_LIBC=musl: the binary is built with musl-gcc, while the
    extension links a second build of libpyexpr.a made with the host's
    compiler (build/ext-lib, see setup.py's docstring) and imports."""
    if shutil.which("musl-gcc") is None:
        pytest.skip("musl-gcc (musl-tools) is not installed")
    with tarfile.open(sdist) as tf:
        tf.extractall(tmp_path)
    (tree,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    env = child_env()
    env.pop("CC", None)
    env["PYEXPR_LIBC"] = "musl"
    _check([sys.executable, "setup.py", "-q", "build_native", "build_ext", "--inplace"], cwd=str(tree), env=env)
    native_sig = (tree / "build" / "native" / "release" / ".flags").read_text()
    ext_sig = (tree / "build" / "ext-lib" / "release" / ".flags").read_text()
    assert native_sig.startswith("musl-gcc "), native_sig
    assert "musl" not in ext_sig.split("|")[0], ext_sig
    out = _check([tree / "build" / "native" / "pyexpr", "-c", "print(2 + 3)"])
    assert out == "5\n"
    out = _check([sys.executable, "-c", "import pyexpr; print(pyexpr.eval('2 ** 70'))"], cwd=str(tree), env=child_env())
    assert out == f"{2 ** 70}\n"
