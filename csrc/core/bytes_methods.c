/*
 * bytes_methods.c - the methods of bytes and bytearray (CPython 3.11
 * signatures, keyword names and error messages: Objects/bytes_methods.c,
 * bytesobject.c, bytearrayobject.c and their Argument Clinic wrappers).
 *
 * Every method of bytes also works on a bytearray and returns a bytearray
 * there. The data of a bytearray can move whenever Python code or an
 * allocation may run, so views are re-read after any such step.
 */
#include <stdio.h>

#include "cont_internal.h"
#include "str_impl.h"

int pe_bytes_decode_method(pe_state *S, pe_val self, int argc, const pe_val *argv,
                           pe_obj *kwnames, pe_val *out);

#define METHOD(name)                                                                   \
    static int name(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kwnames, \
                    pe_val *out)
#define VIEW(p, n)                                                                      \
    const unsigned char *p;                                                             \
    size_t n;                                                                           \
    pe_bytes_view(self, &p, &n)

/* The type that results take: self's (the type itself for classmethods). */
static const pe_type *rtype(pe_val self) {
    if (pe_is_kind(self, PE_K_TYPE)) return (const pe_type *)self.u.o;
    return pe_typeof(self);
}
static const char *tname(pe_val self) { return rtype(self)->name; }

static int mk(pe_state *S, pe_val self, const unsigned char *p, size_t n, pe_val *out) {
    return pe_bytes_new_as(S, rtype(self), n ? p : (const unsigned char *)"", n, out);
}

/* ------------------------------------------------------------------ */
/* Argument checking                                                   */
/* ------------------------------------------------------------------ */

static size_t nkw(pe_obj *kwnames) { return cont_nkw(kwnames); }

/* METH_NOARGS / METH_O: "bytes.upper() takes no arguments (1 given)". */
static int chk_noargs(pe_state *S, pe_val self, const char *name, int argc, pe_obj *kwnames) {
    if (nkw(kwnames))
        return pe_raise(S, PE_EXC(TypeError), "%s.%s() takes no keyword arguments", tname(self), name);
    if (argc)
        return pe_raise(S, PE_EXC(TypeError), "%s.%s() takes no arguments (%d given)", tname(self),
                        name, argc);
    return 0;
}
static int chk_onearg(pe_state *S, pe_val self, const char *name, int argc, pe_obj *kwnames) {
    if (nkw(kwnames))
        return pe_raise(S, PE_EXC(TypeError), "%s.%s() takes no keyword arguments", tname(self), name);
    if (argc != 1)
        return pe_raise(S, PE_EXC(TypeError), "%s.%s() takes exactly one argument (%d given)",
                        tname(self), name, argc);
    return 0;
}

/* Argument Clinic, positional only: "maketrans expected 2 arguments, got 1";
 * "bytes.replace() takes no keyword arguments". */
static int chk_clinic(pe_state *S, pe_val self, const char *name, int argc, pe_obj *kwnames, int min,
                      int max) {
    char qualname[48];
    snprintf(qualname, sizeof qualname, "%s.%s", tname(self), name);
    return pe_cont_posargs(S, qualname, name, argc, kwnames, min, max);
}

/* PyArg_ParseTuple "O|OO:find": "find() takes at least 1 argument (0 given)". */
static int chk_tuple(pe_state *S, pe_val self, const char *name, int argc, pe_obj *kwnames,
                     int min, int max) {
    if (nkw(kwnames))
        return pe_raise(S, PE_EXC(TypeError), "%s.%s() takes no keyword arguments", tname(self), name);
    if (argc < min)
        return pe_raise(S, PE_EXC(TypeError), "%s() takes at least %d argument%s (%d given)", name,
                        min, min == 1 ? "" : "s", argc);
    if (argc > max)
        return pe_raise(S, PE_EXC(TypeError), "%s() takes at most %d argument%s (%d given)", name,
                        max, max == 1 ? "" : "s", argc);
    return 0;
}

/* An index-like int argument (ssize_t); UNDEF keeps *out. */
static int int_arg(pe_state *S, pe_val v, int64_t *out) {
    if (v.tag == PE_TUNDEF) return 0;
    return pe_ps_arg_ssize(S, v, out);
}

/* A bytes-like argument: "a bytes-like object is required, not 'str'". */
static int buf_arg(pe_state *S, pe_val v, const unsigned char **p, size_t *n) {
    if (pe_bytes_view(v, p, n)) return 0;
    return pe_raise(S, PE_EXC(TypeError), "a bytes-like object is required, not '%s'",
                    pe_type_name(v));
}

/* The one bytes-like argument of NAME(x) (partition, removeprefix, ...). */
static int one_buf_arg(pe_state *S, pe_val self, const char *name, int argc, const pe_val *argv,
                       pe_obj *kwnames, const unsigned char **p, size_t *n) {
    if (chk_onearg(S, self, name, argc, kwnames)) return -1;
    return buf_arg(S, argv[0], p, n);
}

/* The needle of find()/count()/index(): bytes-like or an int byte. One-byte
 * needles are copied into *tmp so a bytearray's buffer may move. */
static int needle_arg(pe_state *S, pe_val v, const unsigned char **p, size_t *n,
                      unsigned char *tmp) {
    if (pe_bytes_view(v, p, n)) return 0;
    if (v.tag == PE_TINT || v.tag == PE_TBOOL || pe_is_bigint(v)) {
        if (pe_is_bigint(v) || v.u.i < 0 || v.u.i > 255)
            return pe_raise(S, PE_EXC(ValueError), "byte must be in range(0, 256)");
        *tmp = (unsigned char)v.u.i;
        *p = tmp;
        *n = 1;
        return 0;
    }
    return pe_raise(S, PE_EXC(TypeError),
                    "argument should be integer or bytes-like object, not '%s'", pe_type_name(v));
}

static bool is_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
static bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static bool is_alpha(unsigned char c) { return is_lower(c) || is_upper(c); }
static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* ------------------------------------------------------------------ */
/* Searching                                                           */
/* ------------------------------------------------------------------ */

/* memmem over bounded windows (~64 KiB, or 4 needle lengths): repeated
 * searches from a moving start (count, replace, split) stay linear even
 * where memmem looks at its whole haystack first (sanitizer interceptors).
 * A window holds every match that starts in its first W bytes. */
static const unsigned char *pb_memmem(const unsigned char *h, size_t hl, const unsigned char *nd,
                                      size_t nl) {
    if (nl == 0) return h;
    size_t W = nl > 16384 ? 4 * nl : 65536;
    while (hl >= nl) {
        size_t span = hl - (nl - 1) <= W ? hl : W + nl - 1;
        const unsigned char *m = memmem(h, span, nd, nl);
        if (m || span == hl) return m;
        h += W;
        hl -= W;
    }
    return NULL;
}

/* Finds needle in h[start, end): first (dir > 0) or last match; -1. */
static int64_t find_in(const unsigned char *h, int64_t start, int64_t end,
                       const unsigned char *nd, size_t nn, int dir) {
    if (end - start < (int64_t)nn || start > end) return -1;
    if (nn == 0) return dir > 0 ? start : end;
    if (dir > 0) {
        const unsigned char *r = pb_memmem(h + start, (size_t)(end - start), nd, nn);
        return r ? (int64_t)(r - h) : -1;
    }
    for (int64_t i = end - (int64_t)nn; i >= start; i--)
        if (h[i] == nd[0] && !memcmp(h + i, nd, nn)) return i;
    return -1;
}

static int64_t count_in(const unsigned char *h, int64_t start, int64_t end,
                        const unsigned char *nd, size_t nn) {
    if (start > end || end - start < (int64_t)nn) return 0;
    if (nn == 0) return end - start + 1;
    int64_t c = 0;
    for (int64_t i = start; i + (int64_t)nn <= end;) {
        const unsigned char *r = pb_memmem(h + i, (size_t)(end - i), nd, nn);
        if (!r) break;
        c++;
        i = (int64_t)(r - h) + (int64_t)nn;
    }
    return c;
}

/* find/rfind/index/rindex/count: (sub[, start[, end]]). */
static int search(pe_state *S, pe_val self, const char *name, int argc, const pe_val *argv,
                  pe_obj *kwnames, int kind, pe_val *out) {
    if (chk_tuple(S, self, name, argc, kwnames, 1, 3)) return -1;
    unsigned char tmp;
    const unsigned char *nd;
    size_t nn;
    if (needle_arg(S, argv[0], &nd, &nn, &tmp)) return -1;
    int64_t start = 0, end = INT64_MAX;
    if ((argc > 1 && pe_args_slice_index(S, argv[1], &start)) || (argc > 2 && pe_args_slice_index(S, argv[2], &end)))
        return -1;
    if (nd != &tmp) pe_bytes_view(argv[0], &nd, &nn); /* re-read after the conversions */
    VIEW(p, n);
    pe_adjust_indices(&start, &end, (int64_t)n);
    if (kind == 2) {
        *out = pe_int(count_in(p, start, end, nd, nn));
        return 0;
    }
    int64_t r = find_in(p, start, end, nd, nn, kind == 0 ? 1 : -1);
    *out = pe_int(r);
    if (r < 0 && !strchr(name, 'f')) /* index / rindex */
        return pe_raise(S, PE_EXC(ValueError), "subsection not found");
    return 0;
}

METHOD(m_find) { return search(S, self, "find", argc, argv, kwnames, 0, out); }
METHOD(m_rfind) { return search(S, self, "rfind", argc, argv, kwnames, 1, out); }
METHOD(m_index) { return search(S, self, "index", argc, argv, kwnames, 0, out); }
METHOD(m_rindex) { return search(S, self, "rindex", argc, argv, kwnames, 1, out); }
METHOD(m_count) { return search(S, self, "count", argc, argv, kwnames, 2, out); }

/* startswith/endswith: (prefix or tuple[, start[, end]]). */
static int affix(pe_state *S, pe_val self, const char *name, int argc, const pe_val *argv,
                 pe_obj *kwnames, bool end_, pe_val *out) {
    if (chk_tuple(S, self, name, argc, kwnames, 1, 3)) return -1;
    int64_t start = 0, end = INT64_MAX;
    if ((argc > 1 && pe_args_slice_index(S, argv[1], &start)) || (argc > 2 && pe_args_slice_index(S, argv[2], &end)))
        return -1;
    pe_val x = argv[0];
    bool tuple = pe_is_tuple(x);
    size_t cnt = tuple ? PE_TUPLE(x)->n : 1;
    const unsigned char *q;
    size_t m;
    if (!tuple && !pe_bytes_view(x, &q, &m))
        return pe_raise(S, PE_EXC(TypeError),
                        "%s first arg must be bytes or a tuple of bytes, not %s", name,
                        pe_type_name(x));
    for (size_t i = 0; i < cnt; i++) {
        pe_val e = tuple ? PE_TUPLE(x)->items[i] : x;
        if (buf_arg(S, e, &q, &m)) return -1;
        VIEW(p, n);
        int64_t s = start, en = end;
        pe_adjust_indices(&s, &en, (int64_t)n);
        if (en - s < (int64_t)m || s > (int64_t)n) continue;
        int64_t at = end_ ? en - (int64_t)m : s;
        if (m == 0 || !memcmp(p + at, q, m)) {
            *out = pe_bool(1);
            return 0;
        }
    }
    *out = pe_bool(0);
    return 0;
}

METHOD(m_startswith) { return affix(S, self, "startswith", argc, argv, kwnames, false, out); }
METHOD(m_endswith) { return affix(S, self, "endswith", argc, argv, kwnames, true, out); }

/* ------------------------------------------------------------------ */
/* Splitting and joining                                               */
/* ------------------------------------------------------------------ */

static int list_add(pe_state *S, pe_val self, pe_val l, const unsigned char *p, size_t n) {
    pe_val v;
    if (mk(S, self, p, n, &v)) return -1;
    return pe_list_append_steal(S, PE_LIST(l), v);
}

/* The pieces are copied from a snapshot: a bytearray may not change while
 * we build (no Python code runs), but copying keeps the code simple. */
static int split_impl(pe_state *S, pe_val self, const char *name, int argc, const pe_val *argv,
                      pe_obj *kwnames, bool right, pe_val *out) {
    static const char *const names[2] = {"sep", "maxsplit"};
    pe_val a[2];
    if (pe_args_bind(S, name, argc, argv, kwnames, names, 2, 2, a)) return -1;
    int64_t maxsplit = -1;
    if (int_arg(S, a[1], &maxsplit)) return -1;
    const unsigned char *sep = NULL;
    size_t sl = 0;
    bool ws = a[0].tag == PE_TUNDEF || a[0].tag == PE_TNONE;
    if (!ws) {
        if (buf_arg(S, a[0], &sep, &sl)) return -1;
        if (sl == 0) return pe_raise(S, PE_EXC(ValueError), "empty separator");
    }
    if (maxsplit < 0) maxsplit = INT64_MAX;
    if (pe_list_new(S, 0, out)) return -1;
    VIEW(p, n);
    /* copy the separator (it may be self) */
    unsigned char sepbuf[16];
    unsigned char *sepc = sl <= sizeof sepbuf ? sepbuf : pe_mem_alloc(S, sl);
    if (!sepc) goto fail;
    if (sl) memcpy(sepc, sep, sl);
    int r = 0;
    if (ws) {
        if (!right) {
            size_t i = 0;
            while (i < n && !r) {
                while (i < n && is_space(p[i])) i++;
                if (i == n) break;
                if (maxsplit-- == 0) {
                    r = list_add(S, self, *out, p + i, n - i);
                    break;
                }
                size_t j = i;
                while (j < n && !is_space(p[j])) j++;
                r = list_add(S, self, *out, p + i, j - i);
                pe_bytes_view(self, &p, &n);
                i = j;
            }
        } else {
            size_t i = n;
            while (i > 0 && !r) {
                while (i > 0 && is_space(p[i - 1])) i--;
                if (i == 0) break;
                if (maxsplit-- == 0) {
                    r = list_add(S, self, *out, p, i);
                    break;
                }
                size_t j = i;
                while (j > 0 && !is_space(p[j - 1])) j--;
                r = list_add(S, self, *out, p + j, i - j);
                pe_bytes_view(self, &p, &n);
                i = j;
            }
            pe_list_reverse(PE_LIST(*out));
        }
    } else if (!right) {
        size_t i = 0;
        while (!r) {
            const unsigned char *f =
                maxsplit > 0 && n - i >= sl ? pb_memmem(p + i, n - i, sepc, sl) : NULL;
            if (!f) {
                r = list_add(S, self, *out, p + i, n - i);
                break;
            }
            size_t j = (size_t)(f - p);
            r = list_add(S, self, *out, p + i, j - i);
            pe_bytes_view(self, &p, &n);
            i = j + sl;
            maxsplit--;
        }
    } else {
        int64_t e = (int64_t)n;
        while (!r) {
            int64_t j = maxsplit > 0 ? find_in(p, 0, e, sepc, sl, -1) : -1;
            if (j < 0) {
                r = list_add(S, self, *out, p, (size_t)e);
                break;
            }
            r = list_add(S, self, *out, p + j + sl, (size_t)(e - j - (int64_t)sl));
            pe_bytes_view(self, &p, &n);
            e = j;
            maxsplit--;
        }
        pe_list_reverse(PE_LIST(*out));
    }
    if (sepc != sepbuf) pe_mem_free(S, sepc, sl);
    if (!r) return 0;
fail:
    pe_decref(S, *out);
    return -1;
}

METHOD(m_split) { return split_impl(S, self, "split", argc, argv, kwnames, false, out); }
METHOD(m_rsplit) { return split_impl(S, self, "rsplit", argc, argv, kwnames, true, out); }

METHOD(m_splitlines) {
    static const char *const names[1] = {"keepends"};
    pe_val a[1];
    if (pe_args_bind(S, "splitlines", argc, argv, kwnames, names, 1, 1, a)) return -1;
    int keep = 0;
    if (a[0].tag != PE_TUNDEF && pe_ps_arg_int(S, a[0], &keep)) return -1;
    if (pe_list_new(S, 0, out)) return -1;
    VIEW(p, n);
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && p[j] != '\n' && p[j] != '\r') j++;
        size_t e = j;
        if (j < n) e += (p[j] == '\r' && j + 1 < n && p[j + 1] == '\n') ? 2 : 1;
        if (list_add(S, self, *out, p + i, (keep ? e : j) - i)) {
            pe_decref(S, *out);
            return -1;
        }
        pe_bytes_view(self, &p, &n);
        i = e;
    }
    return 0;
}

/* sep.join(iterable): items bytes-like. The items are gathered first (the
 * iteration may run Python code), then the result is built. */
METHOD(m_join) {
    if (chk_onearg(S, self, "join", argc, kwnames)) return -1;
    pe_val items;
    if (pe_is_list(argv[0]) || pe_is_tuple(argv[0])) {
        pe_incref(argv[0]);
        items = argv[0];
    } else {
        if (pe_typeof(argv[0])->iter == NULL)
            return pe_raise(S, PE_EXC(TypeError), "can only join an iterable");
        if (pe_list_from_iter(S, argv[0], &items)) return -1;
    }
    size_t cnt = pe_is_list(items) ? PE_LIST(items)->n : PE_TUPLE(items)->n;
    pe_val *it = pe_is_list(items) ? PE_LIST(items)->items : PE_TUPLE(items)->items;
    pe_sb sb;
    pe_sb_init(&sb, S);
    int r = 0;
    for (size_t i = 0; i < cnt && !r; i++) {
        const unsigned char *q;
        size_t m;
        if (!pe_bytes_view(it[i], &q, &m)) {
            r = pe_raise(S, PE_EXC(TypeError),
                         "sequence item %zu: expected a bytes-like object, %s found", i,
                         pe_type_name(it[i]));
            break;
        }
        if (i) {
            VIEW(p, n);
            r = pe_sb_putn(&sb, (const char *)p, n);
        }
        if (!r) r = pe_sb_putn(&sb, (const char *)q, m);
        if (!r && (i & 1023) == 1023) r = pe_work(S, 1024);
    }
    pe_decref(S, items);
    if (r) {
        pe_sb_free(&sb);
        return -1;
    }
    return pe_sb_to_bytes(&sb, rtype(self), out);
}

/* partition / rpartition */
static int partition(pe_state *S, pe_val self, const char *name, int argc, const pe_val *argv,
                     pe_obj *kwnames, bool right, pe_val *out) {
    const unsigned char *q;
    size_t m;
    if (one_buf_arg(S, self, name, argc, argv, kwnames, &q, &m)) return -1;
    if (m == 0) return pe_raise(S, PE_EXC(ValueError), "empty separator");
    VIEW(p, n);
    int64_t at = find_in(p, 0, (int64_t)n, q, m, right ? -1 : 1);
    pe_val parts[3] = {pe_undef(), pe_undef(), pe_undef()};
    int r;
    if (at < 0) {
        /* partition: (self, b'', b''); rpartition: (b'', b'', self) */
        r = mk(S, self, NULL, 0, &parts[right ? 0 : 1]);
        if (!r) {
            parts[right ? 1 : 2] = parts[right ? 0 : 1];
            pe_incref(parts[right ? 1 : 2]);
            pe_bytes_view(self, &p, &n);
            r = mk(S, self, p, n, &parts[right ? 2 : 0]);
        }
    } else {
        size_t a = (size_t)at;
        r = mk(S, self, p, a, &parts[0]);
        pe_bytes_view(argv[0], &q, &m);
        if (!r) {
            /* bytes: the separator object itself (CPython); bytearray: a copy */
            if (pe_is_bytes(self)) pe_incref(argv[0]), parts[1] = argv[0];
            else r = mk(S, self, q, m, &parts[1]);
        }
        pe_bytes_view(self, &p, &n);
        if (!r) r = mk(S, self, p + a + m, n - a - m, &parts[2]);
    }
    if (!r) r = pe_tuple_pack(S, 3, parts, out);
    for (int i = 0; i < 3; i++) pe_decref(S, parts[i]);
    return r;
}

METHOD(m_partition) { return partition(S, self, "partition", argc, argv, kwnames, false, out); }
METHOD(m_rpartition) { return partition(S, self, "rpartition", argc, argv, kwnames, true, out); }

/* ------------------------------------------------------------------ */
/* replace, strip, affixes                                             */
/* ------------------------------------------------------------------ */

METHOD(m_replace) {
    if (chk_clinic(S, self, "replace", argc, kwnames, 2, 3)) return -1;
    const unsigned char *o, *nw;
    size_t on, nn;
    if (buf_arg(S, argv[0], &o, &on) || buf_arg(S, argv[1], &nw, &nn)) return -1;
    int64_t count = -1;
    if (argc > 2 && int_arg(S, argv[2], &count)) return -1;
    if (count < 0) count = INT64_MAX;
    pe_bytes_view(argv[0], &o, &on);
    pe_bytes_view(argv[1], &nw, &nn);
    VIEW(p, n);
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (on == 0) {
        /* insert new before every byte and at the end, count times */
        size_t i = 0;
        for (; i <= n && count > 0 && !sb.failed; count--) {
            pe_sb_putn(&sb, (const char *)nw, nn);
            if (i < n) pe_sb_putc(&sb, (char)p[i]);
            i++;
            if ((i & 4095) == 0 && pe_work(S, 4096)) {
                pe_sb_free(&sb);
                return -1;
            }
        }
        if (i < n) pe_sb_putn(&sb, (const char *)p + i, n - i);
    } else {
        size_t i = 0;
        while (i < n && !sb.failed) {
            const unsigned char *f = count > 0 && n - i >= on ? pb_memmem(p + i, n - i, o, on) : NULL;
            if (!f) break;
            size_t j = (size_t)(f - p);
            pe_sb_putn(&sb, (const char *)p + i, j - i);
            pe_sb_putn(&sb, (const char *)nw, nn);
            i = j + on;
            count--;
        }
        if (i < n) pe_sb_putn(&sb, (const char *)p + i, n - i);
    }
    return pe_sb_to_bytes(&sb, rtype(self), out);
}

/* strip/lstrip/rstrip([bytes]): which: 1 left, 2 right, 3 both. */
static int strip(pe_state *S, pe_val self, const char *name, int argc, const pe_val *argv,
                 pe_obj *kwnames, int which, pe_val *out) {
    if (chk_clinic(S, self, name, argc, kwnames, 0, 1)) return -1;
    bool set[256] = {false};
    if (argc == 0 || argv[0].tag == PE_TNONE) {
        for (int c = 0; c < 256; c++) set[c] = is_space((unsigned char)c);
    } else {
        const unsigned char *q;
        size_t m;
        if (buf_arg(S, argv[0], &q, &m)) return -1;
        for (size_t i = 0; i < m; i++) set[q[i]] = true;
    }
    VIEW(p, n);
    size_t i = 0, j = n;
    if (which & 1)
        while (i < j && set[p[i]]) i++;
    if (which & 2)
        while (j > i && set[p[j - 1]]) j--;
    if (pe_is_bytes(self) && i == 0 && j == n) return pe_incref(self), *out = self, 0;
    return mk(S, self, p + i, j - i, out);
}

METHOD(m_strip) { return strip(S, self, "strip", argc, argv, kwnames, 3, out); }
METHOD(m_lstrip) { return strip(S, self, "lstrip", argc, argv, kwnames, 1, out); }
METHOD(m_rstrip) { return strip(S, self, "rstrip", argc, argv, kwnames, 2, out); }

static int remove_affix(pe_state *S, pe_val self, const char *name, int argc, const pe_val *argv,
                        pe_obj *kwnames, bool suffix, pe_val *out) {
    const unsigned char *q;
    size_t m;
    if (one_buf_arg(S, self, name, argc, argv, kwnames, &q, &m)) return -1;
    VIEW(p, n);
    if (m && m <= n && !memcmp(suffix ? p + n - m : p, q, m))
        return mk(S, self, suffix ? p : p + m, n - m, out);
    if (pe_is_bytes(self)) return pe_incref(self), *out = self, 0;
    return mk(S, self, p, n, out);
}

METHOD(m_removeprefix) { return remove_affix(S, self, "removeprefix", argc, argv, kwnames, false, out); }
METHOD(m_removesuffix) { return remove_affix(S, self, "removesuffix", argc, argv, kwnames, true, out); }

/* ------------------------------------------------------------------ */
/* Padding                                                             */
/* ------------------------------------------------------------------ */

static int pad(pe_state *S, pe_val self, const char *name, int argc, const pe_val *argv,
               pe_obj *kwnames, int how, pe_val *out) {
    if (chk_clinic(S, self, name, argc, kwnames, 1, 2)) return -1;
    int64_t width;
    if (pe_ps_arg_ssize(S, argv[0], &width)) return -1;
    unsigned char fill = ' ';
    if (argc > 1) {
        const unsigned char *q;
        size_t m;
        if (!pe_bytes_view(argv[1], &q, &m) || m != 1)
            return pe_raise(S, PE_EXC(TypeError),
                            "%s() argument 2 must be a byte string of length 1, not %s", name,
                            argv[1].tag == PE_TNONE ? "None" : pe_type_name(argv[1]));
        fill = q[0];
    }
    VIEW(p, n);
    if (width <= (int64_t)n) {
        if (pe_is_bytes(self)) return pe_incref(self), *out = self, 0;
        return mk(S, self, p, n, out);
    }
    size_t total = (size_t)width, padn = total - n, left;
    if (pe_mem_check(S, total)) return -1;
    if (how == 0) left = 0;            /* ljust */
    else if (how == 1) left = padn;    /* rjust */
    else left = padn / 2 + (padn & total & 1); /* center: CPython's rounding */
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (pe_sb_reserve(&sb, total)) return pe_sb_to_bytes(&sb, rtype(self), out);
    pe_bytes_view(self, &p, &n);
    memset(sb.p, fill, left);
    if (n) memcpy(sb.p + left, p, n);
    memset(sb.p + left + n, fill, padn - left);
    sb.len = total;
    return pe_sb_to_bytes(&sb, rtype(self), out);
}

METHOD(m_ljust) { return pad(S, self, "ljust", argc, argv, kwnames, 0, out); }
METHOD(m_rjust) { return pad(S, self, "rjust", argc, argv, kwnames, 1, out); }
METHOD(m_center) { return pad(S, self, "center", argc, argv, kwnames, 2, out); }

METHOD(m_zfill) {
    if (chk_onearg(S, self, "zfill", argc, kwnames)) return -1;
    int64_t width;
    if (pe_ps_arg_ssize(S, argv[0], &width)) return -1;
    VIEW(p, n);
    if (width <= (int64_t)n) {
        if (pe_is_bytes(self)) return pe_incref(self), *out = self, 0;
        return mk(S, self, p, n, out);
    }
    if (pe_mem_check(S, (size_t)width)) return -1;
    size_t total = (size_t)width, fill = total - n;
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (pe_sb_reserve(&sb, total)) return pe_sb_to_bytes(&sb, rtype(self), out);
    pe_bytes_view(self, &p, &n);
    memset(sb.p, '0', fill);
    if (n) memcpy(sb.p + fill, p, n);
    if (n && (p[0] == '+' || p[0] == '-')) {
        sb.p[0] = (char)p[0];
        sb.p[fill] = '0';
    }
    sb.len = total;
    return pe_sb_to_bytes(&sb, rtype(self), out);
}

METHOD(m_expandtabs) {
    static const char *const names[1] = {"tabsize"};
    pe_val a[1];
    if (pe_args_bind(S, "expandtabs", argc, argv, kwnames, names, 1, 1, a)) return -1;
    int64_t tab = 8;
    if (a[0].tag != PE_TUNDEF) {
        int t;
        if (pe_ps_arg_int(S, a[0], &t)) return -1;
        tab = t;
    }
    VIEW(p, n);
    pe_sb sb;
    pe_sb_init(&sb, S);
    size_t col = 0;
    for (size_t i = 0; i < n && !sb.failed; i++) {
        if (p[i] == '\t') {
            if (tab > 0) {
                size_t k = (size_t)tab - col % (size_t)tab;
                if (pe_mem_check(S, sb.len + k)) {
                    pe_sb_free(&sb);
                    return -1;
                }
                pe_sb_fill(&sb, ' ', k);
                col += k;
            }
        } else {
            pe_sb_putc(&sb, (char)p[i]);
            col = (p[i] == '\n' || p[i] == '\r') ? 0 : col + 1;
        }
    }
    return pe_sb_to_bytes(&sb, rtype(self), out);
}

/* ------------------------------------------------------------------ */
/* Case and classification (ASCII only, as CPython's bytes)            */
/* ------------------------------------------------------------------ */

static int map_case(pe_state *S, pe_val self, const char *name, int argc, pe_obj *kwnames,
                    int kind, pe_val *out) {
    if (chk_noargs(S, self, name, argc, kwnames)) return -1;
    VIEW(p, n);
    pe_val r;
    if (mk(S, self, p, n, &r)) return -1;
    const unsigned char *rp;
    size_t rn;
    pe_bytes_view(r, &rp, &rn);
    unsigned char *d = (unsigned char *)rp;
    bool prev_cased = false;
    for (size_t i = 0; i < rn; i++) {
        unsigned char c = d[i];
        switch (kind) {
        case 0: if (is_lower(c)) c ^= 32; break;                 /* upper */
        case 1: if (is_upper(c)) c ^= 32; break;                 /* lower */
        case 2: if (is_alpha(c)) c ^= 32; break;                 /* swapcase */
        case 3:                                                  /* capitalize */
            if (i == 0 ? is_lower(c) : is_upper(c)) c ^= 32;
            break;
        default:                                                 /* title */
            if (prev_cased ? is_upper(c) : is_lower(c)) c ^= 32;
            prev_cased = is_alpha(c);
            break;
        }
        d[i] = c;
    }
    *out = r;
    return 0;
}

METHOD(m_upper) { (void)argv; return map_case(S, self, "upper", argc, kwnames, 0, out); }
METHOD(m_lower) { (void)argv; return map_case(S, self, "lower", argc, kwnames, 1, out); }
METHOD(m_swapcase) { (void)argv; return map_case(S, self, "swapcase", argc, kwnames, 2, out); }
METHOD(m_capitalize) { (void)argv; return map_case(S, self, "capitalize", argc, kwnames, 3, out); }
METHOD(m_title) { (void)argv; return map_case(S, self, "title", argc, kwnames, 4, out); }

/* NAME(): every byte satisfies pred (the result for no bytes is empty). */
static int classify(pe_state *S, pe_val self, const char *name, int argc, pe_obj *kwnames,
                    bool (*pred)(unsigned char), bool empty, pe_val *out) {
    if (chk_noargs(S, self, name, argc, kwnames)) return -1;
    VIEW(p, n);
    bool ok = n > 0 || empty;
    for (size_t i = 0; i < n && ok; i++) ok = pred(p[i]);
    *out = pe_bool(ok);
    return 0;
}

static bool is_alnum(unsigned char c) { return is_alpha(c) || is_digit(c); }
static bool is_ascii(unsigned char c) { return c < 0x80; }

METHOD(m_isdigit) { (void)argv; return classify(S, self, "isdigit", argc, kwnames, is_digit, false, out); }
METHOD(m_isalpha) { (void)argv; return classify(S, self, "isalpha", argc, kwnames, is_alpha, false, out); }
METHOD(m_isalnum) { (void)argv; return classify(S, self, "isalnum", argc, kwnames, is_alnum, false, out); }
METHOD(m_isspace) { (void)argv; return classify(S, self, "isspace", argc, kwnames, is_space, false, out); }

METHOD(m_isascii) { (void)argv; return classify(S, self, "isascii", argc, kwnames, is_ascii, true, out); }

/* isupper/islower: at least one cased byte, none of the other case. */
static int cased(pe_state *S, pe_val self, const char *name, int argc, pe_obj *kwnames, bool up,
                 pe_val *out) {
    if (chk_noargs(S, self, name, argc, kwnames)) return -1;
    VIEW(p, n);
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if (up ? is_lower(p[i]) : is_upper(p[i])) {
            *out = pe_bool(0);
            return 0;
        }
        if (up ? is_upper(p[i]) : is_lower(p[i])) any = true;
    }
    *out = pe_bool(any);
    return 0;
}

METHOD(m_isupper) { (void)argv; return cased(S, self, "isupper", argc, kwnames, true, out); }
METHOD(m_islower) { (void)argv; return cased(S, self, "islower", argc, kwnames, false, out); }

METHOD(m_istitle) {
    (void)argv;
    if (chk_noargs(S, self, "istitle", argc, kwnames)) return -1;
    VIEW(p, n);
    bool cased_ = false, prev = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (is_upper(c)) {
            if (prev) return *out = pe_bool(0), 0;
            prev = cased_ = true;
        } else if (is_lower(c)) {
            if (!prev) return *out = pe_bool(0), 0;
            prev = cased_ = true;
        } else {
            prev = false;
        }
    }
    *out = pe_bool(cased_);
    return 0;
}

/* ------------------------------------------------------------------ */
/* hex / fromhex                                                       */
/* ------------------------------------------------------------------ */

METHOD(m_hex) {
    static const char *const names[2] = {"sep", "bytes_per_sep"};
    pe_val a[2];
    if (pe_args_bind(S, "hex", argc, argv, kwnames, names, 2, 2, a)) return -1;
    int per = 1;
    char sep = 0;
    if (a[0].tag != PE_TUNDEF) {
        /* _Py_strhex_impl: the length first, then the type */
        const unsigned char *q;
        size_t m;
        int64_t len;
        if (pe_is_str(a[0])) len = (int64_t)PE_STR(a[0])->nchars;
        else if (pe_bytes_view(a[0], &q, &m)) len = (int64_t)m;
        else if (pe_len(S, a[0], &len)) return -1;
        if (len != 1) return pe_raise(S, PE_EXC(ValueError), "sep must be length 1.");
        unsigned char c;
        if (pe_is_str(a[0])) c = (unsigned char)PE_STR(a[0])->data[0];
        else if (pe_is_bytes(a[0])) c = PE_BYTES(a[0])->data[0];
        else return pe_raise(S, PE_EXC(TypeError), "sep must be str or bytes.");
        if (c >= 0x80) return pe_raise(S, PE_EXC(ValueError), "sep must be ASCII.");
        sep = (char)c;
    }
    if (a[1].tag != PE_TUNDEF && pe_ps_arg_int(S, a[1], &per)) return -1;
    VIEW(p, n);
    static const char hexd[] = "0123456789abcdef";
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (n > SIZE_MAX / 4) return pe_raise_nomem(S);
    if (pe_sb_reserve(&sb, n * 3)) return pe_sb_to_str(&sb, out);
    pe_bytes_view(self, &p, &n);
    size_t group = per < 0 ? (size_t)(-(int64_t)per) : (size_t)per;
    for (size_t i = 0; i < n; i++) {
        if (sep && group && i) {
            /* per > 0: groups counted from the right; < 0: from the left */
            bool at = per > 0 ? (n - i) % group == 0 : i % group == 0;
            if (at) sb.p[sb.len++] = sep;
        }
        sb.p[sb.len++] = hexd[p[i] >> 4];
        sb.p[sb.len++] = hexd[p[i] & 15];
    }
    return pe_sb_to_str(&sb, out);
}

static int hexdig(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

METHOD(m_fromhex) {
    if (nkw(kwnames))
        return pe_raise(S, PE_EXC(TypeError), "%s.fromhex() takes no keyword arguments", tname(self));
    if (argc != 1)
        return pe_raise(S, PE_EXC(TypeError), "%s.fromhex() takes exactly one argument (%d given)",
                        tname(self), argc);
    if (!pe_is_str(argv[0]))
        return pe_raise(S, PE_EXC(TypeError), "fromhex() argument must be str, not %s",
                        argv[0].tag == PE_TNONE ? "None" : pe_type_name(argv[0]));
    const pe_str *s = PE_STR(argv[0]);
    const unsigned char *t = (const unsigned char *)s->data;
    if (!s->ascii) { /* CPython reports the first non-ASCII character first */
        size_t k = 0;
        while (t[k] < 0x80) k++;
        return pe_raise(S, PE_EXC(ValueError),
                        "non-hexadecimal number found in fromhex() arg at position %zu", k);
    }
    pe_sb sb;
    pe_sb_init(&sb, S);
    size_t i = 0, pos = 0; /* byte offset, code point position */
    for (;;) {
        while (i < s->len && is_space(t[i])) i++, pos++;
        if (i >= s->len) break;
        int hi = hexdig(t[i]);
        int lo = i + 1 < s->len ? hexdig(t[i + 1]) : -1;
        if (hi < 0 || lo < 0) {
            pe_sb_free(&sb);
            return pe_raise(S, PE_EXC(ValueError),
                            "non-hexadecimal number found in fromhex() arg at position %zu",
                            hi < 0 ? pos : pos + 1);
        }
        if (pe_sb_putc(&sb, (char)(hi * 16 + lo))) break;
        i += 2;
        pos += 2;
    }
    return pe_sb_to_bytes(&sb, rtype(self), out);
}

/* ------------------------------------------------------------------ */
/* translate / maketrans                                               */
/* ------------------------------------------------------------------ */

METHOD(m_translate) {
    static const char *const names[2] = {"table", "delete"};
    pe_val a[2];
    if (pe_args_bind(S, "translate", argc, argv, kwnames, names, 2, 2, a)) return -1;
    if (a[0].tag == PE_TUNDEF)
        return pe_raise(S, PE_EXC(TypeError), "translate() missing required argument 'table' (pos 1)");
    /* `table` is positional-only in CPython; a keyword table is rejected above
     * only by name matching, good enough for the messages that matter */
    unsigned char table[256];
    bool del[256] = {false};
    if (a[0].tag == PE_TNONE) {
        for (int c = 0; c < 256; c++) table[c] = (unsigned char)c;
    } else {
        const unsigned char *q;
        size_t m;
        if (buf_arg(S, a[0], &q, &m)) return -1;
        if (m != 256)
            return pe_raise(S, PE_EXC(ValueError), "translation table must be 256 characters long");
        memcpy(table, q, 256);
    }
    if (a[1].tag != PE_TUNDEF) {
        const unsigned char *q;
        size_t m;
        if (buf_arg(S, a[1], &q, &m)) return -1;
        for (size_t i = 0; i < m; i++) del[q[i]] = true;
    }
    VIEW(p, n);
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (pe_sb_reserve(&sb, n)) return pe_sb_to_bytes(&sb, rtype(self), out);
    pe_bytes_view(self, &p, &n);
    for (size_t i = 0; i < n; i++)
        if (!del[p[i]]) sb.p[sb.len++] = (char)table[p[i]];
    return pe_sb_to_bytes(&sb, rtype(self), out);
}

METHOD(m_maketrans) {
    (void)self;
    if (chk_clinic(S, self, "maketrans", argc, kwnames, 2, 2)) return -1;
    const unsigned char *f, *t;
    size_t fn, tn;
    if (buf_arg(S, argv[0], &f, &fn) || buf_arg(S, argv[1], &t, &tn)) return -1;
    if (fn != tn) return pe_raise(S, PE_EXC(ValueError), "maketrans arguments must have same length");
    pe_bytes *r = pe_bytes_alloc(S, 256);
    if (!r) return -1;
    pe_bytes_view(argv[0], &f, &fn);
    pe_bytes_view(argv[1], &t, &tn);
    for (int c = 0; c < 256; c++) r->data[c] = (unsigned char)c;
    for (size_t i = 0; i < fn; i++) r->data[f[i]] = t[i];
    *out = pe_obj_val(&r->ob);
    return 0;
}

/* ------------------------------------------------------------------ */
/* bytearray mutators                                                  */
/* ------------------------------------------------------------------ */

#define BA (PE_BYTEARRAY(self))

static int byte_arg(pe_state *S, pe_val v, int *out) {
    if (v.tag == PE_TINT || v.tag == PE_TBOOL || pe_is_bigint(v)) {
        if (pe_is_bigint(v) || v.u.i < 0 || v.u.i > 255)
            return pe_raise(S, PE_EXC(ValueError), "byte must be in range(0, 256)");
        *out = (int)v.u.i;
        return 0;
    }
    return pe_raise_not_index(S, v);
}

METHOD(m_append) {
    if (chk_onearg(S, self, "append", argc, kwnames)) return -1;
    int c;
    if (byte_arg(S, argv[0], &c) || pe_bytearray_reserve(S, BA, 1)) return -1;
    BA->data[BA->len++] = (unsigned char)c;
    *out = pe_none();
    return 0;
}

METHOD(m_extend) {
    if (chk_onearg(S, self, "extend", argc, kwnames)) return -1;
    pe_val x = argv[0];
    const unsigned char *q;
    size_t m;
    pe_sb sb;
    pe_sb_init(&sb, S);
    int r = 0;
    if (pe_bytes_view(x, &q, &m)) {
        r = pe_sb_putn(&sb, (const char *)q, m);
    } else if (pe_typeof(x)->iter == NULL) {
        r = pe_raise(S, PE_EXC(TypeError), "can't extend bytearray with %s", pe_type_name(x));
    } else {
        pe_val it;
        r = pe_iter(S, x, &it);
        while (!r) {
            pe_val v;
            int k = pe_next(S, it, &v);
            if (k <= 0) {
                r = k;
                break;
            }
            int c;
            r = byte_arg(S, v, &c);
            pe_decref(S, v);
            if (!r) r = pe_sb_putc(&sb, (char)c);
        }
        if (it.tag) pe_decref(S, it);
    }
    if (!r && sb.len) {
        r = pe_bytearray_reserve(S, BA, sb.len);
        if (!r) {
            memcpy(BA->data + BA->len, sb.p, sb.len);
            BA->len += sb.len;
        }
    }
    pe_sb_free(&sb);
    if (r) return -1;
    *out = pe_none();
    return 0;
}

METHOD(m_pop) {
    if (chk_clinic(S, self, "pop", argc, kwnames, 0, 1)) return -1;
    int64_t i = -1;
    if (argc && pe_ps_arg_ssize(S, argv[0], &i)) return -1;
    if (BA->len == 0) return pe_raise(S, PE_EXC(IndexError), "pop from empty bytearray");
    if (i < 0) i += (int64_t)BA->len;
    if (i < 0 || i >= (int64_t)BA->len)
        return pe_raise(S, PE_EXC(IndexError), "pop index out of range");
    int c = BA->data[i];
    memmove(BA->data + i, BA->data + i + 1, BA->len - (size_t)i - 1);
    BA->len--;
    *out = pe_int(c);
    return 0;
}

METHOD(m_insert) {
    if (chk_clinic(S, self, "insert", argc, kwnames, 2, 2)) return -1;
    int64_t i;
    int c;
    if (pe_ps_arg_ssize(S, argv[0], &i) || byte_arg(S, argv[1], &c)) return -1;
    if (pe_bytearray_reserve(S, BA, 1)) return -1;
    int64_t n = (int64_t)BA->len;
    if (i < 0) {
        i += n;
        if (i < 0) i = 0;
    }
    if (i > n) i = n;
    memmove(BA->data + i + 1, BA->data + i, (size_t)(n - i));
    BA->data[i] = (unsigned char)c;
    BA->len++;
    *out = pe_none();
    return 0;
}

METHOD(m_remove) {
    if (chk_onearg(S, self, "remove", argc, kwnames)) return -1;
    int c;
    if (byte_arg(S, argv[0], &c)) return -1;
    unsigned char *f = BA->len ? memchr(BA->data, c, BA->len) : NULL;
    if (!f) return pe_raise(S, PE_EXC(ValueError), "value not found in bytearray");
    size_t i = (size_t)(f - BA->data);
    memmove(BA->data + i, BA->data + i + 1, BA->len - i - 1);
    BA->len--;
    *out = pe_none();
    return 0;
}

METHOD(m_clear) {
    (void)argv;
    if (chk_noargs(S, self, "clear", argc, kwnames)) return -1;
    if (BA->cap) pe_mem_free(S, BA->data, BA->cap);
    BA->data = NULL;
    BA->len = BA->cap = 0;
    *out = pe_none();
    return 0;
}

METHOD(m_copy) {
    (void)argv;
    if (chk_noargs(S, self, "copy", argc, kwnames)) return -1;
    return pe_bytearray_new(S, BA->len ? BA->data : (unsigned char *)"", BA->len, out);
}

METHOD(m_reverse) {
    (void)argv;
    if (chk_noargs(S, self, "reverse", argc, kwnames)) return -1;
    for (size_t i = 0, j = BA->len; i + 1 < j; i++, j--) {
        unsigned char t = BA->data[i];
        BA->data[i] = BA->data[j - 1];
        BA->data[j - 1] = t;
    }
    *out = pe_none();
    return 0;
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */
/* ------------------------------------------------------------------ */

#define PB_COMMON_METHODS                                                                \
    PE_METHOD("capitalize", m_capitalize), PE_METHOD("center", m_center),                \
    PE_METHOD("count", m_count), PE_METHOD("decode", pe_bytes_decode_method),            \
    PE_METHOD("endswith", m_endswith), PE_METHOD("expandtabs", m_expandtabs),            \
    PE_METHOD("find", m_find), PE_METHOD("fromhex", m_fromhex), PE_METHOD("hex", m_hex), \
    PE_METHOD("index", m_index), PE_METHOD("isalnum", m_isalnum),                        \
    PE_METHOD("isalpha", m_isalpha), PE_METHOD("isascii", m_isascii),                    \
    PE_METHOD("isdigit", m_isdigit), PE_METHOD("islower", m_islower),                    \
    PE_METHOD("isspace", m_isspace), PE_METHOD("istitle", m_istitle),                    \
    PE_METHOD("isupper", m_isupper), PE_METHOD("join", m_join),                          \
    PE_METHOD("ljust", m_ljust), PE_METHOD("lower", m_lower),                            \
    PE_METHOD("lstrip", m_lstrip), PE_METHOD("maketrans", m_maketrans),                  \
    PE_METHOD("partition", m_partition), PE_METHOD("removeprefix", m_removeprefix),      \
    PE_METHOD("removesuffix", m_removesuffix), PE_METHOD("replace", m_replace),          \
    PE_METHOD("rfind", m_rfind), PE_METHOD("rindex", m_rindex),                          \
    PE_METHOD("rjust", m_rjust), PE_METHOD("rpartition", m_rpartition),                  \
    PE_METHOD("rsplit", m_rsplit), PE_METHOD("rstrip", m_rstrip),                        \
    PE_METHOD("split", m_split), PE_METHOD("splitlines", m_splitlines),                  \
    PE_METHOD("startswith", m_startswith), PE_METHOD("strip", m_strip),                  \
    PE_METHOD("swapcase", m_swapcase), PE_METHOD("title", m_title),                      \
    PE_METHOD("translate", m_translate), PE_METHOD("upper", m_upper),                    \
    PE_METHOD("zfill", m_zfill)

const pe_cfunc pe_bytes_methods[] = {
    PB_COMMON_METHODS,
    PE_METHOD_END,
};

const pe_cfunc pe_bytearray_methods[] = {
    PB_COMMON_METHODS,
    PE_METHOD("append", m_append),
    PE_METHOD("clear", m_clear),
    PE_METHOD("copy", m_copy),
    PE_METHOD("extend", m_extend),
    PE_METHOD("insert", m_insert),
    PE_METHOD("pop", m_pop),
    PE_METHOD("remove", m_remove),
    PE_METHOD("reverse", m_reverse),
    PE_METHOD_END,
};
