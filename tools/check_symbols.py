#!/usr/bin/env python3
"""Symbol hygiene of the built engine and extension.

    python3 tools/check_symbols.py [--lib build/release/libpyexpr.a] [--ext pyexpr/_pyexpr*.so]
                                   [--header csrc/include/pyexpr.h]

* Every global symbol DEFINED by the static library (``nm -g --defined-only``)
  must start with ``pe_``: an embedder links libpyexpr.a into their own
  program, where an unprefixed global (``hash_bytes``, ``cont_init``) could
  clash with theirs.
* A shared object (the CPython extension) must export exactly one symbol,
  ``PyInit__pyexpr`` (``nm -D --defined-only``): the engine linked into it
  stays private to it (it is linked with ``-Wl,--exclude-libs,ALL``).
  Linker-defined markers (``_init``, ``_fini``, ``_edata``, ``_end``,
  ``__bss_start``) that some binutils versions export are ignored.
* With ``--header``: the library's public surface is the header. The symbols
  it defines with DEFAULT visibility (``readelf -s``: what a shared object
  built from it would export; everything else is compiled hidden) must be
  exactly the functions the header declares with ``PE_API``: none exported
  without a declaration, none declared without a definition.

Without arguments the release library build/release/libpyexpr.a is checked
(build it with ``make lib``). Exits 0 when clean, 1 listing the offenders,
2 on usage errors (missing file, no ``nm``). ``$NM`` selects another nm.
"""

from __future__ import annotations

import argparse
import os
import re
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


def _readelf_default_visibility(path: Path) -> set:
    """Names of the defined GLOBAL/WEAK symbols with DEFAULT visibility."""
    tool = shlex.split(os.environ.get("READELF", "readelf"))
    if shutil.which(tool[0]) is None:
        raise SystemExit(f"check_symbols: `{tool[0]}` not found (binutils)")
    proc = subprocess.run(tool + ["-sW", str(path)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"check_symbols: readelf -sW {path} failed:\n{proc.stderr}")
    names = set()
    for line in proc.stdout.splitlines():
        f = line.split()
        # Num: Value Size Type Bind Vis Ndx Name
        if len(f) >= 8 and f[0].endswith(":") and f[4] in ("GLOBAL", "WEAK") \
                and f[5] == "DEFAULT" and f[6] != "UND":
            names.add(f[7].split("@")[0])
    return names


def header_api(header: Path) -> set:
    """The function names the header declares with PE_API."""
    text = header.read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)  # comments mention PE_API too
    return set(re.findall(r"\bPE_API\b[^;(]*?\b(pe_\w+)\s*\(", text))


def check_header(lib: Path, header: Path) -> list:
    declared = header_api(header)
    exported = _readelf_default_visibility(lib)
    bad = [f"{lib}: exports {n} (default visibility) but {header} does not declare it"
           for n in sorted(exported - declared)]
    bad += [f"{lib}: does not define {n}, declared PE_API in {header}"
            for n in sorted(declared - exported)]
    print(f"{lib}: {len(exported)} public (default-visibility) symbols; "
          f"{header} declares {len(declared)} PE_API functions")
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
    ap.add_argument("--header", type=Path,
                    help="public header: the libraries' default-visibility symbols must be "
                    "exactly its PE_API functions")
    args = ap.parse_args(argv)
    libs = args.lib or ([] if args.ext else [Path("build/release/libpyexpr.a")])
    missing = [p for p in libs + args.ext + ([args.header] if args.header else []) if not p.is_file()]
    if missing:
        print(f"check_symbols: not found: {', '.join(map(str, missing))} (run `make lib`)",
              file=sys.stderr)
        return 2
    bad = []
    for p in libs:
        bad += check_lib(p)
        if args.header:
            bad += check_header(p, args.header)
    for p in args.ext:
        bad += check_ext(p)
    for line in bad:
        print("BAD SYMBOL: " + line)
    if bad:
        print(f"check_symbols: {len(bad)} problem(s); global engine symbols need the {PREFIX} "
              "prefix (or `static`), only the header's PE_API functions may have default "
              "visibility, and the extension must export only PyInit__pyexpr")
        return 1
    print("check_symbols: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
