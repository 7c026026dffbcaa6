#!/usr/bin/env python3
"""Generate csrc/core/unicode_db.h: compact Unicode property and case tables.

The engine's only source of Unicode properties. The oracle is the running
CPython itself (its str methods and unicodedata), so pyexpr agrees with the
CPython that generated the header (3.11.x: Unicode 14.0.0); the tests
regenerate it with the 3.11 oracle and require it unchanged
(tests/test_unicode_db.py). Run with CPython 3.11:
    python3.11 tools/gen_unicode_db.py > csrc/core/unicode_db.h
The PE_UF_* flags are visible to every includer; the tables only where
PE_UNICODE_DB_TABLES is defined (csrc/core/unicode.c, the lookups).

Layout (all tables sorted, searched by binary search):
  pe_uni_run_start[i] / pe_uni_run_flags[i]: maximal runs of code points
      sharing the same PE_UF_* flag set; a run lasts until the next start.
  pe_uni_case[]: single-code-point case mappings as arithmetic runs
      {first, last, stride, kind, delta}: every stride-th code point in
      [first, last] maps to cp + delta for mapping `kind`.
  pe_uni_special[]: mappings that produce 2-3 code points (full case
      mapping from SpecialCasing.txt, e.g. U+00DF -> "SS").
Title case is stored only where it differs from upper case and case
folding only where it differs from lower case (lookups fall back).
"""
import sys
import unicodedata

MAXCP = 0x110000
FLAGS = [
    "PRINTABLE", "ALPHA", "DECIMAL", "DIGIT", "NUMERIC", "SPACE", "UPPER",
    "LOWER", "TITLE", "CASED", "CASE_IGNORABLE", "XID_START", "XID_CONTINUE",
    "LINEBREAK",
]
SIGMA = "\u03a3"


def case_ignorable(ch, cased):
    """Probe CPython's final-sigma logic for Case_Ignorable (not exposed)."""
    if ch == SIGMA:
        return False
    if cased:
        return "\u03c2" in ("A" + SIGMA + ch).lower()
    return "\u03c2" in ("A" + ch + SIGMA).lower()


def flags_of(cp):
    ch = chr(cp)
    f = 0
    upper, lower = ch.isupper(), ch.islower()
    title = unicodedata.category(ch) == "Lt"
    cased = upper or lower or title
    vals = {
        "PRINTABLE": ch.isprintable(), "ALPHA": ch.isalpha(),
        "DECIMAL": ch.isdecimal(), "DIGIT": ch.isdigit(),
        "NUMERIC": ch.isnumeric(), "SPACE": ch.isspace(),
        "UPPER": upper, "LOWER": lower, "TITLE": title, "CASED": cased,
        "CASE_IGNORABLE": case_ignorable(ch, cased),
        "XID_START": ch.isidentifier() and ch != "_",
        "XID_CONTINUE": ("a" + ch).isidentifier(),
        "LINEBREAK": len(("a" + ch + "b").splitlines()) == 2,  # str.splitlines() boundary
    }
    for i, name in enumerate(FLAGS):
        if vals[name]:
            f |= 1 << i
    return f


def flag_runs():
    starts, flags = [], []
    prev = None
    for cp in range(MAXCP):
        f = flags_of(cp)
        if f != prev:
            starts.append(cp)
            flags.append(f)
            prev = f
    return starts, flags


def check_decimals(starts, flags):
    """pe_uni_decimal relies on: decimal runs start at digit 0, value =
    (cp - run start) % 10."""
    dec = 1 << FLAGS.index("DECIMAL")
    for i, (s, f) in enumerate(zip(starts, flags)):
        if not f & dec:
            continue
        end = starts[i + 1] if i + 1 < len(starts) else MAXCP
        for cp in range(s, end):
            assert unicodedata.decimal(chr(cp)) == (cp - s) % 10, hex(cp)


def mappings():
    """(kind, cp, result) for every code point whose mapping is not itself.
    kinds: 0 upper, 1 lower, 2 title (where != upper), 3 fold (where != lower)."""
    out = []
    for cp in range(MAXCP):
        ch = chr(cp)
        up, lo, ti, fo = ch.upper(), ch.lower(), ch.title(), ch.casefold()
        if up != ch:
            out.append((0, cp, up))
        if lo != ch:
            out.append((1, cp, lo))
        if ti != up:
            out.append((2, cp, ti))
        if fo != lo:
            out.append((3, cp, fo))
    return out


def case_runs(maps):
    singles = sorted((cp, kind, ord(r) - cp) for kind, cp, r in maps if len(r) == 1)
    by_kind = {}
    for cp, kind, d in singles:
        by_kind.setdefault(kind, []).append((cp, d))
    runs = []
    for kind, items in by_kind.items():
        i = 0
        while i < len(items):
            cp, d = items[i]
            j, stride = i + 1, 0
            if j < len(items) and items[j][1] == d and items[j][0] - cp <= 2:
                stride = items[j][0] - cp
                while (j < len(items) and items[j][1] == d
                       and items[j][0] - items[j - 1][0] == stride):
                    j += 1
            last = items[j - 1][0]
            runs.append((cp, last, stride or 1, kind, d))
            i = j
    runs.sort(key=lambda r: (r[0], r[3]))
    return runs


def main():
    starts, flags = flag_runs()
    check_decimals(starts, flags)
    maps = mappings()
    runs = case_runs(maps)
    # runs of one kind never overlap; lookups need runs sorted by first cp
    # per kind, so emit one table per kind.
    special = sorted((cp, kind, r) for kind, cp, r in maps if len(r) > 1)
    w = sys.stdout.write
    w("/* Generated by tools/gen_unicode_db.py from CPython %s (Unicode %s).\n"
      " * DO NOT EDIT. */\n" % (sys.version.split()[0], unicodedata.unidata_version))
    w("#ifndef PE_UNICODE_DB_H\n#define PE_UNICODE_DB_H\n\n#include <stdint.h>\n\n")
    w("#define PE_UNICODE_VERSION \"%s\"\n\n" % unicodedata.unidata_version)
    for i, name in enumerate(FLAGS):
        w("#define PE_UF_%s 0x%04xu\n" % (name, 1 << i))
    lb = 1 << FLAGS.index("LINEBREAK")
    nonascii_lb = [cp for cp in range(128, MAXCP) if flags_of(cp) & lb]
    w("\n/* The non-ASCII code points with PE_UF_LINEBREAK (few: str.splitlines\n"
      " * compares against them instead of searching the table). */\n")
    w("#define PE_UNI_NONASCII_LINEBREAKS %s\n" % ", ".join("0x%x" % c for c in nonascii_lb))
    w("\n/* The tables: compiled by csrc/core/unicode.c only (the lookups). */\n")
    w("#ifdef PE_UNICODE_DB_TABLES\n")
    w("\n/* Flags of the ASCII code points (a direct lookup for the common case). */\n")
    w("static const uint16_t pe_uni_ascii_flags[128] = {")
    for cp in range(128):
        w(("\n    " if cp % 10 == 0 else " ") + "0x%x," % flags_of(cp))
    w("\n};\n")
    w("\n#define PE_UNI_NRUNS %d\n" % len(starts))
    w("static const uint32_t pe_uni_run_start[PE_UNI_NRUNS] = {")
    for i, s in enumerate(starts):
        w(("\n    " if i % 8 == 0 else " ") + "0x%x," % s)
    w("\n};\nstatic const uint16_t pe_uni_run_flags[PE_UNI_NRUNS] = {")
    for i, f in enumerate(flags):
        w(("\n    " if i % 10 == 0 else " ") + "0x%x," % f)
    w("\n};\n\n")
    w("/* kind: 0 upper, 1 lower, 2 title (overrides upper), 3 fold (overrides lower) */\n")
    w("typedef struct pe_uni_caserun {\n    uint32_t first, last;\n"
      "    int32_t delta;\n    uint8_t stride, kind;\n} pe_uni_caserun;\n\n")
    for kind, kname in enumerate(["upper", "lower", "title", "fold"]):
        kr = [r for r in runs if r[3] == kind]
        w("#define PE_UNI_N%s %d\n" % (kname.upper(), len(kr)))
        w("static const pe_uni_caserun pe_uni_%s[PE_UNI_N%s] = {\n" % (kname, kname.upper()))
        for first, last, stride, k, d in kr:
            w("    {0x%x, 0x%x, %d, %d, %d},\n" % (first, last, d, stride, k))
        w("};\n")
    w("\ntypedef struct pe_uni_special {\n    uint32_t cp;\n    uint8_t kind, n;\n"
      "    uint32_t r[3];\n} pe_uni_special;\n\n")
    w("#define PE_UNI_NSPECIAL %d\n" % len(special))
    w("static const pe_uni_special pe_uni_specials[PE_UNI_NSPECIAL] = {\n")
    for cp, kind, r in special:
        assert len(r) <= 3
        rr = [ord(c) for c in r] + [0] * (3 - len(r))
        w("    {0x%x, %d, %d, {0x%x, 0x%x, 0x%x}},\n" % (cp, kind, len(r), *rr))
    w("};\n\n#endif /* PE_UNICODE_DB_TABLES */\n\n#endif /* PE_UNICODE_DB_H */\n")


if __name__ == "__main__":
    main()
