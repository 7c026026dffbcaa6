#!/usr/bin/env python3
"""Generate csrc/core/unicode_db.h: the engine's one Unicode database.

The only source of Unicode properties in the engine: the str predicates and
case mappings, repr()'s printable test, identifiers, digits and white space
of int()/float()/format(), splitlines, re's classes, and the `unicodedata`
module (properties, decompositions, normalization, names). The oracle is
the running CPython itself (its str methods and unicodedata), so pyexpr
agrees with the CPython that generated the header (3.11.x: Unicode 14.0.0);
the tests regenerate it with the 3.11 oracle and require it unchanged
(tests/test_unicode_db.py). Name aliases and named sequences, which CPython
does not enumerate, come from tools/unicode_name_extras.txt (every line is
checked against CPython's lookup()). Run with CPython 3.11:
    python3.11 tools/gen_unicode_db.py > csrc/core/unicode_db.h
The PE_UF_* flags are visible to every includer; the tables only where
PE_UNICODE_DB_TABLES is defined (csrc/core/unicode.c, the lookups).

Layout:
  Properties: a three-level table (blocks of equal content shared; the
      generator picks the shifts that make it smallest) gives the index of
      the code point's record in pe_uni_records[] (flags PE_UF_*, category,
      bidirectional class, combining class, east asian width, mirrored,
      decimal, digit, numeric value as an exact fraction).
  Decompositions: the same scheme (pe_uni_dec_*) gives an offset into
      pe_uni_decomp[] (0: none): tag << 8 | wide << 7 | count, then the code
      points, 16 bits each (two halves each when wide).
  Canonical composition: pe_uni_comp[], the primary composites sorted by
      (first, second). Hangul syllables are algorithmic (not in the tables).
  Names: pe_uni_names, the names in code point order, each a header byte
      (words shared with the previous name << 4 | new words) and the new
      words as 1- or 2-byte indexes into the lexicon pe_uni_words (words by
      frequency, the last character of each with bit 7 set); every
      PE_UNI_NAME_RESTART-th name shares nothing and has its offset in
      pe_uni_name_restart[]. pe_uni_name_runs[] map code points to name
      ordinals; pe_uni_name_sorted[] lists the ordinals in name order (for
      lookup()); pe_uni_algo[] are the algorithmic ranges (PREFIX-HEX names)
      and the Hangul jamo short names give the syllables' names. Aliases and
      named sequences are a second stream of the same coding
      (pe_uni_extra_*), in name order, with their values.
  Case: pe_uni_case[]: single-code-point case mappings as arithmetic runs
      {first, last, stride, kind, delta}: every stride-th code point in
      [first, last] maps to cp + delta for mapping `kind`.
      pe_uni_special[]: mappings that produce 2-3 code points (full case
      mapping from SpecialCasing.txt, e.g. U+00DF -> "SS").
      Title case is stored only where it differs from upper case and case
      folding only where it differs from lower case (lookups fall back).
"""
import os
import re
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



# ---------------------------------------------------------------------------
# Properties (records) and decompositions: two-level tables
# ---------------------------------------------------------------------------

CATEGORIES = ["Cn", "Lu", "Ll", "Lt", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Zs",
              "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Lm", "Lo", "Pc", "Pd", "Ps",
              "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"]
EAW = ["F", "H", "W", "Na", "A", "N"]


def exact_fraction(x):
    """The fraction num/den (UnicodeData.txt's form) whose double is x."""
    from fractions import Fraction
    for limit in (1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 32, 40, 60, 64, 80, 160, 320, 1000):
        f = Fraction(x).limit_denominator(limit)
        if f.numerator / f.denominator == x:
            return f.numerator, f.denominator
    raise AssertionError(x)


def split_blocks(values, shift):
    """values cut into blocks of 1 << shift, equal blocks shared: (ids, blocks)."""
    size = 1 << shift
    ids, seen, flat = [], {}, []
    for b in range(0, len(values), size):
        blk = tuple(values[b:b + size])
        if blk not in seen:
            seen[blk] = len(seen)
            flat.extend(blk)
        ids.append(seen[blk])
    return ids, flat


def width(values):
    return 1 if max(values) < 256 else 2 if max(values) < 65536 else 4


def three_level(values):
    """(shift1, shift2, top, mid, low) of the smallest three-level table:
    low[mid[top[cp >> (shift1 + shift2)] << shift1 | (cp >> shift2) & mask1]
    << shift2 | cp & mask2] == values[cp]."""
    best = None
    for s2 in range(3, 9):
        ids, low = split_blocks(values, s2)
        for s1 in range(2, 9):
            top, mid = split_blocks(ids, s1)
            size = len(top) * width(top) + len(mid) * width(mid) + len(low) * width(low)
            if best is None or size < best[0]:
                best = (size, s1, s2, top, mid, low)
    return best[1:]


def emit_three_level(w, prefix, values):
    s1, s2, top, mid, low = three_level(values)
    ctype = {1: "uint8_t", 2: "uint16_t", 4: "uint32_t"}
    w("#define %s_SHIFT1 %d\n#define %s_SHIFT2 %d\n" % (prefix.upper(), s1, prefix.upper(), s2))
    emit_array(w, ctype[width(top)], prefix + "_top", top, 24)
    emit_array(w, ctype[width(mid)], prefix + "_mid", mid, 20)
    emit_array(w, ctype[width(low)], prefix + "_low", low, 16)


def records_and_index():
    bidis = sorted({unicodedata.bidirectional(chr(cp)) for cp in range(MAXCP)},
                   key=lambda b: (b != "", b))
    numerics, recs, rec_ids, values = [None], [], {}, []
    num_ids = {None: 0}
    for cp in range(MAXCP):
        ch = chr(cp)
        num = unicodedata.numeric(ch, None)
        if num is not None and num not in num_ids:
            num_ids[num] = len(numerics)
            numerics.append(exact_fraction(num))
        dec, dig = unicodedata.decimal(ch, -1), unicodedata.digit(ch, -1)
        rec = (flags_of(cp), CATEGORIES.index(unicodedata.category(ch)),
               bidis.index(unicodedata.bidirectional(ch)), unicodedata.combining(ch),
               EAW.index(unicodedata.east_asian_width(ch)), unicodedata.mirrored(ch),
               dec, dig, num_ids[num])
        if rec not in rec_ids:
            rec_ids[rec] = len(recs)
            recs.append(rec)
        values.append(rec_ids[rec])
    assert len(recs) < 65536 and len(numerics) < 256
    return bidis, numerics, recs, values


def decompositions():
    """tags, {cp: (tag index, [code points])} of every one-level mapping."""
    tags, dmap = [""], {}
    for cp in range(MAXCP):
        d = unicodedata.decomposition(chr(cp))
        if not d:
            continue
        parts = d.split()
        tag = parts[0] if parts[0].startswith("<") else ""
        if tag not in tags:
            tags.append(tag)
        dmap[cp] = (tags.index(tag), [int(x, 16) for x in (parts[1:] if tag else parts)])
    return tags, dmap


def pack_decompositions(dmap):
    """uint16 data (offset 0 unused): tag << 8 | wide << 7 | count, then the
    code points, as (high, low) pairs when wide (any is past U+FFFF)."""
    data, values = [0], [0] * MAXCP
    for cp, (tag, cps) in sorted(dmap.items()):
        wide = max(cps) > 0xFFFF
        assert len(cps) < 0x80
        values[cp] = len(data)
        data.append(tag << 8 | wide << 7 | len(cps))
        for c in cps:
            data.extend([c >> 16, c & 0xFFFF] if wide else [c])
    assert len(data) < 65536
    return data, values


def full_decomp_check(dmap):
    """normalize() expands decompositions with a fixed stack: check bounds."""
    def expand(cp, compat, depth):
        assert depth < 8
        if cp not in dmap or (not compat and dmap[cp][0]):
            return [cp]
        out = []
        for c in dmap[cp][1]:
            out += expand(c, compat, depth + 1)
        return out
    longest = 0
    for cp in dmap:
        e = expand(cp, True, 0)
        longest = max(longest, len(e))
        assert "".join(map(chr, e)) == unicodedata.normalize("NFKD", chr(cp)), hex(cp)
    return longest


def compositions(dmap):
    comp = []
    for cp, (tag, cps) in sorted(dmap.items()):
        if tag == 0 and len(cps) == 2:  # canonical, two code points
            if unicodedata.normalize("NFC", chr(cps[0]) + chr(cps[1])) == chr(cp):
                comp.append((cps[0], cps[1], cp))
    comp.sort()
    return comp


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

NAME_RESTART = 16
ALGO_RE = re.compile(r"^(.*-)([0-9A-F]{4,5})$")
HANGUL = "HANGUL SYLLABLE "


def hangul_jamo():
    """The jamo short names, read off CPython's syllable names."""
    def nm(cp):
        return unicodedata.name(chr(cp))[len(HANGUL):]
    lead = [nm(0xAC00 + i * 588)[:-1] for i in range(19)]
    vowel = [nm(0xAC00 + i * 28)[1:] for i in range(21)]
    trail = [nm(0xAC00 + i)[2:] for i in range(28)]
    assert nm(0xAC00 + 5 * 588 + 3 * 28 + 7) == lead[5] + vowel[3] + trail[7]
    return lead, vowel, trail


def split_names():
    explicit, algo = [], []
    for cp in range(MAXCP):
        n = unicodedata.name(chr(cp), None)
        if n is None:
            continue
        m = ALGO_RE.match(n)
        if m and int(m.group(2), 16) == cp and "%04X" % cp == m.group(2):
            if algo and algo[-1][2] == m.group(1) and algo[-1][1] == cp - 1:
                algo[-1][1] = cp
            else:
                algo.append([cp, cp, m.group(1)])
            continue
        if n.startswith(HANGUL):
            assert 0xAC00 <= cp <= 0xD7A3
            continue
        assert re.match(r"^[A-Z0-9][A-Z0-9 -]*[A-Z0-9]$", n) and "  " not in n, n
        explicit.append((cp, n))
    return explicit, algo


def read_extras():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "unicode_name_extras.txt")
    extras = []
    with open(path, encoding="ascii") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            hexes, name = line.rstrip("\n").split(";")
            cps = [int(h, 16) for h in hexes.split()]
            assert unicodedata.lookup(name) == "".join(map(chr, cps)), name
            extras.append((name, cps))
    extras.sort()
    return extras


class Lexicon:
    def __init__(self, all_names):
        freq = {}
        for n in all_names:
            for w in n.split(" "):
                freq[w] = freq.get(w, 0) + 1
        self.words = sorted(freq, key=lambda w: (-freq[w], w))
        self.ids = {w: i for i, w in enumerate(self.words)}
        n = len(self.words)
        self.one = max(b for b in range(256) if b + (256 - b) * 256 >= n)

    def code(self, w):
        i = self.ids[w]
        if i < self.one:
            return [i]
        i -= self.one
        return [self.one + (i >> 8), i & 0xFF]


def encode_stream(lex, names):
    """Front-coded word stream: (bytes, restart offsets)."""
    out, restarts, prev = [], [], []
    for k, n in enumerate(names):
        words = n.split(" ")
        shared = 0
        if k % NAME_RESTART == 0:
            restarts.append(len(out))
        else:
            while shared < min(len(prev), len(words), 15) and prev[shared] == words[shared]:
                shared += 1
        new = words[shared:]
        assert len(new) <= 15 and len(words) <= 30, n
        out.append(shared << 4 | len(new))
        for w in new:
            out.extend(lex.code(w))
        prev = words
    return out, restarts


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

def emit_array(w, ctype, name, items, per_line=12, fmt="%d"):
    w("static const %s %s[%d] = {" % (ctype, name, len(items)))
    for i, x in enumerate(items):
        w(("\n    " if i % per_line == 0 else " ") + (fmt % x) + ",")
    w("\n};\n")


def c_string(w, name, data):
    """A byte array written as a string literal (compact in the source)."""
    w("static const unsigned char %s[%d] =" % (name, len(data) + 1))
    line = ""
    for b in data:
        line += chr(b) if 32 <= b < 127 and chr(b) not in '\\"?' else "\\%03o" % b
        if len(line) >= 72:
            w('\n    "%s"' % line)
            line = ""
    w('\n    "%s";\n' % line)


def main():
    maps = mappings()
    runs = case_runs(maps)
    special = sorted((cp, kind, r) for kind, cp, r in maps if len(r) > 1)
    bidis, numerics, recs, rec_values = records_and_index()
    tags, dmap = decompositions()
    ddata, dvalues = pack_decompositions(dmap)
    longest = full_decomp_check(dmap)
    comp = compositions(dmap)
    explicit, algo = split_names()
    extras = read_extras()
    lead, vowel, trail = hangul_jamo()
    lex = Lexicon([n for _, n in explicit] + [n for n, _ in extras])
    stream, restarts = encode_stream(lex, [n for _, n in explicit])
    xstream, xrestarts = encode_stream(lex, [n for n, _ in extras])
    name_runs = []  # (first cp, first ordinal)
    for k, (cp, _) in enumerate(explicit):
        if not name_runs or explicit[k - 1][0] != cp - 1:
            name_runs.append((cp, k))
    by_name = sorted(range(len(explicit)), key=lambda k: explicit[k][1])
    seqs, xvalues = [], []
    for name, cps in extras:
        if len(cps) == 1:
            xvalues.append(cps[0])
        else:
            xvalues.append(0x80000000 | len(seqs))
            seqs.extend([len(cps)] + cps)
    longest_name = max(len(n) for n in [n for _, n in explicit] + [n for n, _ in extras] +
                       [a[2] + "%04X" % a[1] for a in algo] + [HANGUL + "GGWAELH"])

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
    w("\n/* Longest character name + 1; most code points in a named sequence or a\n"
      " * full (compatibility) decomposition. */\n")
    w("#define PE_UNI_NAME_MAX %d\n" % (longest_name + 1))
    w("#define PE_UNI_SEQ_MAX %d\n" % max(len(c) for _, c in extras))
    w("#define PE_UNI_DECOMP_MAX %d\n" % longest)
    w("/* Most code points in a one-level decomposition mapping. */\n")
    w("#define PE_UNI_DECOMP_ONE_MAX %d\n" % max(len(c) for _, c in dmap.values()))
    w("/* The first code point with a decomposition; the first that composes\n"
      " * with a preceding one (fast paths of normalize()). */\n")
    w("#define PE_UNI_DECOMP_FIRST 0x%x\n" % min(cp for cp in range(MAXCP) if dvalues[cp]))
    w("#define PE_UNI_COMP_SECOND_FIRST 0x%x\n" % min(c[1] for c in comp))
    w("\n/* A code point's properties (indexes into the name tables of unicode.c). */\n")
    w("typedef struct pe_uni_record {\n    uint16_t flags; /* PE_UF_* */\n"
      "    uint8_t category, bidi, combining, eaw, mirrored;\n"
      "    int8_t decimal, digit; /* -1: none */\n"
      "    uint8_t numeric;       /* index into pe_uni_numerics; 0: none */\n} pe_uni_record;\n")
    w("\n/* The tables: compiled by csrc/core/unicode.c only (the lookups). */\n")
    w("#ifdef PE_UNICODE_DB_TABLES\n")
    w("\n/* Flags of the ASCII code points (a direct lookup for the common case). */\n")
    emit_array(w, "uint16_t", "pe_uni_ascii_flags", [flags_of(cp) for cp in range(128)],
               10, "0x%x")

    w("\n/* ---- Properties ---- */\n")
    w("static const char pe_uni_category_names[%d][3] = {%s};\n"
      % (len(CATEGORIES), ", ".join('"%s"' % c for c in CATEGORIES)))
    w("static const char *const pe_uni_bidi_names[%d] = {%s};\n"
      % (len(bidis), ", ".join('"%s"' % b for b in bidis)))
    w("static const char pe_uni_eaw_names[%d][3] = {%s};\n"
      % (len(EAW), ", ".join('"%s"' % e for e in EAW)))
    w("/* numeric values: {numerator, denominator}; index 0: none */\n")
    w("static const int64_t pe_uni_numerics[%d][2] = {" % len(numerics))
    for i, f in enumerate(numerics):
        f = f or (0, 1)
        w(("\n    " if i % 6 == 0 else " ") + "{%dLL, %d}," % f)
    w("\n};\n")
    w("static const pe_uni_record pe_uni_records[%d] = {\n" % len(recs))
    for r in recs:
        w("    {0x%x, %d, %d, %d, %d, %d, %d, %d, %d},\n" % r)
    w("};\n")
    emit_three_level(w, "pe_uni_prop", rec_values)

    w("\n/* ---- Decompositions ---- */\n")
    w("static const char *const pe_uni_decomp_tags[%d] = {%s};\n"
      % (len(tags), ", ".join('"%s"' % t for t in tags)))
    emit_array(w, "uint16_t", "pe_uni_decomp", ddata, 12, "0x%x")
    emit_three_level(w, "pe_uni_dec", dvalues)
    w("\n/* Primary composites {first, second, composite}, sorted. */\n")
    w("static const uint32_t pe_uni_comp[%d][3] = {" % len(comp))
    for i, c in enumerate(comp):
        w(("\n    " if i % 4 == 0 else " ") + "{0x%x, 0x%x, 0x%x}," % c)
    w("\n};\n")

    w("\n/* ---- Names ---- */\n")
    words = []
    woff = []
    for i, wd in enumerate(lex.words):
        if i % 8 == 0:
            woff.append(len(words))
        b = list(wd.encode("ascii"))
        b[-1] |= 0x80
        words.extend(b)
    w("#define PE_UNI_ONE_BYTE_WORDS %d\n" % lex.one)
    w("#define PE_UNI_NAME_RESTART %d\n" % NAME_RESTART)
    c_string(w, "pe_uni_words", words)
    emit_array(w, "uint32_t", "pe_uni_word_off", woff, 10)
    c_string(w, "pe_uni_names", stream)
    emit_array(w, "uint32_t", "pe_uni_name_restart", restarts, 10)
    w("/* {first code point, first ordinal} of each run of consecutive names */\n")
    w("static const uint32_t pe_uni_name_runs[%d][2] = {" % len(name_runs))
    for i, r in enumerate(name_runs):
        w(("\n    " if i % 6 == 0 else " ") + "{0x%x, %d}," % r)
    w("\n};\n#define PE_UNI_NNAMES %d\n" % len(explicit))
    emit_array(w, "uint16_t", "pe_uni_name_sorted", by_name, 14)
    w("/* PREFIX-HEX names {first, last, prefix}; CJK UNIFIED IDEOGRAPH- is the\n"
      " * one CPython computes (its lookup() is case-sensitive, takes 4 or 5 hex\n"
      " * digits); the others are ordinary names. */\n")
    w("static const struct { uint32_t first, last; const char *prefix; } pe_uni_algo[%d] = {\n"
      % len(algo))
    for a in algo:
        w('    {0x%x, 0x%x, "%s"},\n' % tuple(a))
    w("};\n")
    for nm, lst in (("lead", lead), ("vowel", vowel), ("trail", trail)):
        w("static const char *const pe_uni_jamo_%s[%d] = {%s};\n"
          % (nm, len(lst), ", ".join('"%s"' % j for j in lst)))
    w("\n/* Aliases and named sequences, in name order; value: a code point, or\n"
      " * 0x80000000 | offset in pe_uni_seqs (count, then code points). */\n")
    w("#define PE_UNI_NEXTRAS %d\n" % len(extras))
    c_string(w, "pe_uni_extra_names", xstream)
    emit_array(w, "uint32_t", "pe_uni_extra_restart", xrestarts, 10)
    emit_array(w, "uint32_t", "pe_uni_extra_values", xvalues, 8, "0x%x")
    emit_array(w, "uint32_t", "pe_uni_seqs", seqs, 10, "0x%x")

    w("\n/* ---- Case mappings ---- */\n")
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
