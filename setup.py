"""Build script for pyexpr (metadata lives in pyproject.toml).

The C code is built by the Makefile only; this script drives it (`make` must be
installed: Debian's build-essential provides it) and restates no source lists
or compiler flags for the engine.

`pip install .` and `pip install -e .` both:
  1. build the native `pyexpr` executable with `make` (command `build_native`,
     run first among the `build` sub-commands) in the build directory
     build/native (objects and the engine library in build/native/release/,
     the binary at build/native/pyexpr);
  2. install it as a data file into "<prefix>/bin", i.e. the environment's
     bin/ directory (the venv's bin/, sys.prefix/bin, or ~/.local/bin for
     --user), so the real ELF binary is `pyexpr` on PATH. Editable installs
     get a copy too (the editable wheel carries it; see PyexprDistribution),
     so after editing C sources re-run the install (or use `make`).
  3. install the `pyexpr` Python package with its extension pyexpr._pyexpr:
     csrc/ext/*.c compiled by build_ext against csrc/include/pyexpr.h and
     linked with the Makefile's position-independent engine library
     libpyexpr.a (`make lib`, see EXTENSION below).

Compiler selection is the Makefile's (see its "Compiler selection" block);
the environment is passed through to it:
  CC                  -> make CC=$CC
  PYEXPR_LIBC=musl    -> make LIBC=musl (musl-gcc: about 2x faster process
                         start-up; libm results may differ from CPython in the
                         last bit). Ignored, with a warning, without musl-gcc.
  PYEXPR_STATIC=0|1   -> make STATIC=0|1; otherwise STATIC=auto: the Makefile
                         links -static iff a static test program links and runs.
  PYEXPR_STRIP=0      -> keep symbols. By default the binary is linked with -s
                         (make STRIP=1) and the extension too, so the wheel and
                         the installed files are small.
The default links glibc statically: its libm is the one CPython uses, so
float results (pow, exp, sin, ...) are bit-identical to CPython's.

EXTENSION: the extension links the SAME libpyexpr.a as the binary
(build/native/release/libpyexpr.a, one build of the engine), unless the
binary is built for musl (PYEXPR_LIBC=musl, or a $CC naming musl): a
CPython extension must use the host's C library, so the engine is then built
a second time, with `make lib BUILD=build/ext-lib CC=<build_ext's compiler>`,
into build/ext-lib/release/libpyexpr.a. The extension is linked with
-Wl,--exclude-libs,ALL, so it exports only PyInit__pyexpr (the engine's
PE_API functions stay private to it; tools/check_symbols.py checks this).
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
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

# The Makefile decides what the engine and the binary are made of; the
# extension's own sources are the only list here.
EXT_SRCS = sorted(str(p) for p in Path("csrc/ext").glob("*.c"))

NATIVE_BUILD = "build/native"           # make BUILD=... for the binary
NATIVE_BIN = f"{NATIVE_BUILD}/pyexpr"   # relative: data_files require it
EXT_LIB_BUILD = "build/ext-lib"         # make BUILD=... for a glibc engine when the binary is musl

STRIP = os.environ.get("PYEXPR_STRIP", "1") != "0"
LDFLAGS_STRIP = ["-s"] if STRIP else []


def _log(msg):
    print(f"pyexpr setup.py: {msg}", flush=True)


def _binary_is_musl():
    cc = os.environ.get("CC", "")
    if cc:
        return "musl" in Path(shlex.split(cc)[0]).name
    return os.environ.get("PYEXPR_LIBC") == "musl" and shutil.which("musl-gcc") is not None


def native_make_vars():
    """make variables for the binary's build (and, shared, its library)."""
    vars_ = {"BUILD": NATIVE_BUILD, "CONFIG": "release", "STRIP": "1" if STRIP else "0"}
    static = os.environ.get("PYEXPR_STATIC", "auto")
    vars_["STATIC"] = static if static in ("0", "1") else "auto"
    if os.environ.get("CC"):
        vars_["CC"] = os.environ["CC"]
    elif os.environ.get("PYEXPR_LIBC") == "musl":
        if shutil.which("musl-gcc"):
            vars_["LIBC"] = "musl"
        else:
            _log("PYEXPR_LIBC=musl but musl-gcc is not installed: using cc (glibc)")
    return vars_


def run_make(targets, make_vars):
    make = shlex.split(os.environ.get("MAKE", "make"))
    if shutil.which(make[0]) is None:
        raise SystemExit(
            "pyexpr setup.py: `make` not found; the C code is built by the Makefile "
            "(install it, e.g. apt-get install build-essential)"
        )
    jobs = str(max(1, os.cpu_count() or 1))
    argv = make + ["-s", "-j" + jobs, "--no-print-directory"] + list(targets)
    argv += [f"{k}={v}" for k, v in make_vars.items()]
    _log("$ " + " ".join(map(shlex.quote, argv)))
    # Variables from a calling make (MAKEFLAGS/MAKELEVEL) must not leak in.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    if subprocess.run(argv, env=env, stdin=subprocess.DEVNULL).returncode != 0:
        raise SystemExit(f"pyexpr setup.py: `{' '.join(argv)}` failed (see its output above)")


class build_native(Command):
    """Build the native `pyexpr` executable with make into build/native/."""

    description = "build the native pyexpr executable (make BUILD=build/native)"
    user_options = []

    def initialize_options(self):
        pass

    def finalize_options(self):
        pass

    def run(self):
        if not Path("csrc/cli/main.c").exists():
            raise SystemExit("build_native: csrc/cli/main.c not found - nothing to build")
        run_make(["all"], native_make_vars())
        if not Path(NATIVE_BIN).is_file():
            raise SystemExit(f"build_native: make did not produce {NATIVE_BIN}")
        _log(f"built {NATIVE_BIN}")

    # The binary reaches the wheel via data_files (install_data), not build_lib.
    def get_outputs(self):
        return []

    def get_output_mapping(self):
        return {}

    def get_source_files(self):
        return [str(p) for p in sorted(Path("csrc").glob("**/*")) if p.is_file()] + ["Makefile"]


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


# --- CPython extension -------------------------------------------------------
# `import pyexpr._pyexpr` = csrc/ext/*.c + libpyexpr.a (see EXTENSION in the
# docstring). Flags: Python's own CFLAGS come first (often -O3 -g), ours
# after them win: -O2 like the engine, hidden visibility, C11, warnings on.
EXT_CFLAGS = ["-std=c11", "-O2", "-fvisibility=hidden", "-Wall", "-Wextra"]
# Only PyInit__pyexpr is exported: the archive's PE_API symbols stay local.
EXT_LDFLAGS = LDFLAGS_STRIP + (["-Wl,--exclude-libs,ALL"] if sys.platform.startswith("linux") else [])


# The library the extension links (see EXTENSION in the docstring).
EXT_LIB_MAKE_BUILD = EXT_LIB_BUILD if _binary_is_musl() else NATIVE_BUILD
EXT_LIB = f"{EXT_LIB_MAKE_BUILD}/release/libpyexpr.a"


def ext_lib_make_vars(compiler):
    """make variables building EXT_LIB; compiler: build_ext's (for a musl binary)."""
    if EXT_LIB_MAKE_BUILD == NATIVE_BUILD:
        return native_make_vars()  # the same variables: make finds it up to date
    cc = "cc"
    so = getattr(compiler, "compiler_so", None)
    if so and "musl" not in Path(so[0]).name:
        cc = so[0]
    return {"BUILD": EXT_LIB_BUILD, "CONFIG": "release", "STATIC": "0", "CC": cc}


ext_modules = []
if EXT_SRCS:
    ext_modules.append(
        Extension(
            "pyexpr._pyexpr",
            sources=EXT_SRCS,
            include_dirs=["csrc/include"],
            define_macros=[("_GNU_SOURCE", None), ("PYEXPR_VERSION", f'"{VERSION}"')],
            extra_compile_args=EXT_CFLAGS,
            extra_objects=[EXT_LIB],
            extra_link_args=EXT_LDFLAGS,
            libraries=["m", "pthread"],
            # the library itself: relink when make rebuilt it
            depends=sorted(str(p) for p in Path("csrc").glob("*/*.h")) + [EXT_LIB],
        )
    )


class build_ext(_build_ext):
    """build_ext that first brings libpyexpr.a up to date with make."""

    def finalize_options(self):
        super().finalize_options()
        if not self.parallel:
            self.parallel = os.cpu_count() or 1

    def build_extensions(self):
        if self.extensions:
            run_make(["lib"], ext_lib_make_vars(self.compiler))
            if not Path(EXT_LIB).is_file():
                raise SystemExit(f"build_ext: make did not produce {EXT_LIB}")
        super().build_extensions()


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
