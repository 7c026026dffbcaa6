/*
 * test_numfmt.c - command driver for floatobj.c / numfmt.c.
 *
 *   test_numfmt -      read commands from stdin, one result line each
 *   test_numfmt        run a small built-in self-test (used by make check)
 *
 * Commands (BITS = a double's bits as 16 hex digits; xHEX = a string as
 * 'x' followed by the hex of its UTF-8 bytes, so any text fits on a line):
 *   repr BITS             -> OK <repr>
 *   parse xHEX            -> OK BITS | INVALID
 *   round BITS N          -> OK BITS
 *   round0 BITS           -> OK <decimal int>
 *   div|floordiv|mod|pow BITS BITS -> OK BITS
 *   divmod BITS BITS      -> OK BITS BITS
 *   hash BITS             -> OK <int64>
 *   format BITS xSPEC     -> OK xHEX       (format(float, spec))
 *   formatint INT xSPEC   -> OK xHEX       (INT decimal, or True / False)
 *   formatstr xHEX xSPEC  -> OK xHEX
 * Errors print "ERR <ExceptionType> xHEX(message)".
 *
 * Linked with the engine library (make build/<cfg>/tests/test_numfmt; the
 * pytest suite uses the asan build).
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe_vm.h"

static int drv_exc(pe_state *S, const char **type, const char **msg, size_t *len) {
    static char buf[4096]; /* test program only */
    if (S->exc.tag == PE_TUNDEF) return 0;
    pe_val exc = S->exc;
    pe_sb sb;
    pe_sb_init(&sb, S);
    S->exc = pe_undef();
    pe_exc_str(S, exc, &sb);
    size_t n = sb.len < sizeof buf ? sb.len : sizeof buf;
    memcpy(buf, sb.p, n);
    pe_sb_free(&sb);
    S->exc = exc;
    *type = pe_typeof(exc)->name;
    *msg = buf;
    *len = n;
    return 1;
}

static int drv_int_from_decimal(pe_state *S, const char *s, pe_val *out) {
    return pe_int_from_str(S, s, strlen(s), 10, out);
}

static void drv_decref(pe_state *S, pe_val v) { pe_decref(S, v); }

/* ------------------------------------------------------------------ */

static double bits_to_double(const char *hex) {
    uint64_t b = strtoull(hex, NULL, 16);
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

static void print_bits(double d) {
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    printf("%016" PRIx64, b);
}

static void print_hex(const char *s, size_t n) {
    putchar('x');
    for (size_t i = 0; i < n; i++) printf("%02x", (unsigned char)s[i]);
}

/* Decodes "xHEX" in place; returns the byte length (or 0 if malformed). */
static size_t unhex(char *s) {
    size_t n = 0;
    if (s[0] != 'x') return 0;
    for (const char *p = s + 1; p[0] && p[1]; p += 2) {
        unsigned v;
        if (sscanf(p, "%2x", &v) != 1) return 0;
        s[n++] = (char)v;
    }
    s[n] = '\0';
    return n;
}

static void report_error(pe_state *S) {
    const char *type = "?", *msg = "";
    size_t len = 0;
    if (!drv_exc(S, &type, &msg, &len)) {
        printf("ERR NoExceptionSet x\n");
        return;
    }
    printf("ERR %s ", type);
    print_hex(msg, len);
    putchar('\n');
    pe_exc_clear(S);
}

static void print_sb(pe_state *S, int r, pe_sb *sb) {
    if (r) {
        report_error(S);
    } else {
        printf("OK ");
        print_hex(sb->p, sb->len);
        putchar('\n');
    }
    pe_sb_free(sb);
}

/* ------------------------------------------------------------------ */
/* Commands                                                            */
/* ------------------------------------------------------------------ */

static void cmd_arith(pe_state *S, const char *op, double a, double b) {
    double r = 0, r2 = 0;
    int rc;
    if (!strcmp(op, "div"))
        rc = pe_float_div(S, a, b, &r);
    else if (!strcmp(op, "floordiv"))
        rc = pe_float_floordiv(S, a, b, &r);
    else if (!strcmp(op, "mod"))
        rc = pe_float_mod(S, a, b, &r);
    else if (!strcmp(op, "pow"))
        rc = pe_float_pow(S, a, b, &r);
    else
        rc = pe_float_divmod(S, a, b, &r, &r2);
    if (rc) {
        report_error(S);
        return;
    }
    printf("OK ");
    print_bits(r);
    if (!strcmp(op, "divmod")) {
        putchar(' ');
        print_bits(r2);
    }
    putchar('\n');
}

static void cmd_round0(pe_state *S, double x) {
    pe_val v;
    if (pe_float_round0(S, x, &v)) {
        report_error(S);
        return;
    }
    pe_sb sb;
    pe_sb_init(&sb, S);
    int r = pe_int_to_str(S, v, 10, false, &sb);
    if (!r) r = pe_sb_putc(&sb, '\0');
    if (r)
        report_error(S);
    else
        printf("OK %s\n", sb.p);
    pe_sb_free(&sb);
    drv_decref(S, v);
}

static void cmd_format_float(pe_state *S, double x, char *spec) {
    size_t n = unhex(spec);
    pe_fmtspec fs;
    pe_sb sb;
    pe_sb_init(&sb, S);
    int r = pe_fmtspec_parse(S, spec, n, "float", 0, &fs);
    if (!r) r = pe_format_float(S, x, &fs, &sb);
    print_sb(S, r, &sb);
}

static void cmd_format_int(pe_state *S, const char *num, char *spec) {
    size_t n = unhex(spec);
    pe_val v;
    bool is_bool = !strcmp(num, "True") || !strcmp(num, "False");
    if (is_bool)
        v = pe_bool(num[0] == 'T');
    else if (drv_int_from_decimal(S, num, &v)) {
        report_error(S);
        return;
    }
    pe_fmtspec fs;
    pe_sb sb;
    pe_sb_init(&sb, S);
    int r = pe_fmtspec_parse(S, spec, n, is_bool ? "bool" : "int", 'd', &fs);
    if (!r) r = pe_format_int(S, v, &fs, &sb);
    print_sb(S, r, &sb);
    drv_decref(S, v);
}

static void cmd_format_str(pe_state *S, char *str, char *spec) {
    size_t sn = unhex(str), n = unhex(spec);
    pe_val v;
    if (pe_str_new(S, str, sn, &v)) {
        report_error(S);
        return;
    }
    pe_fmtspec fs;
    pe_sb sb;
    pe_sb_init(&sb, S);
    int r = pe_fmtspec_parse(S, spec, n, "str", 's', &fs);
    if (!r) r = pe_format_str(S, PE_STR(v), &fs, &sb);
    print_sb(S, r, &sb);
    drv_decref(S, v);
}

static void cmd_parse(char *arg) {
    size_t n = unhex(arg);
    double d;
    if (pe_parse_double(arg, n, &d)) {
        printf("INVALID\n");
        return;
    }
    printf("OK ");
    print_bits(d);
    putchar('\n');
}

static void run_command(pe_state *S, char *line) {
    char *tok[4] = {0};
    int nt = 0;
    for (char *p = strtok(line, " \t\r\n"); p && nt < 4; p = strtok(NULL, " \t\r\n"))
        tok[nt++] = p;
    if (nt == 0) return;
    const char *c = tok[0];
    if (!strcmp(c, "repr") && nt == 2) {
        char buf[32];
        pe_fmt_double_repr(bits_to_double(tok[1]), buf);
        printf("OK %s\n", buf);
    } else if (!strcmp(c, "parse") && nt == 2) {
        cmd_parse(tok[1]);
    } else if (!strcmp(c, "round") && nt == 3) {
        double r;
        if (pe_float_round(S, bits_to_double(tok[1]), strtoll(tok[2], NULL, 10), &r)) {
            report_error(S);
        } else {
            printf("OK ");
            print_bits(r);
            putchar('\n');
        }
    } else if (!strcmp(c, "round0") && nt == 2) {
        cmd_round0(S, bits_to_double(tok[1]));
    } else if (!strcmp(c, "hash") && nt == 2) {
        printf("OK %" PRId64 "\n", pe_float_hash(bits_to_double(tok[1])));
    } else if (nt == 3 && (!strcmp(c, "div") || !strcmp(c, "floordiv") || !strcmp(c, "mod") ||
                           !strcmp(c, "pow") || !strcmp(c, "divmod"))) {
        cmd_arith(S, c, bits_to_double(tok[1]), bits_to_double(tok[2]));
    } else if (!strcmp(c, "format") && nt == 3) {
        cmd_format_float(S, bits_to_double(tok[1]), tok[2]);
    } else if (!strcmp(c, "formatint") && nt == 3) {
        cmd_format_int(S, tok[1], tok[2]);
    } else if (!strcmp(c, "formatstr") && nt == 3) {
        cmd_format_str(S, tok[1], tok[2]);
    } else {
        printf("BADCMD\n");
    }
}

/* ------------------------------------------------------------------ */
/* Built-in self-test (no stdin): a few fixed CPython 3.11 results      */
/* ------------------------------------------------------------------ */

static int self_check(pe_state *S, int *fails, const char *spec, double x, const char *want) {
    pe_fmtspec fs;
    pe_sb sb;
    pe_sb_init(&sb, S);
    int r = pe_fmtspec_parse(S, spec, strlen(spec), "float", 0, &fs);
    if (!r) r = pe_format_float(S, x, &fs, &sb);
    bool ok = !r && sb.len == strlen(want) && !memcmp(sb.p, want, sb.len);
    if (r) pe_exc_clear(S);
    if (!ok) {
        printf("FAIL: format(%.17g, '%s') != '%s'\n", x, spec, want);
        (*fails)++;
    }
    pe_sb_free(&sb);
    return ok;
}

static int self_test(pe_state *S) {
    int fails = 0, n = 0;
    static const struct { double x; const char *want; } reprs[] = {
        {0.1, "0.1"}, {1e16, "1e+16"}, {1234567890123456.0, "1234567890123456.0"},
        {1e-5, "1e-05"}, {0.0001, "0.0001"}, {-0.0, "-0.0"}, {5e-324, "5e-324"},
        {1.7976931348623157e308, "1.7976931348623157e+308"}, {0.30000000000000004, "0.30000000000000004"},
    };
    for (size_t i = 0; i < sizeof reprs / sizeof reprs[0]; i++, n++) {
        char buf[32];
        pe_fmt_double_repr(reprs[i].x, buf);
        if (strcmp(buf, reprs[i].want)) {
            printf("FAIL: repr -> %s, want %s\n", buf, reprs[i].want);
            fails++;
        }
    }
    n += 4;
    self_check(S, &fails, "012,.2f", 1234.5, "0,001,234.50");
    self_check(S, &fails, ".3", 1.0, "1.0");
    self_check(S, &fails, ".17g", 0.1, "0.10000000000000001");
    self_check(S, &fails, "+.1f", -0.0, "-0.0");
    double d = 0;
    n++;
    if (pe_float_round(S, 2.675, 2, &d) || d != 2.67) {
        printf("FAIL: round(2.675, 2)\n");
        fails++;
    }
    n++;
    if (pe_parse_double("1_0.5", 5, &d) || d != 10.5 || !pe_parse_double("1__0", 4, &d)) {
        printf("FAIL: parse underscores\n");
        fails++;
    }
    printf("test_numfmt self-test: %d passed, %d failed\n", n - fails, fails);
    return fails != 0;
}

int main(int argc, char **argv) {
    pe_state *S = pe_state_new();
    if (!S) return 2;
    int rc = 0;
    if (argc > 1 && !strcmp(argv[1], "-")) {
        char *line = NULL;
        size_t cap = 0;
        static char outbuf[1 << 16];
        setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
        while (getline(&line, &cap, stdin) > 0) run_command(S, line);
        free(line);
    } else {
        rc = self_test(S);
    }
    fflush(stdout);
    pe_state_free(S);
    return rc;
}
