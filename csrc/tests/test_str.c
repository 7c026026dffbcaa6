/*
 * test_str.c - unit tests of the str type (str.c, str_methods.c,
 * str_format.c). Expected values are CPython 3.11's. Linked with the
 * engine library (make check).
 */
#include <stdio.h>
#include <stdlib.h>

#include "str_impl.h"

static pe_state *S;
static int failures, checks;
static pe_val pool[256]; /* temporaries released after each check */
static int npool;

static pe_val keep(pe_val v) {
    if (npool < 256) pool[npool++] = v;
    return v;
}

static void release(void) {
    while (npool) pe_decref(S, pool[--npool]);
}

static pe_val mkstr(const char *s) {
    pe_val v;
    if (pe_str_from_cstr(S, s, &v)) abort();
    return keep(v);
}

static pe_val mktuple(int n, const pe_val *items) {
    pe_val t;
    if (pe_tuple_pack(S, (size_t)n, items, &t)) abort();
    return keep(t);
}

/* Text of the pending exception ("TypeError: msg"), cleared. */
static void exc_text(char *buf, size_t n) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    pe_tostr(S, S->exc, &sb);
    snprintf(buf, n, "%s: %.*s", pe_type_name(S->exc), (int)sb.len, sb.p);
    pe_sb_free(&sb);
    pe_exc_clear(S);
}

/* Compares repr(result) (or the exception text when r != 0) with want. */
static void expect(const char *what, int r, pe_val result, const char *want) {
    char got[1024];
    checks++;
    if (r) {
        exc_text(got, sizeof got);
    } else {
        pe_sb sb;
        pe_sb_init(&sb, S);
        if (pe_repr(S, result, &sb)) exc_text(got, sizeof got);
        else snprintf(got, sizeof got, "%.*s", (int)sb.len, sb.p);
        pe_sb_free(&sb);
        pe_decref(S, result);
    }
    if (strcmp(got, want) != 0) {
        failures++;
        printf("FAIL %s\n  got:  %s\n  want: %s\n", what, got, want);
    }
    release();
}

static const pe_cfunc *find_method(const char *name) {
    for (const pe_cfunc *m = pe_ps_str_methods; m->name; m++)
        if (strcmp(m->name, name) == 0) return m;
    printf("no method %s\n", name);
    abort();
}

#define ARGS(...) ((pe_val[]){__VA_ARGS__}), (int)(sizeof((pe_val[]){__VA_ARGS__}) / sizeof(pe_val))
#define NOARGS NULL, 0

/* s.meth(*argv) */
static void tcall(const char *meth, const char *self, const pe_val *argv, int argc, const char *want) {
    pe_val out = pe_undef(), s = mkstr(self);
    int r = find_method(meth)->fn(S, s, argc, argv, NULL, &out);
    char what[256];
    snprintf(what, sizeof what, "%.40s.%s(...)", self, meth);
    expect(what, r, out, want);
}

/* s.meth(*pos, **kw) with keyword names */
static void tcall_kw(const char *meth, const char *self, const pe_val *argv, int argc, int nkw,
                     const char *const *names, const char *want) {
    pe_val kn[4];
    for (int i = 0; i < nkw; i++) kn[i] = mkstr(names[i]);
    pe_val kwt = mktuple(nkw, kn);
    pe_val out = pe_undef(), s = mkstr(self);
    int r = find_method(meth)->fn(S, s, argc, argv, kwt.u.o, &out);
    char what[256];
    snprintf(what, sizeof what, "%.40s.%s(..kw)", self, meth);
    expect(what, r, out, want);
}

static void tbinop(int op, pe_val a, pe_val b, const char *want) {
    pe_val out = pe_undef();
    int r = pe_type_str.binop(S, op, a, b, &out);
    if (r == PE_NOTIMPL) {
        checks++;
        if (strcmp(want, "NotImplemented")) {
            failures++;
            printf("FAIL binop: NotImplemented, want %s\n", want);
        }
        release();
        return;
    }
    expect("binop", r, out, want);
}

static void trepr(const char *s, const char *want) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    pe_str_repr(S, PE_STR(mkstr(s)), &sb);
    pe_val v;
    pe_sb_to_str(&sb, &v);
    pe_sb_init(&sb, S);
    pe_sb_putn(&sb, PE_STR(v)->data, PE_STR(v)->len);
    checks++;
    if (sb.len != strlen(want) || memcmp(sb.p, want, sb.len)) {
        failures++;
        printf("FAIL repr(%s)\n  got:  %.*s\n  want: %s\n", s, (int)sb.len, sb.p, want);
    }
    pe_sb_free(&sb);
    pe_decref(S, v);
    release();
}

static void tliteral(const char *body, bool raw, const char *want) {
    pe_val out = pe_undef();
    const char *em;
    size_t off;
    int r = pe_str_decode_literal(S, body, strlen(body), raw, &out, &em, &off);
    if (r && em) {
        char got[512];
        snprintf(got, sizeof got, "SyntaxError: %s", em);
        pe_decref(S, out);
        checks++;
        if (strcmp(got, want)) {
            failures++;
            printf("FAIL literal %s\n  got:  %s\n  want: %s\n", body, got, want);
        }
        return;
    }
    expect(body, r, out, want);
}

static void tformat(pe_val v, const char *spec, const char *want) {
    pe_val out;
    int r = pe_format_value(S, v, 0, mkstr(spec), &out);
    expect(spec, r, out, want);
}

static void tconv(pe_val v, int conv, const char *want) {
    pe_val out;
    int r = pe_format_value(S, v, conv, pe_undef(), &out);
    expect("conv", r, out, want);
}

static void tgetitem(const char *s, pe_val key, const char *want) {
    pe_val out = pe_undef();
    int r = pe_type_str.getitem(S, mkstr(s), key, &out);
    expect(s, r, out, want);
}

static pe_val slice(pe_val a, pe_val b, pe_val c) {
    pe_val v;
    if (pe_slice_new(S, a, b, c, &v)) abort();
    return keep(v);
}

static void test_repr(void) {
    trepr("abc", "'abc'");
    trepr("it's", "\"it's\"");
    trepr("say \"hi\"", "'say \"hi\"'");
    trepr("both ' and \"", "'both \\' and \"'");
    trepr("\\", "'\\\\'");
    trepr("\t\n\r\x01\x7f", "'\\t\\n\\r\\x01\\x7f'");
    trepr("\xc3\xa9\xc2\xa0\xe2\x80\xa8\xf0\x9f\x98\x80\xf3\xa0\x80\x81",
          "'\xc3\xa9\\xa0\\u2028\xf0\x9f\x98\x80\\U000e0001'");
    trepr("", "''");
}

static void test_case(void) {
    tcall("upper", "abc\xc3\x9f", NOARGS, "'ABCSS'");
    tcall("lower", "\xce\x91\xce\xa3", NOARGS, "'\xce\xb1\xcf\x82'");           /* ΑΣ -> ας */
    tcall("lower", "\xce\x91\xce\xa3\xce\xb1", NOARGS, "'\xce\xb1\xcf\x83\xce\xb1'");
    tcall("title", "they're bill's", NOARGS, "\"They'Re Bill'S\"");
    tcall("capitalize", "hELLO wORLD", NOARGS, "'Hello world'");
    tcall("swapcase", "Hello", NOARGS, "'hELLO'");
    tcall("casefold", "Stra\xc3\x9f" "e", NOARGS, "'strasse'");
    tcall("upper", "a", ARGS(pe_int(1)), "TypeError: str.upper() takes no arguments (1 given)");
    tcall("title", "\xc7\x86" "a", NOARGS, "'\xc7\x85" "a'"); /* ǆa -> ǅa */
    tcall("upper", "\xef\xac\x81", NOARGS, "'FI'");            /* ﬁ */
    tcall("isupper", "ABC1", NOARGS, "True");
    tcall("islower", "abc1", NOARGS, "True");
    tcall("istitle", "Ab Cd", NOARGS, "True");
    tcall("istitle", "AB", NOARGS, "False");
    tcall("isdigit", "\xc2\xb2", NOARGS, "True");
    tcall("isdecimal", "\xc2\xb2", NOARGS, "False");
    tcall("isnumeric", "\xe4\xb8\x80", NOARGS, "True");
    tcall("isidentifier", "\xc3\xa9t\xc3\xa9_1", NOARGS, "True");
    tcall("isidentifier", "1a", NOARGS, "False");
    tcall("isprintable", "", NOARGS, "True");
    tcall("isspace", "\xe3\x80\x80 ", NOARGS, "True");
    tcall("isascii", "\xc3\xa9", NOARGS, "False");
    tcall("isalnum", "", NOARGS, "False");
}

static void test_search(void) {
    tcall("find", "abcabc", ARGS(mkstr("c"), pe_int(-2)), "5");
    tcall("find", "abcabc", ARGS(mkstr("c"), pe_int(1), pe_int(-3)), "2");
    tcall("find", "abc", ARGS(mkstr(""), pe_int(4)), "-1");
    tcall("rfind", "abc", ARGS(mkstr("")), "3");
    tcall("find", "\xc3\xa9\xc3\xa0\xc3\xbc", ARGS(mkstr("\xc3\xa0")), "1");
    tcall("rfind", "\xc3\xa9\xc3\xa0\xc3\xbc", ARGS(mkstr("\xc3\xbc"), pe_int(-1)), "2");
    tcall("index", "abc", ARGS(mkstr("c"), pe_int(0), pe_int(2)), "ValueError: substring not found");
    tcall("find", "a", NOARGS, "TypeError: find() takes at least 1 argument (0 given)");
    tcall("find", "a", ARGS(pe_int(1)), "TypeError: must be str, not int");
    tcall("find", "a", ARGS(mkstr("a"), mkstr("x")),
          "TypeError: slice indices must be integers or None or have an __index__ method");
    tcall("count", "aaaa", ARGS(mkstr("aa")), "2");
    tcall("count", "abc", ARGS(mkstr("")), "4");
    tcall("count", "abc", ARGS(mkstr(""), pe_int(5)), "0");
    tcall("startswith", "abc", ARGS(mkstr(""), pe_int(3)), "True");
    tcall("startswith", "abc", ARGS(mkstr(""), pe_int(4)), "False");
    tcall("endswith", "abc", ARGS(mktuple(2, (pe_val[]){mkstr("x"), mkstr("c")})), "True");
    tcall("startswith", "abc", ARGS(pe_int(1)),
          "TypeError: startswith first arg must be str or a tuple of str, not int");
    tcall("startswith", "abc", ARGS(mktuple(1, (pe_val[]){pe_int(1)})),
          "TypeError: tuple for startswith must only contain str, not int");
}

static void test_split_strip(void) {
    tcall("split", "  a b  c  ", ARGS(pe_none(), pe_int(1)), "['a', 'b  c  ']");
    tcall("rsplit", "  a b  c  ", ARGS(pe_none(), pe_int(1)), "['  a b', 'c']");
    tcall("split", "a,b,,c", ARGS(mkstr(",")), "['a', 'b', '', 'c']");
    tcall("rsplit", "a,b,,c", ARGS(mkstr(","), pe_int(2)), "['a,b', '', 'c']");
    tcall("split", "", NOARGS, "[]");
    tcall("split", "a\xe2\x80\xa8" "b\x1c" "c\xc2\x85" "d", NOARGS, "['a', 'b', 'c', 'd']");
    tcall("split", "a", ARGS(mkstr("")), "ValueError: empty separator");
    tcall("split", "a", ARGS(pe_int(1)), "TypeError: must be str or None, not int");
    static const char *const sep_ms[] = {"sep", "maxsplit", "x"};
    tcall_kw("split", "a b c", ARGS(pe_none(), pe_int(1)), 2, sep_ms, "['a', 'b c']");
    tcall_kw("split", "a", ARGS(pe_none(), pe_int(1), pe_int(1)), 3, sep_ms,
             "TypeError: split() takes at most 2 keyword arguments (3 given)");
    tcall_kw("split", "a", ARGS(mkstr("a"), mkstr("b")), 1, sep_ms,
             "TypeError: argument for split() given by name ('sep') and position (1)");
    static const char *const xk[] = {"x"};
    tcall_kw("split", "a", ARGS(pe_int(1)), 1, xk, "TypeError: 'x' is an invalid keyword argument for split()");
    tcall("splitlines", "a\nb\r\nc\rd\x0b" "e\xe2\x80\xa9" "f", NOARGS, "['a', 'b', 'c', 'd', 'e', 'f']");
    tcall("splitlines", "a\nb\r\nc\r", ARGS(pe_bool(1)), "['a\\n', 'b\\r\\n', 'c\\r']");
    tcall("strip", "  \t\n x \x0b\x1c", NOARGS, "'x'");
    tcall("strip", "xyzzy", ARGS(mkstr("xy")), "'zz'");
    tcall("lstrip", "\xc3\xa9\xc3\xa9" "a\xc3\xa9", ARGS(mkstr("\xc3\xa9")), "'a\xc3\xa9'");
    tcall("strip", "a", ARGS(pe_int(1)), "TypeError: strip arg must be None or str");
    tcall("strip", "a", ARGS(mkstr("a"), mkstr("b")), "TypeError: strip expected at most 1 argument, got 2");
    tcall("partition", "a.b.c", ARGS(mkstr(".")), "('a', '.', 'b.c')");
    tcall("rpartition", "a.b.c", ARGS(mkstr(".")), "('a.b', '.', 'c')");
    tcall("partition", "abc", ARGS(mkstr("x")), "('abc', '', '')");
    tcall("rpartition", "abc", ARGS(mkstr("x")), "('', '', 'abc')");
}

static void test_misc_methods(void) {
    tcall("join", "-", ARGS(mktuple(3, (pe_val[]){mkstr("a"), mkstr("\xc3\xa9"), mkstr("c")})), "'a-\xc3\xa9-c'");
    tcall("join", "-", ARGS(mktuple(2, (pe_val[]){mkstr("a"), pe_int(2)})),
          "TypeError: sequence item 1: expected str instance, int found");
    tcall("join", "x", ARGS(mkstr("abc")), "'axbxc'");
    tcall("join", "x", ARGS(pe_int(1)), "TypeError: can only join an iterable");
    tcall("replace", "abc", ARGS(mkstr(""), mkstr("-")), "'-a-b-c-'");
    tcall("replace", "abc", ARGS(mkstr(""), mkstr("-"), pe_int(2)), "'-a-bc'");
    tcall("replace", "aaa", ARGS(mkstr("aa"), mkstr("b")), "'ba'");
    tcall("replace", "a", ARGS(pe_int(1), mkstr("b")), "TypeError: replace() argument 1 must be str, not int");
    tcall("replace", "a", ARGS(mkstr("a")), "TypeError: replace expected at least 2 arguments, got 1");
    tcall("center", "abc", ARGS(pe_int(6), mkstr("*")), "'*abc**'");
    tcall("center", "ab", ARGS(pe_int(5), mkstr("*")), "'**ab*'");
    tcall("center", "a", ARGS(pe_int(5), mkstr("ab")), "TypeError: The fill character must be exactly one character long");
    tcall("center", "a", ARGS(pe_int(5), pe_int(1)),
          "TypeError: The fill character must be a unicode character, not int");
    tcall("center", "a", NOARGS, "TypeError: center expected at least 1 argument, got 0");
    tcall("ljust", "\xc3\xa9", ARGS(pe_int(3), mkstr("\xc3\xbc")), "'\xc3\xa9\xc3\xbc\xc3\xbc'");
    tcall("rjust", "a", ARGS(mkstr("x")), "TypeError: 'str' object cannot be interpreted as an integer");
    tcall("zfill", "-42", ARGS(pe_int(6)), "'-00042'");
    tcall("zfill", "--42", ARGS(pe_int(6)), "'-00-42'");
    tcall("zfill", "a", NOARGS, "TypeError: str.zfill() takes exactly one argument (0 given)");
    tcall("expandtabs", "12\t34\t\t5", ARGS(pe_int(3)), "'12 34    5'");
    tcall("expandtabs", "a\tb", NOARGS, "'a       b'");
    tcall("removeprefix", "abc", ARGS(mkstr("ab")), "'c'");
    tcall("removesuffix", "abc", ARGS(pe_int(1)), "TypeError: removesuffix() argument must be str, not int");
}

static void test_binops(void) {
    tbinop(PE_BO_ADD, mkstr("ab"), mkstr("\xc3\xa9"), "'ab\xc3\xa9'");
    tbinop(PE_BO_ADD, mkstr("a"), pe_int(1), "TypeError: can only concatenate str (not \"int\") to str");
    tbinop(PE_BO_ADD, pe_int(1), mkstr("a"), "NotImplemented");
    tbinop(PE_BO_MUL, mkstr("ab"), pe_int(3), "'ababab'");
    tbinop(PE_BO_MUL, pe_int(2), mkstr("\xc3\xa9"), "'\xc3\xa9\xc3\xa9'");
    tbinop(PE_BO_MUL, mkstr("ab"), pe_int(-1), "''");
    tbinop(PE_BO_MUL, mkstr("ab"), pe_bool(1), "'ab'");
    tbinop(PE_BO_MUL, mkstr("a"), pe_float(1.5), "TypeError: can't multiply sequence by non-int of type 'float'");
    tbinop(PE_BO_MUL, pe_float(1.5), mkstr("a"), "TypeError: can't multiply sequence by non-int of type 'float'");
    tbinop(PE_BO_MUL, mkstr("ab"), pe_int(INT64_MAX / 2 + 1), "OverflowError: repeated string is too long");
    tbinop(PE_BO_SUB, mkstr("a"), mkstr("b"), "NotImplemented");
}

static void test_percent(void) {
    tbinop(PE_BO_MOD, mkstr("%5s|%-5s|"), mktuple(2, (pe_val[]){mkstr("a"), mkstr("b")}), "'    a|b    |'");
    tbinop(PE_BO_MOD, mkstr("%#08x"), pe_int(-255), "'-0x000ff'");
    tbinop(PE_BO_MOD, mkstr("%-+05d|"), pe_int(3), "'+3   |'");
    tbinop(PE_BO_MOD, mkstr("%8.5d|"), pe_int(-42), "'  -00042|'");
    tbinop(PE_BO_MOD, mkstr("%010.3f"), pe_float(-3.14159), "'-00003.142'");
    tbinop(PE_BO_MOD, mkstr("%.0e"), pe_int(12345), "'1e+04'");
    tbinop(PE_BO_MOD, mkstr("%c%c"), mktuple(2, (pe_val[]){pe_int(233), mkstr("x")}), "'\xc3\xa9x'");
    tbinop(PE_BO_MOD, mkstr("%.1s|"), mkstr("\xc3\xa9" "a"), "'\xc3\xa9|'");
    tbinop(PE_BO_MOD, mkstr("%*.*f|"), mktuple(3, (pe_val[]){pe_int(8), pe_int(2), pe_float(3.14159)}), "'    3.14|'");
    tbinop(PE_BO_MOD, mkstr("%d %d"), mktuple(1, (pe_val[]){pe_int(1)}),
           "TypeError: not enough arguments for format string");
    tbinop(PE_BO_MOD, mkstr("%d"), mktuple(2, (pe_val[]){pe_int(1), pe_int(2)}),
           "TypeError: not all arguments converted during string formatting");
    tbinop(PE_BO_MOD, mkstr("%q"), pe_int(1), "ValueError: unsupported format character 'q' (0x71) at index 1");
    tbinop(PE_BO_MOD, mkstr("\xc3\xa9%\xc3\xa9"), pe_int(1),
           "ValueError: unsupported format character '?' (0xe9) at index 2");
    tbinop(PE_BO_MOD, mkstr("%d"), mkstr("a"), "TypeError: %d format: a real number is required, not str");
    tbinop(PE_BO_MOD, mkstr("%x"), pe_float(1.5), "TypeError: %x format: an integer is required, not float");
    tbinop(PE_BO_MOD, mkstr("%z"), mktuple(0, NULL), "TypeError: not enough arguments for format string");
    tbinop(PE_BO_MOD, mkstr("abc%"), mktuple(0, NULL), "ValueError: incomplete format");
    tbinop(PE_BO_MOD, mkstr("%(a)s"), pe_int(1), "TypeError: format requires a mapping");
    tbinop(PE_BO_MOD, mkstr("%d%%"), pe_int(50), "'50%'");
    tbinop(PE_BO_MOD, mkstr("%s"), mktuple(1, (pe_val[]){mktuple(2, (pe_val[]){pe_int(1), pe_int(2)})}), "'(1, 2)'");
    tbinop(PE_BO_MOD, mkstr(""), pe_int(5), "TypeError: not all arguments converted during string formatting");
    tbinop(PE_BO_MOD, mkstr("%c"), pe_int(-1), "OverflowError: %c arg not in range(0x110000)");
    tbinop(PE_BO_MOD, mkstr("%d"), pe_float(-3.99), "'-3'");
    tbinop(PE_BO_MOD, mkstr("%r"), mkstr("a"), "\"'a'\"");
    tbinop(PE_BO_MOD, mkstr("%a"), mkstr("\xc3\xa9"), "\"'\\\\xe9'\"");
}

static void test_format(void) {
    tformat(mkstr("ab"), "^9", "'   ab    '");
    tformat(mkstr("\xc3\xa9"), ">3", "'  \xc3\xa9'");
    tformat(pe_int(1234567), ",", "'1,234,567'");
    tformat(pe_float(3.14159), "08.2f", "'00003.14'");
    tformat(pe_bool(1), "", "'True'");
    tformat(pe_bool(1), ">6", "'     1'");
    tformat(pe_none(), "x", "TypeError: unsupported format string passed to NoneType.__format__");
    tformat(pe_none(), "", "'None'");
    tconv(mkstr("\xc3\xa9"), 'a', "\"'\\\\xe9'\"");
    tconv(mkstr("a"), 'r', "\"'a'\"");
    pe_val parts[3] = {mkstr("a"), mkstr("\xc3\xa9"), mkstr("")}, out;
    int r = pe_str_join_n(S, 3, parts, &out);
    expect("join_n", r, out, "'a\xc3\xa9'");

    tcall("format", "{0}{1}{0}", ARGS(mkstr("a"), mkstr("b")), "'aba'");
    tcall("format", "{:{}}|", ARGS(mkstr("a"), pe_int(3)), "'a  |'");
    tcall("format", "{0[1]}", ARGS(mktuple(2, (pe_val[]){pe_int(1), pe_int(2)})), "'2'");
    tcall("format", "{0!r:>5}", ARGS(mkstr("a")), "\"  'a'\"");
    tcall("format", "{{}}{}", ARGS(pe_int(7)), "'{}7'");
    tcall("format", "{}", NOARGS, "IndexError: Replacement index 0 out of range for positional args tuple");
    tcall("format", "{0}{}", ARGS(pe_int(1), pe_int(2)),
          "ValueError: cannot switch from manual field specification to automatic field numbering");
    tcall("format", "{}{0}", ARGS(pe_int(1), pe_int(2)),
          "ValueError: cannot switch from automatic field numbering to manual field specification");
    tcall("format", "}", NOARGS, "ValueError: Single '}' encountered in format string");
    tcall("format", "{", NOARGS, "ValueError: Single '{' encountered in format string");
    tcall("format", "{0", NOARGS, "ValueError: expected '}' before end of string");
    tcall("format", "{!x}", ARGS(pe_int(1)), "ValueError: Unknown conversion specifier x");
    tcall("format", "{0!}", ARGS(pe_int(1)), "ValueError: unmatched '{' in format spec");
    tcall("format", "{:{:{}}}", ARGS(pe_int(1), pe_int(2), pe_int(3)), "ValueError: Max string recursion exceeded");
    tcall("format", "{a}", NOARGS, "KeyError: 'a'");
    tcall("format", "{0[}", ARGS(pe_int(1)), "ValueError: expected '}' before end of string");
    tcall("format", "{0[0]x}", ARGS(mktuple(1, (pe_val[]){pe_int(1)})),
          "ValueError: Only '.' or '[' may follow ']' in format field specifier");
    static const char *const wp[] = {"w", "p"};
    tcall_kw("format", "{:{w}.{p}f}", ARGS(pe_float(3.14159), pe_int(10), pe_int(2)), 2, wp, "'      3.14'");
}

static void test_index_slice(void) {
    tgetitem("\xc3\xa9\xc3\xa0\xc3\xbc", pe_int(-1), "'\xc3\xbc'");
    tgetitem("abc", pe_int(3), "IndexError: string index out of range");
    tgetitem("abc", pe_float(1.5), "TypeError: string indices must be integers, not 'float'");
    tgetitem("abc", pe_bool(1), "'b'");
    tgetitem("abcdef", slice(pe_int(1), pe_int(5), pe_int(2)), "'bd'");
    tgetitem("abc", slice(pe_none(), pe_none(), pe_int(-1)), "'cba'");
    tgetitem("\xc3\xa9\xc3\xa0\xc3\xbc" "x", slice(pe_none(), pe_none(), pe_int(-1)), "'x\xc3\xbc\xc3\xa0\xc3\xa9'");
    tgetitem("\xc3\xa9\xc3\xa0\xc3\xbc" "x", slice(pe_int(1), pe_int(3), pe_none()), "'\xc3\xa0\xc3\xbc'");
    tgetitem("\xc3\xa9" "a\xc3\xa0" "b\xc3\xbc", slice(pe_none(), pe_none(), pe_int(2)), "'\xc3\xa9\xc3\xa0\xc3\xbc'");
    checks++;
    int c = pe_type_str.contains(S, mkstr("abc"), pe_int(1));
    char got[256] = "";
    if (c < 0) exc_text(got, sizeof got);
    if (strcmp(got, "TypeError: 'in <string>' requires string as left operand, not int")) {
        failures++;
        printf("FAIL contains: %s\n", got);
    }
    release();
}

static void test_literals(void) {
    tliteral("a\\tb\\n\\x41\\u00e9\\U0001F600\\101\\q", false, "'a\\tb\\nA\xc3\xa9\xf0\x9f\x98\x80" "A\\\\q'");
    tliteral("a\\\nb", false, "'ab'");
    tliteral("\\777", false, "'\xc7\xbf'");
    tliteral("a\\tb", true, "'a\\\\tb'");
    tliteral("\\x", false,
             "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated \\xXX escape");
    tliteral("ab\\x4g", false,
             "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape");
    tliteral("\xc3\xa9\\x4", false,
             "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 10-12: truncated \\xXX escape");
    tliteral("\\U00110000", false,
             "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character");
    tliteral("a\\N{}", false,
             "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 1-3: malformed \\N character escape");
    tliteral("\\N{BULLET", false,
             "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-8: malformed \\N character escape");
}

static void test_chr_ord(void) {
    pe_val out;
    int r = pe_chr(S, 0x1f600, &out);
    expect("chr", r, out, "'\xf0\x9f\x98\x80'");
    r = pe_chr(S, 0x110000, &out);
    expect("chr", r, out, "ValueError: chr() arg not in range(0x110000)");
    r = pe_ord(S, mkstr("\xc3\xa9"), &out);
    expect("ord", r, out, "233");
    r = pe_ord(S, mkstr("ab"), &out);
    expect("ord", r, out, "TypeError: ord() expected a character, but string of length 2 found");
    r = pe_ord(S, pe_int(1), &out);
    expect("ord", r, out, "TypeError: ord() expected string of length 1, but int found");
}

static void test_call(void) {
    pe_val out;
    int r = pe_type_str.call(S, pe_undef(), 0, NULL, NULL, &out);
    expect("str()", r, out, "''");
    pe_val kn = mktuple(1, (pe_val[]){mkstr("foo")});
    pe_val args[1] = {pe_int(1)};
    r = pe_type_str.call(S, pe_undef(), 1, args, kn.u.o, &out);
    expect("str(foo=1)", r, out, "TypeError: 'foo' is an invalid keyword argument for str()");
    pe_val a2[2] = {pe_int(1), mkstr("utf-8")};
    pe_val kn2 = mktuple(1, (pe_val[]){mkstr("encoding")});
    r = pe_type_str.call(S, pe_undef(), 2, a2, kn2.u.o, &out);
    expect("str(1, encoding=)", r, out, "TypeError: decoding to str: need a bytes-like object, int found");
}

/* In-place appends: content, code point counts and exact memory accounting. */
static void test_concat_inplace(void) {
    size_t base = S->mem_used;
    pe_val a;
    if (pe_str_from_cstr(S, "x", &a)) abort();
    pe_val piece, other;
    if (pe_str_from_cstr(S, "\xc3\xa9y", &piece)) abort();
    for (int i = 0; i < 3000; i++)
        if (pe_str_concat_inplace(S, &a, piece, true)) abort();
    pe_incref(a); /* shared now: must fall back to a copy */
    other = a;
    if (pe_str_concat_inplace(S, &a, piece, true)) abort();
    checks++;
    const pe_str *s = PE_STR(a), *o = PE_STR(other);
    if (s == o || s->len != 1 + 3001 * 3 || s->nchars != 1 + 3001 * 2 || s->ascii ||
        o->len != 1 + 3000 * 3 || memcmp(s->data + s->len - 3, "\xc3\xa9y", 3) ||
        s->data[s->len] != 0 || pe_utf8_count(s->data, s->len) != s->nchars) {
        failures++;
        printf("FAIL concat_inplace\n");
    }
    pe_decref(S, a);
    pe_decref(S, other);
    pe_decref(S, piece);
    checks++;
    if (S->mem_used != base) {
        failures++;
        printf("FAIL concat_inplace accounting: %zu != %zu\n", S->mem_used, base);
    }
}

int main(void) {
    S = pe_state_new();
    if (!S) return 2;
    test_repr();
    test_case();
    test_search();
    test_split_strip();
    test_misc_methods();
    test_binops();
    test_percent();
    test_format();
    test_index_slice();
    test_literals();
    test_chr_ord();
    test_call();
    test_concat_inplace();
    pe_state_free(S);
    printf("test_str: %d checks, %d failures\n", checks, failures);
    return failures != 0;
}
