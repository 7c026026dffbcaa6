"""Build script for pyexpr (metadata lives in pyproject.toml).

`pip install .` and `pip install -e .` both:
  1. compile the native `pyexpr` executable from csrc/ (command `build_native`,
     run first among the `build` sub-commands) into build/native/pyexpr;
  2. install it as a data file into "<prefix>/bin", i.e. the environment's
     bin/ directory (the venv's bin/, sys.prefix/bin, or ~/.local/bin for
     --user), so the real ELF binary is `pyexpr` on PATH. Editable installs
     get a copy too (the editable wheel carries it; see PyexprDistribution),
     so after editing C sources re-run the install (or use `make`).
  3. install the `pyexpr` Python package (plus pyexpr._pyexpr once
     csrc/extmodule.c exists - see the hook below).

Compiler selection mirrors the Makefile; the first candidate that works wins:
  $CC set:   $CC -static (if a static test program links and runs), else $CC
  otherwise: cc -static, cc (dynamic)
The default links glibc statically: its libm is the one CPython uses, so
float results (pow, exp, sin, ...) are bit-identical to CPython's. Set
PYEXPR_LIBC=musl to prefer `musl-gcc -static` (about 2x faster process
start-up; libm results may differ from CPython in the last bit).
PYEXPR_STATIC=0 keeps only dynamic candidates; PYEXPR_STATIC=1 only static ones.

Both the binary and the extension are linked with `-s` (stripped: no symbol
table, no debug info), so the wheel and the installed files are small. Set
PYEXPR_STRIP=0 to keep symbols (debugging; `make debug` is the better tool).
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from setuptools import Command, Extension, setup
from setuptools.command.build import build as _build
from setuptools.command.build_ext import build_ext as _build_ext
from setuptools.dist import Distribution

try:  # setuptools >= 70.1 ships bdist_wheel itself
    from setuptools.command.bdist_wheel import bdist_wheel as _bdist_wheel
except ImportError:  # pragma: no cover - older setuptools + wheel
    from wheel.bdist_wheel import bdist_wheel as _bdist_wheel

HERE = Path(__file__).resolve().parent
os.chdir(HERE)  # all paths below are relative to the project root

VERSION = re.search(
    r'^__version__\s*=\s*"([^"]+)"', (HERE / "pyexpr" / "_version.py").read_text(), re.M
).group(1)

# Same split as the Makefile: csrc/core is the engine, csrc/cli + csrc/daemon
# the binary's front end, csrc/ext the extension.
ENGINE_SRCS = sorted(str(p) for p in Path("csrc/core").glob("*.c"))
CLI_SRCS = sorted(str(p) for p in [*Path("csrc/cli").glob("*.c"), *Path("csrc/daemon").glob("*.c")])
EXT_SRCS = sorted(str(p) for p in Path("csrc/ext").glob("*.c"))
BIN_SRCS = ENGINE_SRCS + CLI_SRCS

NATIVE_DIR = "build/native"
NATIVE_BIN = f"{NATIVE_DIR}/pyexpr"  # relative: data_files require it

CFLAGS = [
    "-std=c11", "-O2", "-Wall", "-Wextra",
    "-D_GNU_SOURCE", f'-DPYEXPR_VERSION="{VERSION}"', "-Icsrc/include", "-Icsrc/core",
]
STRIP = os.environ.get("PYEXPR_STRIP", "1") != "0"
LDFLAGS_STRIP = ["-s"] if STRIP else []

PROBE_SRC = (
    "double sqrt(double);\n"
    "int main(int c, char **v) { (void)v; return (int)sqrt((double)c) - 1; }\n"
)


def _log(msg):
    print(f"build_native: {msg}", flush=True)


def compiler_candidates():
    """[(argv-prefix, static)] in order of preference."""
    static_env = os.environ.get("PYEXPR_STATIC", "auto")
    if os.environ.get("CC"):
        cc = shlex.split(os.environ["CC"])
        cands = [(cc, True), (cc, False)]
    else:
        cands = []
        if os.environ.get("PYEXPR_LIBC") == "musl" and shutil.which("musl-gcc"):
            cands.append((["musl-gcc"], True))
        cands += [(["cc"], True), (["cc"], False)]
    if static_env == "0":
        cands = [(cc, s) for cc, s in cands if not s]
    elif static_env == "1":
        cands = [(cc, s) for cc, s in cands if s]
    return cands


def _run(argv):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def probe(cc, static):
    """Does this compiler link (and, if static, run) a tiny libm program?"""
    if shutil.which(cc[0]) is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        src, exe = os.path.join(tmp, "p.c"), os.path.join(tmp, "p")
        Path(src).write_text(PROBE_SRC)
        argv = cc + (["-static"] if static else []) + [src, "-o", exe, "-lm"]
        if _run(argv).returncode != 0:
            return False
        try:
            return subprocess.run([exe], timeout=30).returncode == 0
        except (OSError, subprocess.SubprocessError):
            return False


def compile_binary(cc, static, out):
    """Compile BIN_SRCS in parallel, link to `out`. Returns (ok, log)."""
    objdir = Path(NATIVE_DIR, "obj")
    shutil.rmtree(objdir, ignore_errors=True)
    objdir.mkdir(parents=True)
    objs = [str(objdir / (Path(s).stem + ".o")) for s in BIN_SRCS]

    def cc1(pair):
        src, obj = pair
        argv = cc + CFLAGS + ["-c", src, "-o", obj]
        return argv, _run(argv)

    jobs = max(1, min(len(objs), os.cpu_count() or 1))
    with ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(cc1, zip(BIN_SRCS, objs)))
    log = []
    for argv, r in results:
        if r.returncode != 0 or r.stdout.strip():
            log.append(" ".join(map(shlex.quote, argv)) + "\n" + r.stdout)
    if any(r.returncode != 0 for _, r in results):
        return False, "".join(log)
    argv = cc + (["-static"] if static else []) + LDFLAGS_STRIP + objs + ["-o", out, "-lm"]
    r = _run(argv)
    log.append(" ".join(map(shlex.quote, argv)) + "\n" + r.stdout)
    return r.returncode == 0, "".join(log)


class build_native(Command):
    """Compile the native `pyexpr` executable from csrc/ into build/native/."""

    description = "compile the native pyexpr executable from csrc/"
    user_options = []

    def initialize_options(self):
        pass

    def finalize_options(self):
        pass

    def run(self):
        if not Path("csrc/cli/main.c").exists():
            raise SystemExit("build_native: csrc/cli/main.c not found - nothing to build")
        out = Path(NATIVE_BIN)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp_out = str(out) + ".tmp"
        failed = []
        for cc, static in compiler_candidates():
            label = " ".join(cc) + (" -static" if static else "")
            if not probe(cc, static):
                _log(f"{label}: not usable here, skipping")
                continue
            _log(f"compiling {len(BIN_SRCS)} sources with {label}")
            ok, log = compile_binary(cc, static, tmp_out)
            if log.strip():
                if ok or not failed:
                    print(log, file=sys.stderr, flush=True)
                else:  # errors already shown in full for the first compiler
                    tail = "\n".join(log.rstrip().splitlines()[-15:])
                    print(f"[... last lines only ...]\n{tail}", file=sys.stderr, flush=True)
            if ok:
                os.replace(tmp_out, out)
                os.chmod(out, 0o755)
                _log(f"built {out} ({label})")
                return
            failed.append(label)
            _log(f"{label}: build FAILED, trying next compiler")
        if not failed:
            raise SystemExit(
                "build_native: no usable C compiler found (tried musl-gcc, cc or $CC); "
                "install one, e.g. apt-get install build-essential"
            )
        raise SystemExit(
            f"build_native: the C sources failed to build with: {', '.join(failed)} "
            "(see the compiler output above)"
        )

    # The binary reaches the wheel via data_files (install_data), not build_lib.
    def get_outputs(self):
        return []

    def get_output_mapping(self):
        return {}

    def get_source_files(self):
        return list(BIN_SRCS)


class build(_build):
    # build_native first, so install_data finds build/native/pyexpr.
    sub_commands = [("build_native", None)] + _build.sub_commands


class PyexprDistribution(Distribution):
    # Editable installs (setuptools' editable_wheel) copy data files only if
    # `distribution.has_data()` is true, but Distribution only defines
    # has_data_files(), so without this alias `pip install -e .` silently
    # skips bin/pyexpr. Harmless if setuptools fixes the lookup.
    def has_data(self):
        return self.has_data_files()


class bdist_wheel(_bdist_wheel):
    """The wheel holds a native executable: tag it for the platform. Without the
    extension it does not depend on the Python ABI (py3-none-<platform>)."""

    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self):
        python, abi, plat = super().get_tag()
        if not self.distribution.has_ext_modules():
            python, abi = "py3", "none"
        return python, abi, plat


# --- CPython extension hook --------------------------------------------------
# `import pyexpr._pyexpr` = engine sources + csrc/extmodule.c, built by the
# standard build_ext (in place for editable installs). It is added only once
# csrc/extmodule.c exists; until then the wheel is py3-none-<platform>.
# Flags: Python's own CFLAGS come first (often -O3 -g), ours after them win:
# -O2 like the binary, hidden visibility (only PyInit__pyexpr is exported, the
# engine's symbols stay private to the .so), C11, warnings on.
EXT_CFLAGS = ["-std=c11", "-O2", "-fvisibility=hidden", "-Wall", "-Wextra"]

ext_modules = []
if EXT_SRCS:
    ext_modules.append(
        Extension(
            "pyexpr._pyexpr",
            sources=ENGINE_SRCS + EXT_SRCS,
            include_dirs=["csrc/include"],
            define_macros=[("_GNU_SOURCE", None), ("PYEXPR_VERSION", f'"{VERSION}"')],
            extra_compile_args=EXT_CFLAGS,
            extra_link_args=LDFLAGS_STRIP,
            libraries=["m"],
            depends=sorted(str(p) for p in Path("csrc").glob("*/*.h")),
        )
    )


class build_ext(_build_ext):
    """build_ext compiling the extension's ~30 sources in parallel by default."""

    def finalize_options(self):
        super().finalize_options()
        if not self.parallel:
            self.parallel = os.cpu_count() or 1


setup(
    version=VERSION,
    ext_modules=ext_modules,
    # Installed as <prefix>/bin/pyexpr (the venv's / environment's bin dir).
    data_files=[("bin", [NATIVE_BIN])],
    distclass=PyexprDistribution,
    cmdclass={
        "build_native": build_native,
        "build": build,
        "build_ext": build_ext,
        "bdist_wheel": bdist_wheel,
    },
    zip_safe=False,
)
