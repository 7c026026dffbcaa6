/*
 * builtins.c - the builtin functions and the table the compiler resolves
 * global names against. Argument errors are worded like CPython 3.11's
 * (Python/bltinmodule.c).
 */
#include <math.h>
#include <stdio.h>

#include "pe_class.h"
#include "pe_vm.h"
#include "pe_dunder.h"

#define BI(name)                                                                          \
    static int bi_##name(pe_state *S, PE_UNUSED pe_val self, int argc, const pe_val *argv, \
                         pe_obj *kwnames, pe_val *out)

static size_t nkw(pe_obj *kwnames) { return kwnames ? ((pe_tuple *)kwnames)->n : 0; }
static const char *kwname(pe_obj *kwnames, size_t i) {
    return PE_STR(((pe_tuple *)kwnames)->items[i])->data;
}

/* Splits keyword arguments into the named slots; unknown names raise
 * "'x' is an invalid keyword argument for f()". */
static int take_kwargs(pe_state *S, const char *fn, int argc, const pe_val *argv,
                       pe_obj *kwnames, const char *const *names, pe_val *slots, int nslots) {
    size_t k = nkw(kwnames);
    int npos = argc - (int)k;
    for (size_t i = 0; i < k; i++) {
        const char *n = kwname(kwnames, i);
        int j;
        for (j = 0; j < nslots; j++)
            if (!strcmp(names[j], n)) break;
        if (j == nslots)
            return pe_raise(S, PE_EXC(TypeError), "'%s' is an invalid keyword argument for %s()", n, fn);
        slots[j] = argv[npos + (int)i];
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

/* print(..., file=f) for any f with a write method: f.write(str) for each
 * argument, separator and the end, as CPython; then f.flush() if asked. */
static int write_str(pe_state *S, pe_val wr, pe_val s) {
    pe_val r;
    if (pe_call(S, wr, 1, &s, NULL, &r)) return -1;
    pe_decref(S, r);
    return 0;
}

static int write_cstr(pe_state *S, pe_val wr, pe_val given, const char *dflt) {
    if (pe_is_str(given)) return write_str(S, wr, given);
    pe_val s;
    if (pe_str_from_cstr(S, dflt, &s)) return -1;
    int r = write_str(S, wr, s);
    pe_decref(S, s);
    return r;
}

static int print_to(pe_state *S, const pe_val *argv, int npos, const pe_val *kw, pe_val *out) {
    pe_val wr, key;
    if (pe_str_from_cstr(S, "write", &key)) return -1;
    int r = pe_getattr(S, kw[2], key.u.o, &wr);
    pe_decref(S, key);
    if (r) return -1;
    for (int i = 0; i < npos && r == 0; i++) {
        if (i > 0 && write_cstr(S, wr, kw[0], " ")) r = -1;
        if (r) break;
        pe_val s;
        if (pe_is_str(argv[i])) {
            r = write_str(S, wr, argv[i]);
            continue;
        }
        pe_sb sb;
        pe_sb_init(&sb, S);
        if (pe_tostr(S, argv[i], &sb)) {
            pe_sb_free(&sb);
            r = -1;
            break;
        }
        if (pe_sb_to_str(&sb, &s)) { /* frees sb either way */
            r = -1;
            break;
        }
        r = write_str(S, wr, s);
        pe_decref(S, s);
    }
    if (r == 0) r = write_cstr(S, wr, kw[1], "\n");
    pe_decref(S, wr);
    if (r == 0 && kw[3].tag != PE_TUNDEF) {
        int t = pe_truth(S, kw[3]);
        if (t < 0) return -1;
        if (t) {
            pe_val fl;
            if (pe_str_from_cstr(S, "flush", &key)) return -1;
            r = pe_getattr(S, kw[2], key.u.o, &fl);
            pe_decref(S, key);
            if (r) return -1;
            pe_val res;
            r = pe_call(S, fl, 0, NULL, NULL, &res);
            pe_decref(S, fl);
            if (r) return -1;
            pe_decref(S, res);
        }
    }
    if (r) return -1;
    *out = pe_none();
    return 0;
}

BI(print) {
    static const char *const names[] = {"sep", "end", "file", "flush"};
    pe_val kw[4] = {pe_undef(), pe_undef(), pe_undef(), pe_undef()};
    if (take_kwargs(S, "print", argc, argv, kwnames, names, kw, 4)) return -1;
    int npos = argc - (int)nkw(kwnames);
    for (int i = 0; i < 2; i++)
        if (kw[i].tag != PE_TUNDEF && kw[i].tag != PE_TNONE && !pe_is_str(kw[i]))
            return pe_raise(S, PE_EXC(TypeError), "%s must be None or a string, not %s",
                            names[i], pe_type_name(kw[i]));
    int fd = 1; /* print(file=sys.stdout / sys.stderr) */
    if (kw[2].tag != PE_TUNDEF && kw[2].tag != PE_TNONE && !(fd = pe_sys_stream_fd(kw[2])))
        return print_to(S, argv, npos, kw, out);
    pe_write_fn wr = fd == 1 ? S->out : S->err;
    void *wr_ud = fd == 1 ? S->out_ud : S->err_ud;
    pe_sb sb;
    pe_sb_init(&sb, S);
    for (int i = 0; i < npos; i++) {
        if (i > 0) {
            if (pe_is_str(kw[0])) pe_sb_putn(&sb, PE_STR(kw[0])->data, PE_STR(kw[0])->len);
            else pe_sb_putc(&sb, ' ');
        }
        size_t before = sb.len;
        if (pe_tostr(S, argv[i], &sb)) {
            /* CPython writes argument by argument: what precedes the
             * failing argument (with its separator) is already out */
            if (!sb.failed && before) wr(wr_ud, sb.p, before);
            pe_sb_free(&sb);
            return -1;
        }
    }
    if (pe_is_str(kw[1])) pe_sb_putn(&sb, PE_STR(kw[1])->data, PE_STR(kw[1])->len);
    else pe_sb_putc(&sb, '\n');
    if (sb.failed) {
        pe_sb_free(&sb);
        return -1;
    }
    wr(wr_ud, sb.p, sb.len);
    pe_sb_free(&sb);
    *out = pe_none();
    return 0;
}

/* ------------------------------------------------------------------ */
/* Numbers                                                             */
/* ------------------------------------------------------------------ */

static int nokw(pe_state *S, const char *fn, pe_obj *kwnames) { return pe_no_kwargs(S, fn, kwnames); }

static int exact_args(pe_state *S, const char *fn, int argc, int n) {
    if (argc == n) return 0;
    if (n == 1)
        return pe_raise(S, PE_EXC(TypeError), "%s() takes exactly one argument (%d given)", fn, argc);
    return pe_raise(S, PE_EXC(TypeError), "%s expected %d arguments, got %d", fn, n, argc);
}

BI(abs) {
    if (nokw(S, "abs", kwnames) || exact_args(S, "abs", argc, 1)) return -1;
    pe_val x = argv[0];
    switch (x.tag) {
    case PE_TBOOL:
    case PE_TINT:
        if (x.u.i != INT64_MIN) {
            *out = pe_int(x.u.i < 0 ? -x.u.i : x.u.i);
            return 0;
        }
        return pe_int_abs(S, pe_int(x.u.i), out);
    case PE_TFLOAT: *out = pe_float(fabs(x.u.f)); return 0;
    default: break;
    }
    if (pe_is_bigint(x)) return pe_int_abs(S, x, out);
    if (pe_du_heap(x)) {
        int r = pe_du_call(S, x, PE_DU_abs, 0, NULL, out);
        if (r) return r < 0 ? -1 : 0;
    }
    return pe_raise(S, PE_EXC(TypeError), "bad operand type for abs(): '%s'", pe_type_name(x));
}

BI(round) {
    static const char *const names[] = {"number", "ndigits"};
    pe_val a[2] = {pe_undef(), pe_undef()};
    int npos = argc - (int)nkw(kwnames);
    if (npos > 2) return pe_raise(S, PE_EXC(TypeError), "round() takes at most 2 arguments (%d given)", argc);
    for (int i = 0; i < npos; i++) a[i] = argv[i];
    if (take_kwargs(S, "round", argc, argv, kwnames, names, a, 2)) return -1;
    if (a[0].tag == PE_TUNDEF)
        return pe_raise(S, PE_EXC(TypeError), "round() missing required argument 'number' (pos 1)");
    pe_val x = a[0], nd = a[1];
    if (pe_is_boxed(x) && pe_type_special(pe_typeof(x), PE_DU_round).tag == PE_TUNDEF)
        x = pe_unbox(x); /* int.__round__ / float.__round__ on the value */
    if (pe_du_heap(x)) {
        /* type(x).__round__(x), or (x, ndigits) unless ndigits is None */
        int r = pe_du_call(S, x, PE_DU_round, nd.tag == PE_TUNDEF || nd.tag == PE_TNONE ? 0 : 1, &nd, out);
        if (r) return r < 0 ? -1 : 0;
        return pe_raise(S, PE_EXC(TypeError), "type %s doesn't define __round__ method",
                        pe_type_name(x));
    }
    bool has_nd = nd.tag != PE_TUNDEF && nd.tag != PE_TNONE;
    if (has_nd && !pe_is_intlike(nd) && nd.tag != PE_TBOOL)
        return pe_raise_not_index(S, nd);
    if (x.tag == PE_TFLOAT) {
        if (!has_nd) return pe_float_round0(S, x.u.f, out);
        int64_t n;
        if (nd.tag == PE_TINT || nd.tag == PE_TBOOL) n = nd.u.i;
        else n = pe_int_sign(nd) > 0 ? INT64_MAX : INT64_MIN;
        double r;
        if (pe_float_round(S, x.u.f, n, &r)) return -1;
        *out = pe_float(r);
        return 0;
    }
    if (x.tag == PE_TINT || x.tag == PE_TBOOL || pe_is_bigint(x)) {
        pe_val xi = x.tag == PE_TBOOL ? pe_int(x.u.i) : x;
        if (!has_nd || pe_int_sign(nd.tag == PE_TBOOL ? pe_int(nd.u.i) : nd) >= 0) {
            pe_incref(xi);
            *out = xi;
            return 0;
        }
        return pe_int_round(S, xi, nd.tag == PE_TBOOL ? pe_int(nd.u.i) : nd, out);
    }
    return pe_raise(S, PE_EXC(TypeError), "type %s doesn't define __round__ method", pe_type_name(x));
}

BI(pow) {
    static const char *const names[] = {"base", "exp", "mod"};
    pe_val a[3] = {pe_undef(), pe_undef(), pe_undef()};
    int npos = argc - (int)nkw(kwnames);
    if (npos > 3) return pe_raise(S, PE_EXC(TypeError), "pow() takes at most 3 arguments (%d given)", argc);
    for (int i = 0; i < npos; i++) a[i] = argv[i];
    if (take_kwargs(S, "pow", argc, argv, kwnames, names, a, 3)) return -1;
    if (a[0].tag == PE_TUNDEF || a[1].tag == PE_TUNDEF)
        return pe_raise(S, PE_EXC(TypeError), "pow() missing required argument '%s' (pos %d)",
                        a[0].tag == PE_TUNDEF ? "base" : "exp", a[0].tag == PE_TUNDEF ? 1 : 2);
    if (a[2].tag == PE_TUNDEF || a[2].tag == PE_TNONE)
        return pe_binary_op(S, PE_BO_POW, a[0], a[1], false, out);
    pe_val b = a[0].tag == PE_TBOOL ? pe_int(a[0].u.i) : a[0];
    pe_val e = a[1].tag == PE_TBOOL ? pe_int(a[1].u.i) : a[1];
    pe_val m = a[2].tag == PE_TBOOL ? pe_int(a[2].u.i) : a[2];
    if (pe_du_heap(a[0])) {
        int r = pe_dunder_pow3(S, a[0], a[1], a[2], out);
        if (r != PE_NOTIMPL) return r;
    }
    b = pe_unbox(b); /* int subclasses: their values */
    e = pe_unbox(e);
    m = pe_unbox(m);
    if (!pe_is_intlike(b) || !pe_is_intlike(e) || !pe_is_intlike(m)) {
        /* CPython's ternary power reaches float's slot (which refuses a
         * modulus first) whenever any of the three is a float */
        if (b.tag == PE_TFLOAT || e.tag == PE_TFLOAT || m.tag == PE_TFLOAT)
            return pe_raise(S, PE_EXC(TypeError),
                            "pow() 3rd argument not allowed unless all arguments are integers");
        return pe_raise(S, PE_EXC(TypeError),
                        "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
                        pe_type_name(a[0]), pe_type_name(a[1]), pe_type_name(a[2]));
    }
    return pe_int_pow(S, b, e, m, out);
}

BI(divmod) {
    if (nokw(S, "divmod", kwnames)) return -1;
    if (argc != 2) return pe_raise(S, PE_EXC(TypeError), "divmod expected 2 arguments, got %d", argc);
    pe_val a = argv[0].tag == PE_TBOOL ? pe_int(argv[0].u.i) : argv[0];
    pe_val b = argv[1].tag == PE_TBOOL ? pe_int(argv[1].u.i) : argv[1];
    pe_val q, r;
    bool ai = pe_is_intlike(a), bi = pe_is_intlike(b);
    if (ai && bi) {
        if (pe_int_divmod(S, a, b, &q, &r)) return -1;
    } else if ((ai || a.tag == PE_TFLOAT) && (bi || b.tag == PE_TFLOAT)) {
        double x, y, dq, dr;
        if (ai) {
            if (pe_int_to_double(S, a, &x)) return -1;
        } else x = a.u.f;
        if (bi) {
            if (pe_int_to_double(S, b, &y)) return -1;
        } else y = b.u.f;
        if (pe_float_divmod(S, x, y, &dq, &dr)) return -1;
        q = pe_float(dq);
        r = pe_float(dr);
    } else {
        if (pe_du_heap(argv[0]) || pe_du_heap(argv[1])) {
            int rc = pe_dunder_divmod(S, argv[0], argv[1], out);
            if (rc != PE_NOTIMPL) return rc;
            /* int/float subclasses: int.__divmod__ on their values */
            pe_val u[2] = {pe_unbox(argv[0]), pe_unbox(argv[1])};
            if ((pe_is_boxed(argv[0]) || pe_is_boxed(argv[1])) && !pe_du_heap(u[0]) &&
                !pe_du_heap(u[1]) && !pe_is_str(u[0]) && !pe_is_str(u[1]))
                return bi_divmod(S, self, 2, u, NULL, out);
        }
        return pe_raise(S, PE_EXC(TypeError),
                        "unsupported operand type(s) for divmod(): '%s' and '%s'",
                        pe_type_name(argv[0]), pe_type_name(argv[1]));
    }
    pe_val items[2] = {q, r};
    int rc = pe_tuple_pack(S, 2, items, out);
    pe_decref(S, q);
    pe_decref(S, r);
    return rc;
}

static int int_to_base(pe_state *S, const char *fn, int base, int argc, const pe_val *argv,
                       pe_obj *kwnames, pe_val *out) {
    if (nokw(S, fn, kwnames) || exact_args(S, fn, argc, 1)) return -1;
    pe_val x = argv[0].tag == PE_TBOOL ? pe_int(argv[0].u.i) : argv[0], owned = pe_undef();
    if (!pe_is_intlike(x)) {
        int du = pe_dunder_index(S, x, &owned);
        if (du < 0) return -1;
        if (du == 0)
            return pe_raise_not_index(S, x);
        x = owned;
    }
    pe_sb sb;
    pe_sb_init(&sb, S);
    int rc = pe_int_to_str(S, x, base, true, &sb);
    pe_decref(S, owned);
    return pe_sb_done_str(&sb, rc, out);
}

BI(hex) { return int_to_base(S, "hex", 16, argc, argv, kwnames, out); }
BI(oct) { return int_to_base(S, "oct", 8, argc, argv, kwnames, out); }
BI(bin) { return int_to_base(S, "bin", 2, argc, argv, kwnames, out); }

BI(repr) {
    if (nokw(S, "repr", kwnames) || exact_args(S, "repr", argc, 1)) return -1;
    return pe_repr_val(S, argv[0], out);
}

BI(ascii) {
    if (nokw(S, "ascii", kwnames) || exact_args(S, "ascii", argc, 1)) return -1;
    pe_sb sb;
    pe_sb_init(&sb, S);
    return pe_sb_done_str(&sb, pe_ascii(S, argv[0], &sb), out);
}

BI(format) {
    if (nokw(S, "format", kwnames)) return -1;
    if (argc < 1) return pe_raise(S, PE_EXC(TypeError), "format expected at least 1 argument, got 0");
    if (argc > 2)
        return pe_raise(S, PE_EXC(TypeError), "format expected at most 2 arguments, got %d", argc);
    if (argc == 2 && !pe_is_str(argv[1]))
        return pe_raise(S, PE_EXC(TypeError), "format() argument 2 must be str, not %s",
                        pe_type_name(argv[1]));
    return pe_format_value(S, argv[0], 0, argc == 2 ? argv[1] : pe_undef(), out);
}

/* NAME(x): the int fn gives for x (hash, len). */
PE_INLINE int int_of(pe_state *S, const char *name, int argc, const pe_val *argv, pe_obj *kwnames,
                  int (*fn)(pe_state *, pe_val, int64_t *), pe_val *out) {
    if (nokw(S, name, kwnames) || exact_args(S, name, argc, 1)) return -1;
    int64_t n;
    if (fn(S, argv[0], &n)) return -1;
    *out = pe_int(n);
    return 0;
}

BI(hash) {
    return int_of(S, "hash", argc, argv, kwnames, pe_hash, out);
}

BI(len) {
    return int_of(S, "len", argc, argv, kwnames, pe_len, out);
}

BI(chr) {
    if (nokw(S, "chr", kwnames) || exact_args(S, "chr", argc, 1)) return -1;
    pe_val x = pe_unbox(argv[0]); /* int subclasses: their value */
    if (pe_du_heap(x) && pe_dunder_index(S, x, &x) < 0) return -1;
    if (x.tag != PE_TINT && x.tag != PE_TBOOL) {
        if (pe_is_bigint(x)) return pe_raise(S, PE_EXC(OverflowError), "Python int too large to convert to C int");
        return pe_raise_not_index(S, x);
    }
    return pe_chr(S, x.u.i, out);
}

BI(ord) {
    if (nokw(S, "ord", kwnames) || exact_args(S, "ord", argc, 1)) return -1;
    return pe_ord(S, argv[0], out);
}

/* ------------------------------------------------------------------ */
/* Iteration-based builtins                                            */
/* ------------------------------------------------------------------ */

/* min()/max(): is_max selects the comparison. */
static int minmax(pe_state *S, const char *fn, bool is_max, int argc, const pe_val *argv,
                  pe_obj *kwnames, pe_val *out) {
    static const char *const names[] = {"key", "default"};
    pe_val kw[2] = {pe_undef(), pe_undef()};
    if (take_kwargs(S, fn, argc, argv, kwnames, names, kw, 2)) return -1;
    int npos = argc - (int)nkw(kwnames);
    if (npos == 0)
        return pe_raise(S, PE_EXC(TypeError), "%s expected at least 1 argument, got 0", fn);
    if (npos > 1 && kw[1].tag != PE_TUNDEF)
        return pe_raise(S, PE_EXC(TypeError),
                        "Cannot specify a default for %s() with multiple positional arguments", fn);
    pe_val key = kw[0].tag == PE_TNONE ? pe_undef() : kw[0];
    pe_val it;
    if (npos == 1) {
        if (pe_iter(S, argv[0], &it)) return -1;
    } else {
        pe_val t;
        if (pe_tuple_pack(S, (size_t)npos, argv, &t)) return -1;
        int r = pe_iter(S, t, &it);
        pe_decref(S, t);
        if (r) return -1;
    }
    pe_val best = pe_undef(), bestkey = pe_undef(), item;
    int r;
    while ((r = pe_next(S, it, &item)) == 1) {
        pe_val k = item;
        if (key.tag != PE_TUNDEF) {
            if (pe_call(S, key, 1, &item, NULL, &k)) {
                pe_decref(S, item);
                r = -1;
                break;
            }
        } else {
            pe_incref(k);
        }
        if (best.tag == PE_TUNDEF) {
            best = item;
            bestkey = k;
            continue;
        }
        pe_val c;
        if (pe_richcmp(S, k, bestkey, is_max ? PE_GT : PE_LT, &c)) {
            pe_decref(S, item);
            pe_decref(S, k);
            r = -1;
            break;
        }
        int t = pe_truth(S, c);
        pe_decref(S, c);
        if (t > 0) {
            pe_decref(S, best);
            pe_decref(S, bestkey);
            best = item;
            bestkey = k;
        } else {
            pe_decref(S, item);
            pe_decref(S, k);
        }
    }
    pe_decref(S, it);
    pe_decref(S, bestkey);
    if (r < 0) {
        pe_decref(S, best);
        return -1;
    }
    if (best.tag == PE_TUNDEF) {
        if (kw[1].tag != PE_TUNDEF) {
            pe_incref(kw[1]);
            *out = kw[1];
            return 0;
        }
        return pe_raise(S, PE_EXC(ValueError), "%s() arg is an empty sequence", fn);
    }
    *out = best;
    return 0;
}

BI(min) { return minmax(S, "min", false, argc, argv, kwnames, out); }
BI(max) { return minmax(S, "max", true, argc, argv, kwnames, out); }

BI(sum) {
    static const char *const names[] = {"start"};
    pe_val start = pe_undef();
    int npos = argc - (int)nkw(kwnames);
    if (take_kwargs(S, "sum", argc, argv, kwnames, names, &start, 1)) return -1;
    if (npos < 1 || npos > 2) return pe_arg_count_error(S, "sum", 1, 2, npos);
    if (npos == 2) start = argv[1];
    if (start.tag == PE_TUNDEF) start = pe_int(0);
    if (pe_is_str(start))
        return pe_raise(S, PE_EXC(TypeError), "sum() can't sum strings [use ''.join(seq) instead]");
    if (pe_is_bytes(start) || pe_is_bytearray(start))
        return pe_raise(S, PE_EXC(TypeError), "sum() can't sum %s [use b''.join(seq) instead]",
                        pe_type_name(start));
    pe_val it, item, acc = start;
    pe_incref(acc);
    if (pe_iter(S, argv[0], &it)) {
        pe_decref(S, acc);
        return -1;
    }
    int r;
    while ((r = pe_next(S, it, &item)) == 1) {
        pe_val nacc;
        if (acc.tag == PE_TINT && item.tag == PE_TINT &&
            !__builtin_add_overflow(acc.u.i, item.u.i, &nacc.u.i)) {
            acc.u.i = nacc.u.i;
            continue;
        }
        if (acc.tag == PE_TFLOAT && item.tag == PE_TFLOAT) {
            acc.u.f += item.u.f;
            continue;
        }
        int e = pe_binary_op(S, PE_BO_ADD, acc, item, false, &nacc);
        pe_decref(S, item);
        pe_decref(S, acc);
        if (e) {
            acc = pe_undef();
            r = -1;
            break;
        }
        acc = nacc;
    }
    pe_decref(S, it);
    if (r < 0) {
        pe_decref(S, acc);
        return -1;
    }
    *out = acc;
    return 0;
}

/* any()/all() */
static int anyall(pe_state *S, const char *fn, bool want, int argc, const pe_val *argv,
                  pe_obj *kwnames, pe_val *out) {
    if (nokw(S, fn, kwnames) || exact_args(S, fn, argc, 1)) return -1;
    pe_val it, item;
    if (pe_iter(S, argv[0], &it)) return -1;
    int r, found = 0;
    while ((r = pe_next(S, it, &item)) == 1) {
        int t = pe_truth(S, item);
        pe_decref(S, item);
        if (t < 0) {
            r = -1;
            break;
        }
        if ((t != 0) == want) {
            found = 1;
            break;
        }
    }
    pe_decref(S, it);
    if (r < 0) return -1;
    *out = pe_bool(want ? found : !found);
    return 0;
}

BI(any) { return anyall(S, "any", true, argc, argv, kwnames, out); }
BI(all) { return anyall(S, "all", false, argc, argv, kwnames, out); }

BI(sorted) {
    static const char *const names[] = {"key", "reverse"};
    pe_val kw[2] = {pe_undef(), pe_undef()};
    if (take_kwargs(S, "sort", argc, argv, kwnames, names, kw, 2)) return -1;
    int npos = argc - (int)nkw(kwnames);
    if (npos != 1) {
        if (npos == 0) return pe_raise(S, PE_EXC(TypeError), "sorted expected 1 argument, got 0");
        return pe_raise(S, PE_EXC(TypeError), "sorted expected 1 argument, got %d", npos);
    }
    pe_val l;
    if (pe_list_from_iter(S, argv[0], &l)) return -1;
    int rev = 0;
    if (kw[1].tag != PE_TUNDEF) {
        rev = pe_truth(S, kw[1]);
        if (rev < 0) {
            pe_decref(S, l);
            return -1;
        }
    }
    if (pe_list_sort(S, PE_LIST(l), kw[0].tag == PE_TNONE ? pe_undef() : kw[0], rev != 0)) {
        pe_decref(S, l);
        return -1;
    }
    *out = l;
    return 0;
}

BI(iter) {
    if (nokw(S, "iter", kwnames)) return -1;
    if (argc < 1 || argc > 2) return pe_arg_count_error(S, "iter", 1, 2, argc);
    if (argc == 2) return pe_calliter_new(S, argv[0], argv[1], out);
    return pe_iter(S, argv[0], out);
}

BI(next) {
    if (nokw(S, "next", kwnames)) return -1;
    if (argc < 1 || argc > 2) return pe_arg_count_error(S, "next", 1, 2, argc);
    if (!pe_typeof(argv[0])->next)
        return pe_raise(S, PE_EXC(TypeError), "'%s' object is not an iterator", pe_type_name(argv[0]));
    /* next(gen): StopIteration carries the generator's return value */
    if (argc == 1 && PE_IS_GEN(argv[0])) return pe_gen_send(S, (pe_gen *)argv[0].u.o, pe_none(), out);
    /* next(it): a class's StopIteration(value) reaches the caller as it is */
    int r = argc == 1 ? pe_next_keep_stop(S, argv[0], out) : pe_next(S, argv[0], out);
    if (r == 1) return 0;
    if (r < 0) return -1;
    if (argc == 2) {
        pe_incref(argv[1]);
        *out = argv[1];
        return 0;
    }
    return pe_raise_args(S, PE_EXC(StopIteration), 0, NULL);
}

/* ------------------------------------------------------------------ */
/* Types and introspection                                             */
/* ------------------------------------------------------------------ */

/* isinstance(x, cls) (sub false) or issubclass(x, cls) (sub true), cls a
 * type or a (nested) tuple of them: 1/0/-1. */
static int subtype_check(pe_state *S, pe_val x, pe_val cls, bool sub, int depth);
PE_INLINE int subtype_of(pe_state *S, pe_val x, pe_val cls, bool sub, int depth) {
    if (pe_is_kind(cls, PE_K_TYPE) && (!sub || pe_is_kind(x, PE_K_TYPE))) {
        const pe_type *t = sub ? (const pe_type *)x.u.o : pe_typeof(x);
        return pe_type_is_subtype(t, (const pe_type *)cls.u.o) ? 1 : 0;
    }
    return subtype_check(S, x, cls, sub, depth);
}

/* The rest of subtype_of: tuples and errors. */
static int subtype_check(pe_state *S, pe_val x, pe_val cls, bool sub, int depth) {
    if (pe_is_kind(cls, PE_K_TUPLE) && depth < 64) {
        pe_tuple *t = PE_TUPLE(cls);
        for (size_t i = 0; i < t->n; i++) {
            int r = subtype_of(S, x, t->items[i], sub, depth + 1);
            if (r) return r;
        }
        return 0;
    }
    if (sub && !pe_is_kind(x, PE_K_TYPE))
        return pe_raise(S, PE_EXC(TypeError), "issubclass() arg 1 must be a class");
    return pe_raise(S, PE_EXC(TypeError),
                    sub ? "issubclass() arg 2 must be a class, a tuple of classes, or a union"
                        : "isinstance() arg 2 must be a type, a tuple of types, or a union");
}

PE_INLINE int subtype_builtin(pe_state *S, const char *name, int argc, const pe_val *argv,
                           pe_obj *kwnames, bool sub, pe_val *out) {
    if (nokw(S, name, kwnames)) return -1;
    if (argc != 2) return pe_raise(S, PE_EXC(TypeError), "%s expected 2 arguments, got %d", name, argc);
    int r = subtype_of(S, argv[0], argv[1], sub, 0);
    if (r < 0) return -1;
    *out = pe_bool(r);
    return 0;
}

BI(isinstance) {
    return subtype_builtin(S, "isinstance", argc, argv, kwnames, false, out);
}

BI(issubclass) {
    return subtype_builtin(S, "issubclass", argc, argv, kwnames, true, out);
}

bool pe_is_callable(pe_val v) {
    const pe_type *t = pe_typeof(v);
    int k = t->kind;
    return k == PE_K_TYPE || k == PE_K_FUNC || k == PE_K_CFUNC || k == PE_K_BMETHOD ||
           (k == PE_K_HOST && t->call) || /* host classes without call: not callable */
           (pe_is_heaptype(t) && PE_CLASS(t)->special[PE_DU_call].tag != PE_TUNDEF) ||
           t == &pe_type_staticmethod;
}

BI(callable) {
    if (nokw(S, "callable", kwnames) || exact_args(S, "callable", argc, 1)) return -1;
    *out = pe_bool(pe_is_callable(argv[0]));
    return 0;
}

BI(id) {
    if (nokw(S, "id", kwnames) || exact_args(S, "id", argc, 1)) return -1;
    pe_val v = argv[0];
    *out = pe_int(v.tag == PE_TOBJ ? (int64_t)(uintptr_t)v.u.o : (int64_t)v.u.i);
    return 0;
}

/* getattr(obj, name[, default]) and hasattr(obj, name): the attribute
 * lookup of `obj.name`; only AttributeError is replaced by the default. */
static int attr_lookup(pe_state *S, const pe_val *argv, bool has_default, pe_val *out) {
    pe_val name = pe_unbox(argv[1]); /* str subclasses name by their value */
    if (!pe_is_str(name))
        return pe_raise(S, PE_EXC(TypeError), "attribute name must be string, not '%s'",
                        pe_type_name(argv[1]));
    if (pe_getattr(S, argv[0], name.u.o, out) == 0) return 1;
    if (!has_default || !pe_exc_matches(S, PE_EXC(AttributeError))) return -1;
    pe_exc_clear(S);
    return 0;
}

BI(getattr) {
    if (nokw(S, "getattr", kwnames)) return -1;
    if (argc < 2 || argc > 3) return pe_arg_count_error(S, "getattr", 2, 3, argc);
    int r = attr_lookup(S, argv, argc == 3, out);
    if (r < 0) return -1;
    if (r == 0) {
        pe_incref(argv[2]);
        *out = argv[2];
    }
    return 0;
}

BI(hasattr) {
    if (nokw(S, "hasattr", kwnames) || exact_args(S, "hasattr", argc, 2)) return -1;
    pe_val v;
    int r = attr_lookup(S, argv, true, &v);
    if (r < 0) return -1;
    if (r == 1) pe_decref(S, v);
    *out = pe_bool(r == 1);
    return 0;
}

/* ------------------------------------------------------------------ */
/* The builtins table                                                  */
/* ------------------------------------------------------------------ */

#define CFUNC(n) \
    static const pe_cfunc cf_##n = {PE_STATIC_HEAD(&pe_type_builtin), #n, bi_##n, {PE_TUNDEF, 0, {.i = 0}}};
CFUNC(print) CFUNC(abs) CFUNC(round) CFUNC(pow) CFUNC(divmod) CFUNC(hex) CFUNC(oct) CFUNC(bin)
CFUNC(repr) CFUNC(ascii) CFUNC(hash) CFUNC(len) CFUNC(chr) CFUNC(ord) CFUNC(min) CFUNC(max)
CFUNC(sum) CFUNC(any) CFUNC(all) CFUNC(sorted) CFUNC(iter) CFUNC(next) CFUNC(isinstance)
CFUNC(callable) CFUNC(id) CFUNC(format) CFUNC(getattr) CFUNC(hasattr) CFUNC(issubclass)

/* Ellipsis (`...`): a singleton of type ellipsis, hashed by identity
 * (object.c pe_hash). */
static int ellipsis_repr(pe_state *S, pe_val v, pe_sb *sb) {
    (void)S;
    (void)v;
    return pe_sb_puts(sb, "Ellipsis");
}

const pe_type pe_type_ellipsis = PE_TYPE("ellipsis", OTHER,
    .repr = ellipsis_repr,
);

const pe_obj pe_ellipsis_obj = PE_STATIC_HEAD(&pe_type_ellipsis);

/* Module-level __name__: a script is always the main module. */
static const pe_static_str main_name = PE_STATIC_STR("__main__");

/* bounded: a call runs in time bounded by the size of its arguments (it
 * does not iterate without bound, call back into Python code or build an
 * iterator that does: range/iter/next/map/zip/... can loop arbitrarily,
 * pow/format can take exponential time or output). Exception types are
 * bounded. Read by the compiler for PE_CODE_BOUNDED (pe_builtin_bounded). */
typedef struct builtin_entry {
    const char *name;
    const pe_obj *obj;
    bool bounded;
} builtin_entry;

static const builtin_entry builtin_table[] = {
    {"print", &cf_print.ob, true}, {"abs", &cf_abs.ob, true}, {"round", &cf_round.ob, true},
    {"pow", &cf_pow.ob, false}, {"divmod", &cf_divmod.ob, true}, {"hex", &cf_hex.ob, true},
    {"oct", &cf_oct.ob, true}, {"bin", &cf_bin.ob, true}, {"repr", &cf_repr.ob, true},
    {"ascii", &cf_ascii.ob, true}, {"hash", &cf_hash.ob, true}, {"len", &cf_len.ob, true},
    {"chr", &cf_chr.ob, true}, {"ord", &cf_ord.ob, true}, {"min", &cf_min.ob, true},
    {"max", &cf_max.ob, true}, {"sum", &cf_sum.ob, true}, {"any", &cf_any.ob, true},
    {"all", &cf_all.ob, true}, {"sorted", &cf_sorted.ob, true}, {"iter", &cf_iter.ob, false},
    {"next", &cf_next.ob, false}, {"isinstance", &cf_isinstance.ob, true},
    {"callable", &cf_callable.ob, true}, {"id", &cf_id.ob, true},
    {"format", &cf_format.ob, false}, {"getattr", &cf_getattr.ob, false},
    {"hasattr", &cf_hasattr.ob, false}, {"issubclass", &cf_issubclass.ob, false},
    {"__name__", &main_name.ob, false}, {"int", &pe_type_int.ob, true},
    {"float", &pe_type_float.ob, true}, {"bool", &pe_type_bool.ob, true},
    {"str", &pe_type_str.ob, true}, {"bytes", &pe_type_bytes.ob, true},
    {"bytearray", &pe_type_bytearray.ob, true}, {"range", &pe_type_range.ob, false},
    {"tuple", &pe_type_tuple.ob, true}, {"list", &pe_type_list.ob, true},
    {"dict", &pe_type_dict.ob, true}, {"set", &pe_type_set.ob, true},
    {"frozenset", &pe_type_frozenset.ob, true}, {"slice", &pe_type_slice.ob, true},
    {"type", &pe_type_type.ob, true}, {"enumerate", &pe_type_enumerate.ob, false},
    {"zip", &pe_type_zip.ob, false}, {"map", &pe_type_map.ob, false},
    {"filter", &pe_type_filter.ob, false}, {"reversed", &pe_type_reversed.ob, false},
    {"NotImplemented", &pe_notimplemented_obj, true}, {"Ellipsis", &pe_ellipsis_obj, true},
    {"object", &pe_type_object.ob, true}, {"super", &pe_type_super.ob, false},
    {"property", &pe_type_property.ob, true}, {"staticmethod", &pe_type_staticmethod.ob, true},
    {"classmethod", &pe_type_classmethod.ob, true}, {"setattr", &pe_bi_setattr.ob, false},
    {"delattr", &pe_bi_delattr.ob, false}, {"vars", &pe_bi_vars.ob, false},
    {"dir", &pe_bi_dir.ob, false}, {"exec", &pe_bi_exec.ob, false}, {"eval", &pe_bi_eval.ob, false},
    {"globals", &pe_bi_globals.ob, false}, {"locals", &pe_bi_locals.ob, false},
#define PE_EXC_BUILTIN(name, base) {#name, &pe_exc_types[PE_EXC_##name].ob, true},
    PE_EXCEPTIONS(PE_EXC_BUILTIN)
#undef PE_EXC_BUILTIN
    {"IOError", &pe_exc_types[PE_EXC_OSError].ob, true}, /* aliases, as in CPython */
    {"EnvironmentError", &pe_exc_types[PE_EXC_OSError].ob, true},
};

#define NBUILTINS (sizeof builtin_table / sizeof builtin_table[0])

int pe_builtin_lookup(const char *name, size_t len) {
    for (size_t i = 0; i < NBUILTINS; i++)
        if (strlen(builtin_table[i].name) == len && !memcmp(builtin_table[i].name, name, len)) {
            if (!strcmp(builtin_table[i].name, "LimitError")) return -1; /* host-only */
            return (int)i;
        }
    return -1;
}

/* CPython 3.11's builtins (keywords aside) and a script's module globals
 * that pyexpr does not provide. Using one raises NotImplementedError naming
 * it, never a NameError that reads like a typo; `sandbox` marks those left
 * out on purpose (files, the terminal, running code, leaving the process).
 * docs/language.md lists them and tests/test_semantics.py checks both lists
 * against CPython. */
typedef struct unsupported_builtin {
    const char *name;
    bool sandbox;
} unsupported_builtin;

static const unsupported_builtin unsupported_builtins[] = {
    {"BaseExceptionGroup", false}, {"ExceptionGroup", false},
    {"__build_class__", false}, {"__debug__", false},
    {"__doc__", false}, {"__import__", true}, {"__loader__", false}, {"__package__", false},
    {"__spec__", false}, {"aiter", false}, {"anext", false}, {"breakpoint", true},
    {"compile", true},
    {"complex", false}, {"copyright", false}, {"credits", false}, {"exit", true},
    {"help", true}, {"input", true}, {"license", false},
    {"memoryview", false}, {"open", true}, {"quit", true}, {"__annotations__", false}, {"__builtins__", false},
    {"__cached__", false}, {"__file__", true},
};

int pe_builtin_unsupported(pe_state *S, const pe_str *name) {
    for (size_t i = 0; i < sizeof unsupported_builtins / sizeof unsupported_builtins[0]; i++) {
        const unsupported_builtin *u = &unsupported_builtins[i];
        if (strcmp(u->name, name->data)) continue;
        pe_raise(S, PE_EXC(NotImplementedError),
                 u->sandbox ? "built-in '%s' is not available in the pyexpr sandbox"
                            : "built-in '%s' is not supported by pyexpr",
                 u->name);
        return 1;
    }
    return 0;
}

pe_val pe_builtin_value(int index) { return pe_obj_val((pe_obj *)builtin_table[index].obj); }

bool pe_builtin_bounded(int index) {
    return index >= 0 && (size_t)index < NBUILTINS && builtin_table[index].bounded;
}

/* Name of builtin `index` (the REPL's completion walks 0, 1, ...): NULL
 * past the end, "" for a host-only entry that scripts cannot see. */
const char *pe_builtin_name(int index) {
    if (index < 0 || (size_t)index >= NBUILTINS) return NULL;
    return strcmp(builtin_table[index].name, "LimitError") ? builtin_table[index].name : "";
}
