#!/usr/bin/env python3
"""Symbol hygiene of the built engine and extension.

    python3 tools/check_symbols.py [--lib build/release/libpyexpr.a] [--ext pyexpr/_pyexpr*.so]

* Every global symbol DEFINED by the static library (``nm -g --defined-only``)
  must start with ``pe_``: an embedder links libpyexpr.a into their own
  program, where an unprefixed global (``hash_bytes``, ``cont_init``) could
  clash with theirs.
* A shared object (the CPython extension) must export exactly one symbol,
  ``PyInit__pyexpr`` (``nm -D --defined-only``): the engine linked into it
  stays private to it (it is linked with ``-Wl,--exclude-libs,ALL``).
  Linker-defined markers (``_init``, ``_fini``, ``_edata``, ``_end``,
  ``__bss_start``) that some binutils versions export are ignored.

Without arguments the release library build/release/libpyexpr.a is checked
(build it with ``make lib``). Exits 0 when clean, 1 listing the offenders,
2 on usage errors (missing file, no ``nm``). ``$NM`` selects another nm.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

PREFIX = "pe_"
EXT_EXPORTS = {"PyInit__pyexpr"}
LINKER_MARKERS = {"_init", "_fini", "_edata", "_end", "__bss_start"}
# nm type letters of symbols that are not defined here (undefined, weak undefined)
UNDEFINED_TYPES = {"U", "w", "v"}


def _nm(args: list) -> list:
    nm = shlex.split(os.environ.get("NM", "nm"))
    if shutil.which(nm[0]) is None:
        raise SystemExit(f"check_symbols: `{nm[0]}` not found (binutils)")
    proc = subprocess.run(nm + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"check_symbols: {' '.join(nm + args)} failed:\n{proc.stderr}")
    return proc.stdout.splitlines()


def defined_globals(path: Path, dynamic: bool) -> list:
    """[(member, type, name)] of the defined global symbols of an archive
    (member = object file) or a shared object (dynamic symbol table)."""
    args = ["-D" if dynamic else "-g", "--defined-only", str(path)]
    out, member = [], path.name
    for line in _nm(args):
        line = line.rstrip()
        if not line:
            continue
        if line.endswith(":") and " " not in line:  # "obj.o:" header of an archive member
            member = line[:-1]
            continue
        parts = line.split()
        if len(parts) < 2:
            continue
        typ, name = parts[-2], parts[-1]
        if typ in UNDEFINED_TYPES:
            continue
        out.append((member, typ, name))
    return out


def check_lib(path: Path) -> list:
    syms = defined_globals(path, dynamic=False)
    if not syms:
        return [f"{path}: no defined global symbols at all (not the engine library?)"]
    bad = [f"{path}: {m}: {t} {n}" for m, t, n in syms if not n.startswith(PREFIX)]
    print(f"{path}: {len(syms)} global symbols, {len(bad)} without the {PREFIX} prefix")
    return bad


def check_ext(path: Path) -> list:
    syms = {n for _, _, n in defined_globals(path, dynamic=True)} - LINKER_MARKERS
    bad = [f"{path}: exports {n}" for n in sorted(syms - EXT_EXPORTS)]
    bad += [f"{path}: does not export {n}" for n in sorted(EXT_EXPORTS - syms)]
    print(f"{path}: exports {', '.join(sorted(syms)) or 'nothing'}")
    return bad


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lib", action="append", type=Path, default=[],
                    help="static library whose globals must all start with pe_ (repeatable)")
    ap.add_argument("--ext", action="append", type=Path, default=[],
                    help="shared object that must export only PyInit__pyexpr (repeatable)")
    args = ap.parse_args(argv)
    libs = args.lib or ([] if args.ext else [Path("build/release/libpyexpr.a")])
    missing = [p for p in libs + args.ext if not p.is_file()]
    if missing:
        print(f"check_symbols: not found: {', '.join(map(str, missing))} (run `make lib`)",
              file=sys.stderr)
        return 2
    bad = []
    for p in libs:
        bad += check_lib(p)
    for p in args.ext:
        bad += check_ext(p)
    for line in bad:
        print("BAD SYMBOL: " + line)
    if bad:
        print(f"check_symbols: {len(bad)} problem(s); global engine symbols need the {PREFIX} "
              "prefix (or `static`), and the extension must export only PyInit__pyexpr")
        return 1
    print("check_symbols: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
