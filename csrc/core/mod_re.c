/*
 * mod_re.c - `_sre`, the C half of the `re` module (csrc/lib/re.py is
 * the Python half: re.error, the flags, the module-level functions and
 * the pattern cache, as CPython's re/__init__.py).
 *
 * _sre.compile(pattern, flags) returns a re.Pattern; its methods (match,
 * search, fullmatch, findall, finditer, sub, subn, split) and the
 * re.Match objects live here, over the engine of re_compile.c and
 * re_exec.c. Errors of patterns and templates are raised as re.error
 * through the class that re.py stores as _sre.error.
 *
 * Subjects: an ASCII str and bytes are matched in place (one byte per
 * character); any other str is decoded once into code points (a re_text
 * object shared by the matches that need it for slicing).
 */
#include <stdio.h>

#include "re_impl.h"
#include "cont_internal.h"
#include "pe_module.h"

#define TYPE_ERROR PE_EXC(TypeError)

/* ------------------------------------------------------------------ */
/* Subjects                                                            */
/* ------------------------------------------------------------------ */

/* Decoded code points of a non-ASCII str, shared by Match objects. */
typedef struct re_text {
    pe_obj ob;
    size_t n;
    uint32_t cp[];
} re_text;

static void re_text_dealloc(pe_state *S, pe_obj *o) {
    pe_obj_free(S, o, sizeof(re_text) + ((re_text *)o)->n * sizeof(uint32_t));
}

static const pe_type re_type_text = PE_TYPE("re_text", OTHER,
    .dealloc = re_text_dealloc,
);

/* A subject being matched: the value, its kind and its characters. */
typedef struct re_subj {
    pe_val string; /* borrowed */
    pe_val text;   /* owned re_text or UNDEF */
    bool is_bytes;
    pe_re_subject s;
} re_subj;

static void subj_free(pe_state *S, re_subj *j) { pe_drop(S, &j->text); }

/* getstring(): str, bytes or bytearray; the pattern's kind must agree. */
static int subj_init(pe_state *S, pe_val string, bool pat_bytes, re_subj *j) {
    memset(j, 0, sizeof *j);
    j->string = string;
    j->text = pe_undef();
    if (pe_is_str(string)) {
        if (pat_bytes)
            return pe_raise(S, TYPE_ERROR, "cannot use a bytes pattern on a string-like object");
        pe_str *s = PE_STR(string);
        if (s->ascii) {
            j->s.s8 = (const uint8_t *)s->data;
            j->s.len = s->len;
            return 0;
        }
        re_text *t = (re_text *)pe_obj_new(S, &re_type_text, sizeof(re_text) + s->nchars * sizeof(uint32_t));
        if (!t) return -1;
        t->n = s->nchars;
        size_t off = 0;
        for (size_t i = 0; i < s->nchars; i++) {
            size_t k;
            t->cp[i] = pe_utf8_decode(s->data + off, &k);
            off += k;
        }
        j->text = pe_obj_val(&t->ob);
        j->s.s32 = t->cp;
        j->s.len = t->n;
        return 0;
    }
    const unsigned char *p;
    size_t n;
    if (pe_is_bytes(string) || pe_is_kind(string, PE_K_BYTEARRAY)) {
        if (!pat_bytes)
            return pe_raise(S, TYPE_ERROR, "cannot use a string pattern on a bytes-like object");
        pe_bytes_view(string, &p, &n);
        j->is_bytes = true;
        if (!pe_is_bytes(string)) { /* a bytearray may change while we run: copy */
            if (pe_bytes_new(S, p, n, &j->text)) return -1;
            p = PE_BYTES(j->text)->data;
        }
        j->s.s8 = p;
        j->s.len = n;
        return 0;
    }
    return pe_raise(S, TYPE_ERROR, "expected string or bytes-like object, got '%s'",
                    pe_type_name(string));
}

/* string[a:b] as CPython's getslice: a str, or bytes for any bytes-like subject. */
static int subj_slice(pe_state *S, pe_val string, pe_val text, size_t a, size_t b, pe_val *out) {
    if (pe_is_str(string)) {
        if (text.tag == PE_TUNDEF) return pe_str_new(S, PE_STR(string)->data + a, b - a, out);
        const re_text *t = (const re_text *)text.u.o;
        size_t len = 0;
        char buf[4];
        for (size_t i = a; i < b; i++) len += pe_utf8_encode(t->cp[i], buf);
        pe_str *s = pe_str_alloc(S, len);
        if (!s) return -1;
        size_t w = 0;
        for (size_t i = a; i < b; i++) w += pe_utf8_encode(t->cp[i], s->data + w);
        pe_str_finish(s);
        *out = pe_obj_val(&s->ob);
        return 0;
    }
    /* bytes-like subjects give bytes (a bytearray was copied into text) */
    pe_val src = pe_is_bytes(text) ? text : string;
    return pe_bytes_new(S, PE_BYTES(src)->data + a, b - a, out);
}

/* ------------------------------------------------------------------ */
/* re.error                                                            */
/* ------------------------------------------------------------------ */

/* Raises re.error(msg, pattern, pos) (pos < 0: None), through the class
 * re.py stored as _sre.error. kind as pe_re_err.kind. */
static int raise_re_error(pe_state *S, int kind, const char *msg, size_t len, pe_val pattern,
                          int64_t pos) {
    if (kind == 1) return pe_raise_str(S, PE_EXC(OverflowError), msg, len);
    if (kind == 2) return pe_raise_str(S, PE_EXC(ValueError), msg, len);
    if (kind == 3) return pe_raise_str(S, PE_EXC(RecursionError), msg, len);
    if (kind == 4) return pe_raise_str(S, PE_EXC(NotImplementedError), msg, len);
    pe_val mod, cls, args[3], inst;
    if (pe_import(S, "_sre", &mod)) return -1;
    int r = pe_module_get(S, mod, "error", &cls);
    pe_decref(S, mod);
    if (r) return -1;
    if (pe_str_new(S, msg, len, &args[0])) {
        pe_decref(S, cls);
        return -1;
    }
    args[1] = pattern;
    args[2] = pos < 0 ? pe_none() : pe_int(pos);
    r = pe_call(S, cls, pos < 0 && pattern.tag == PE_TNONE ? 1 : 3, args, NULL, &inst);
    pe_decref(S, cls);
    pe_decref(S, args[0]);
    if (r) return -1;
    r = pe_raise_exc(S, inst);
    pe_decref(S, inst);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Arguments                                                           */
/* ------------------------------------------------------------------ */

/* Argument Clinic binding (pe_args_bind): names[0..n) positional-or-
 * keyword, the first nreq required. Missing optional ones stay UNDEF. */
static int re_bind(pe_state *S, const char *fname, int argc, const pe_val *argv, pe_obj *kw,
                   const char *const *names, int n, int nreq, pe_val *slot) {
    if (pe_args_bind(S, fname, argc, argv, kw, names, n, n, slot)) return -1;
    for (int i = 0; i < nreq; i++)
        if (slot[i].tag == PE_TUNDEF)
            return pe_raise(S, TYPE_ERROR, "%s() missing required argument '%s' (pos %d)", fname,
                            names[i], i + 1);
    return 0;
}

/* An optional Py_ssize_t argument. */
static int ssize_arg(pe_state *S, pe_val v, int64_t dflt, int64_t *out) {
    if (v.tag == PE_TUNDEF) {
        *out = dflt;
        return 0;
    }
    return pe_ps_arg_ssize(S, v, out);
}

/* ------------------------------------------------------------------ */
/* Pattern                                                             */
/* ------------------------------------------------------------------ */

typedef struct re_pattern {
    pe_obj ob;
    pe_re_prog *prog;
    pe_val pattern; /* str or bytes */
    bool is_bytes;
} re_pattern;

#define PATTERN(v) ((re_pattern *)(v).u.o)

static void pattern_clear(pe_state *S, pe_obj *o) { pe_drop(S, &((re_pattern *)o)->pattern); }

static void pattern_dealloc(pe_state *S, pe_obj *o) {
    re_pattern *p = (re_pattern *)o;
    pattern_clear(S, o);
    pe_re_free(S, p->prog);
    pe_obj_free(S, o, sizeof(re_pattern));
}

extern const pe_type pe_re_type_scanner;

static const struct {
    const char *name;
    uint32_t value;
} re_flag_names[] = {
    {"re.TEMPLATE", PE_RE_TEMPLATE}, {"re.IGNORECASE", PE_RE_IGNORECASE},
    {"re.LOCALE", PE_RE_LOCALE},     {"re.MULTILINE", PE_RE_MULTILINE},
    {"re.DOTALL", PE_RE_DOTALL},     {"re.UNICODE", PE_RE_UNICODE},
    {"re.VERBOSE", PE_RE_VERBOSE},   {"re.DEBUG", PE_RE_DEBUG},
    {"re.ASCII", PE_RE_ASCII},
};

/* Appends "re.IGNORECASE|re.MULTILINE" for flags (pattern_repr's form). */
static int put_flags(pe_sb *sb, uint32_t flags) {
    bool first = true;
    for (size_t i = 0; i < sizeof re_flag_names / sizeof re_flag_names[0]; i++)
        if (flags & re_flag_names[i].value) {
            if (!first) pe_sb_putc(sb, '|');
            pe_sb_puts(sb, re_flag_names[i].name);
            flags &= ~re_flag_names[i].value;
            first = false;
        }
    if (flags) pe_sb_printf(sb, "%s0x%x", first ? "" : "|", flags);
    return sb->failed ? -1 : 0;
}

/* Appends repr(v) truncated to `max` characters (CPython's %.200R). */
static int put_repr_trunc(pe_state *S, pe_sb *sb, pe_val v, size_t max) {
    pe_sb r;
    pe_sb_init(&r, S);
    if (pe_repr(S, v, &r)) {
        pe_sb_free(&r);
        return -1;
    }
    size_t off = 0, n = 0;
    while (off < r.len && n < max) {
        off += pe_utf8_seqlen((unsigned char)r.p[off]);
        n++;
    }
    if (off > r.len) off = r.len;
    pe_sb_putn(sb, r.p, off);
    pe_sb_free(&r);
    return sb->failed ? -1 : 0;
}

static int pattern_repr(pe_state *S, pe_val v, pe_sb *sb) {
    re_pattern *p = PATTERN(v);
    uint32_t flags = p->prog->info.flags;
    if (!p->is_bytes && (flags & (PE_RE_LOCALE | PE_RE_UNICODE | PE_RE_ASCII)) == PE_RE_UNICODE)
        flags &= ~(uint32_t)PE_RE_UNICODE;
    pe_sb_puts(sb, "re.compile(");
    if (put_repr_trunc(S, sb, p->pattern, 200)) return -1;
    if (flags) {
        pe_sb_puts(sb, ", ");
        if (put_flags(sb, flags)) return -1;
    }
    return pe_sb_putc(sb, ')');
}

static int pattern_richcmp(pe_state *S, pe_val a, pe_val b, int op, pe_val *out) {
    if ((op != PE_EQ && op != PE_NE) || pe_typeof(a) != &pe_re_type_pattern ||
        pe_typeof(b) != &pe_re_type_pattern)
        return PE_NOTIMPL;
    re_pattern *x = PATTERN(a), *y = PATTERN(b);
    int eq = 1;
    if (x != y) {
        eq = x->prog->info.flags == y->prog->info.flags && x->is_bytes == y->is_bytes;
        if (eq) {
            eq = pe_eq(S, x->pattern, y->pattern);
            if (eq < 0) return -1;
        }
    }
    *out = pe_bool(op == PE_EQ ? eq : !eq);
    return 0;
}

static int pattern_hash(pe_state *S, pe_val v, int64_t *out) {
    re_pattern *p = PATTERN(v);
    if (pe_hash(S, p->pattern, out)) return -1;
    *out ^= (int64_t)p->prog->info.flags * 1000003;
    if (*out == -1) *out = -2;
    return 0;
}

/* _sre.compile(pattern, flags) */
static int re_compile_fn(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                         pe_val *out) {
    (void)self;
    static const char *const names[] = {"pattern", "flags"};
    pe_val a[2];
    if (re_bind(S, "compile", argc, argv, kw, names, 2, 2, a)) return -1;
    int64_t flags;
    if (pe_ps_arg_ssize(S, a[1], &flags)) return -1;
    pe_val pat = a[0];
    bool is_bytes = false;
    uint32_t *cps = NULL;
    size_t n = 0;
    if (pe_is_str(pat)) {
        pe_str *s = PE_STR(pat);
        n = s->nchars;
        cps = pe_mem_alloc(S, (n + 1) * sizeof(uint32_t));
        if (!cps) return -1;
        size_t off = 0;
        for (size_t i = 0; i < n; i++) {
            size_t k;
            cps[i] = pe_utf8_decode(s->data + off, &k);
            off += k;
        }
    } else if (pe_is_bytes(pat)) {
        is_bytes = true;
        n = PE_BYTES(pat)->len;
        cps = pe_mem_alloc(S, (n + 1) * sizeof(uint32_t));
        if (!cps) return -1;
        for (size_t i = 0; i < n; i++) cps[i] = PE_BYTES(pat)->data[i];
    } else {
        return pe_raise(S, TYPE_ERROR, "first argument must be string or compiled pattern");
    }
    pe_re_err err;
    pe_sb_init(&err.msg, S);
    pe_re_prog *prog;
    int r = pe_re_compile(S, cps, n, (uint32_t)flags, is_bytes, &prog, &err);
    pe_mem_free(S, cps, (n + 1) * sizeof(uint32_t));
    if (r) {
        if (r > 0 && !err.msg.failed)
            raise_re_error(S, err.kind, err.msg.p, err.msg.len,
                           err.pos < 0 ? pe_none() : pat, err.pos);
        pe_sb_free(&err.msg);
        return -1;
    }
    pe_sb_free(&err.msg);
    re_pattern *p = (re_pattern *)pe_obj_new(S, &pe_re_type_pattern, sizeof(re_pattern));
    if (!p) {
        pe_re_free(S, prog);
        return -1;
    }
    p->prog = prog;
    p->is_bytes = is_bytes;
    pe_incref(pat);
    p->pattern = pat;
    *out = pe_obj_val(&p->ob);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Match                                                               */
/* ------------------------------------------------------------------ */

typedef struct re_match {
    pe_obj ob;
    pe_val string, pattern, text;
    int64_t pos, endpos, lastindex;
    uint32_t ngroups;
    int64_t spans[]; /* 2 * (ngroups + 1) */
} re_match;

#define MATCH(v) ((re_match *)(v).u.o)

static size_t match_size(uint32_t ngroups) {
    return sizeof(re_match) + 2 * ((size_t)ngroups + 1) * sizeof(int64_t);
}

static void match_clear(pe_state *S, pe_obj *o) {
    re_match *m = (re_match *)o;
    pe_drop(S, &m->string);
    pe_drop(S, &m->pattern);
    pe_drop(S, &m->text);
}

static void match_dealloc(pe_state *S, pe_obj *o) {
    match_clear(S, o);
    pe_obj_free(S, o, match_size(((re_match *)o)->ngroups));
}

/* Runs the pattern; *out a Match or None. */
static int do_match(pe_state *S, pe_val pattern, re_subj *j, int64_t pos, int64_t endpos,
                    int mode, bool must_advance, pe_val *out, int64_t *span_end) {
    re_pattern *p = PATTERN(pattern);
    uint32_t ng = p->prog->info.ngroups;
    int64_t len = (int64_t)j->s.len;
    if (pos < 0) pos = 0;
    if (pos > len) pos = len;
    if (endpos < 0) endpos = 0;
    if (endpos > len) endpos = len;
    *out = pe_none();
    if (pos > endpos) return 0;
    re_match *m = (re_match *)pe_obj_new(S, &pe_re_type_match, match_size(ng));
    if (!m) return -1;
    m->string = m->pattern = m->text = pe_undef();
    m->ngroups = ng;
    int r = pe_re_exec(S, p->prog, &j->s, (size_t)pos, (size_t)endpos, mode, must_advance,
                       m->spans, &m->lastindex);
    if (r <= 0) {
        pe_obj_free(S, &m->ob, match_size(ng));
        return r;
    }
    m->pos = pos;
    m->endpos = endpos;
    pe_incref(j->string);
    m->string = j->string;
    pe_incref(pattern);
    m->pattern = pattern;
    pe_incref(j->text);
    m->text = j->text;
    if (span_end) *span_end = m->spans[1];
    *out = pe_obj_val(&m->ob);
    return 1;
}

/* Pattern.match / search / fullmatch(string, pos=0, endpos=maxsize) */
static int pattern_run(pe_state *S, pe_val self, const char *fname, int mode, int argc,
                       const pe_val *argv, pe_obj *kw, pe_val *out) {
    static const char *const names[] = {"string", "pos", "endpos"};
    pe_val a[3];
    int64_t pos, endpos;
    if (re_bind(S, fname, argc, argv, kw, names, 3, 1, a) || ssize_arg(S, a[1], 0, &pos) ||
        ssize_arg(S, a[2], INT64_MAX, &endpos))
        return -1;
    re_subj j;
    if (subj_init(S, a[0], PATTERN(self)->is_bytes, &j)) return -1;
    int r = do_match(S, self, &j, pos, endpos, mode, false, out, NULL);
    subj_free(S, &j);
    return r < 0 ? -1 : 0;
}

#define RUN_METHOD(fn, name, mode)                                                             \
    static int fn(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,         \
                  pe_val *out) {                                                              \
        return pattern_run(S, self, name, mode, argc, argv, kw, out);                         \
    }
RUN_METHOD(pattern_match, "match", PE_RE_MATCH)
RUN_METHOD(pattern_search, "search", PE_RE_SEARCH)
RUN_METHOD(pattern_fullmatch, "fullmatch", PE_RE_FULLMATCH)

/* A match's group g value (None when unset, or dflt). */
static int match_group_val(pe_state *S, re_match *m, uint32_t g, pe_val dflt, pe_val *out) {
    int64_t a = m->spans[2 * g], b = m->spans[2 * g + 1];
    if (a < 0 || b < 0) {
        pe_incref(dflt);
        *out = dflt;
        return 0;
    }
    return subj_slice(S, m->string, m->text, (size_t)a, (size_t)b, out);
}

/* Group number of v (int or name) or IndexError "no such group". */
static int match_index(pe_state *S, re_match *m, pe_val v, uint32_t *g) {
    int64_t i;
    if (v.tag == PE_TINT || v.tag == PE_TBOOL) {
        i = v.u.i;
        if (i >= 0 && i <= (int64_t)m->ngroups) {
            *g = (uint32_t)i;
            return 0;
        }
    } else if (pe_is_str(v)) {
        const pe_re_info *inf = pe_re_prog_info(PATTERN(m->pattern)->prog);
        const pe_str *s = PE_STR(v);
        for (uint32_t k = 0; k < inf->nnames; k++) {
            if (inf->name_len[k] != s->nchars) continue;
            size_t off = 0;
            bool eq = true;
            for (uint32_t c = 0; c < inf->name_len[k] && eq; c++) {
                size_t n;
                eq = pe_utf8_decode(s->data + off, &n) == inf->names[inf->name_off[k] + c];
                off += n;
            }
            if (eq) {
                *g = inf->name_group[k];
                return 0;
            }
        }
    }
    return pe_raise(S, PE_EXC(IndexError), "no such group");
}

static int match_group(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *out) {
    re_match *m = MATCH(self);
    if (pe_no_kwargs(S, "group", kw)) return -1;
    uint32_t g = 0;
    if (argc <= 1) {
        if (argc == 1 && match_index(S, m, argv[0], &g)) return -1;
        return match_group_val(S, m, g, pe_none(), out);
    }
    pe_val t;
    if (pe_tuple_new(S, (size_t)argc, &t)) return -1;
    for (int i = 0; i < argc; i++) {
        if (match_index(S, m, argv[i], &g) ||
            match_group_val(S, m, g, pe_none(), &PE_TUPLE(t)->items[i])) {
            for (int k = i; k < argc; k++) PE_TUPLE(t)->items[k] = pe_none();
            pe_decref(S, t);
            return -1;
        }
    }
    *out = t;
    return 0;
}

static int match_getitem(pe_state *S, pe_val self, pe_val key, pe_val *out) {
    uint32_t g;
    if (match_index(S, MATCH(self), key, &g)) return -1;
    return match_group_val(S, MATCH(self), g, pe_none(), out);
}

/* One optional argument "default" (groups, groupdict). */
static int default_arg(pe_state *S, const char *fname, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *dflt) {
    static const char *const names[] = {"default"};
    pe_val a[1];
    if (re_bind(S, fname, argc, argv, kw, names, 1, 0, a)) return -1;
    *dflt = a[0].tag == PE_TUNDEF ? pe_none() : a[0];
    return 0;
}

static int match_groups(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                        pe_val *out) {
    re_match *m = MATCH(self);
    pe_val dflt, t;
    if (default_arg(S, "groups", argc, argv, kw, &dflt)) return -1;
    if (pe_tuple_new(S, m->ngroups, &t)) return -1;
    for (uint32_t g = 1; g <= m->ngroups; g++)
        if (match_group_val(S, m, g, dflt, &PE_TUPLE(t)->items[g - 1])) {
            for (uint32_t k = g; k <= m->ngroups; k++) PE_TUPLE(t)->items[k - 1] = pe_none();
            pe_decref(S, t);
            return -1;
        }
    *out = t;
    return 0;
}

/* The name of group number k of the pattern's name table as a str. */
static int name_str(pe_state *S, const pe_re_info *inf, uint32_t k, pe_val *out) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    char buf[4];
    for (uint32_t c = 0; c < inf->name_len[k]; c++)
        pe_sb_putn(&sb, buf, pe_utf8_encode(inf->names[inf->name_off[k] + c], buf));
    return pe_sb_to_str(&sb, out);
}

static int match_groupdict(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                           pe_val *out) {
    re_match *m = MATCH(self);
    const pe_re_info *inf = pe_re_prog_info(PATTERN(m->pattern)->prog);
    pe_val dflt, d;
    if (default_arg(S, "groupdict", argc, argv, kw, &dflt) || pe_dict_new(S, &d)) return -1;
    for (uint32_t k = 0; k < inf->nnames; k++) {
        pe_val key, val;
        if (name_str(S, inf, k, &key)) goto fail;
        if (match_group_val(S, m, inf->name_group[k], dflt, &val)) {
            pe_decref(S, key);
            goto fail;
        }
        int r = pe_dict_set(S, PE_DICT(d), key, val);
        pe_decref(S, key);
        pe_decref(S, val);
        if (r) goto fail;
    }
    *out = d;
    return 0;
fail:
    pe_decref(S, d);
    return -1;
}

/* start/end/span: which = 0 start, 1 end, 2 span. */
static int match_pos(pe_state *S, pe_val self, const char *fname, int which, int argc,
                     const pe_val *argv, pe_obj *kw, pe_val *out) {
    if (pe_no_kwargs(S, fname, kw)) return -1;
    if (argc > 1) return pe_raise(S, TYPE_ERROR, "%s expected at most 1 argument, got %d", fname, argc);
    uint32_t g = 0;
    if (argc == 1 && match_index(S, MATCH(self), argv[0], &g)) return -1;
    int64_t a = MATCH(self)->spans[2 * g], b = MATCH(self)->spans[2 * g + 1];
    if (a < 0 || b < 0) a = b = -1;
    if (which < 2) {
        *out = pe_int(which ? b : a);
        return 0;
    }
    pe_val t[2] = {pe_int(a), pe_int(b)};
    return pe_tuple_pack(S, 2, t, out);
}

#define POS_METHOD(fn, name, which)                                                            \
    static int fn(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,         \
                  pe_val *out) {                                                              \
        return match_pos(S, self, name, which, argc, argv, kw, out);                          \
    }
POS_METHOD(match_start, "start", 0)
POS_METHOD(match_end, "end", 1)
POS_METHOD(match_span, "span", 2)

static int match_repr(pe_state *S, pe_val v, pe_sb *sb) {
    re_match *m = MATCH(v);
    pe_val g0;
    if (match_group_val(S, m, 0, pe_none(), &g0)) return -1;
    pe_sb_printf(sb, "<re.Match object; span=(%lld, %lld), match=", (long long)m->spans[0],
                 (long long)m->spans[1]);
    int r = put_repr_trunc(S, sb, g0, 50);
    pe_decref(S, g0);
    if (r) return -1;
    return pe_sb_putc(sb, '>');
}

/* ------------------------------------------------------------------ */
/* Templates (sub, subn, Match.expand)                                 */
/* ------------------------------------------------------------------ */

/* A parsed replacement: literal pieces and group references. Items:
 * group >= 0 a reference, -1 a literal text[off..off+len). The literal
 * text is kept as str/bytes pieces already built. */
typedef struct re_tmpl {
    pe_val *items; /* str/bytes pieces, or int group numbers */
    size_t n, cap;
} re_tmpl;

static void tmpl_free(pe_state *S, re_tmpl *t) {
    for (size_t i = 0; i < t->n; i++) pe_decref(S, t->items[i]);
    if (t->items) pe_mem_free(S, t->items, t->cap * sizeof(pe_val));
    t->items = NULL;
    t->n = t->cap = 0;
}

static int tmpl_push(pe_state *S, re_tmpl *t, pe_val v) {
    if (t->n == t->cap) {
        size_t nc = t->cap ? 2 * t->cap : 8;
        pe_val *ni = pe_mem_realloc(S, t->items, t->cap * sizeof(pe_val), nc * sizeof(pe_val));
        if (!ni) {
            pe_decref(S, v);
            return -1;
        }
        t->items = ni;
        t->cap = nc;
    }
    t->items[t->n++] = v;
    return 0;
}

/* Flushes the literal being built (code points lit[0..*nlit)). */
static int tmpl_flush(pe_state *S, re_tmpl *t, bool is_bytes, uint32_t *lit, size_t *nlit) {
    if (!*nlit) return 0;
    pe_val v;
    if (is_bytes) {
        unsigned char *b = pe_mem_alloc(S, *nlit);
        if (!b) return -1;
        for (size_t i = 0; i < *nlit; i++) b[i] = (unsigned char)lit[i];
        int r = pe_bytes_new(S, b, *nlit, &v);
        pe_mem_free(S, b, *nlit);
        if (r) return -1;
    } else {
        pe_sb sb;
        pe_sb_init(&sb, S);
        char buf[4];
        for (size_t i = 0; i < *nlit; i++) pe_sb_putn(&sb, buf, pe_utf8_encode(lit[i], buf));
        if (pe_sb_to_str(&sb, &v)) return -1;
    }
    *nlit = 0;
    return tmpl_push(S, t, v);
}

/* re.error for a template: msg at position pos of the template. */
static int tmpl_error(pe_state *S, pe_val tpl, int64_t pos, const char *msg) {
    return raise_re_error(S, 0, msg, strlen(msg), tpl, pos);
}

static bool isid(const uint32_t *c, size_t n) {
    if (!n) return false;
    for (size_t i = 0; i < n; i++)
        if (c[i] != '_' && !(i ? pe_uni_isidcontinue(c[i]) : pe_uni_isidstart(c[i]))) return false;
    return true;
}

/* Parses template tpl (str or bytes, checked by the caller) for pattern. */
static int tmpl_parse(pe_state *S, re_pattern *pat, pe_val tpl, re_tmpl *out) {
    const pe_re_info *inf = pe_re_prog_info(pat->prog);
    re_subj j;
    bool tb = !pe_is_str(tpl); /* a template of the other kind fails in join, as CPython */
    if (subj_init(S, tpl, tb, &j)) return -1;
    size_t n = j.s.len;
    uint32_t *lit = pe_mem_alloc(S, (n + 1) * sizeof(uint32_t));
    if (!lit) {
        subj_free(S, &j);
        return -1;
    }
    size_t nlit = 0, i = 0;
    int r = -1;
#define TC(k) (j.s.s8 ? (uint32_t)j.s.s8[k] : j.s.s32[k])
    memset(out, 0, sizeof *out);
    while (i < n) {
        uint32_t c = TC(i);
        if (c != '\\') {
            lit[nlit++] = c;
            i++;
            continue;
        }
        if (i + 1 >= n) {
            tmpl_error(S, tpl, (int64_t)n - 1, "bad escape (end of pattern)");
            goto done;
        }
        size_t esc = i;
        c = TC(i + 1);
        i += 2;
        int64_t group = -1;
        if (c == 'g') {
            if (i >= n || TC(i) != '<') {
                tmpl_error(S, tpl, (int64_t)i, "missing <");
                goto done;
            }
            size_t st = ++i;
            while (i < n && TC(i) != '>') i++;
            if (i >= n) {
                if (st == n) tmpl_error(S, tpl, (int64_t)n, "missing group name");
                else tmpl_error(S, tpl, (int64_t)st, "missing >, unterminated name");
                goto done;
            }
            size_t nl = i - st;
            i++;
            if (!nl) {
                tmpl_error(S, tpl, (int64_t)st, "missing group name");
                goto done;
            }
            uint32_t *nm = lit + nlit; /* scratch after the literal */
            for (size_t k = 0; k < nl; k++) nm[k] = TC(st + k);
            if (isid(nm, nl)) {
                group = -1;
                for (uint32_t k = 0; k < inf->nnames && group < 0; k++)
                    if (inf->name_len[k] == nl &&
                        !memcmp(inf->names + inf->name_off[k], nm, nl * sizeof(uint32_t)))
                        group = inf->name_group[k];
                if (group < 0) {
                    pe_sb sb;
                    pe_sb_init(&sb, S);
                    pe_sb_puts(&sb, "unknown group name ");
                    pe_sb tmp;
                    pe_sb_init(&tmp, S);
                    char buf[4];
                    for (size_t k = 0; k < nl; k++) pe_sb_putn(&tmp, buf, pe_utf8_encode(nm[k], buf));
                    pe_text_repr(&sb, tmp.p, tmp.len);
                    pe_sb_free(&tmp);
                    if (!sb.failed) pe_raise_str(S, PE_EXC(IndexError), sb.p, sb.len);
                    pe_sb_free(&sb);
                    goto done;
                }
            } else {
                uint64_t v = 0;
                bool ok = true;
                for (size_t k = 0; k < nl; k++) {
                    if (nm[k] < '0' || nm[k] > '9') ok = false;
                    else if (v < 100000000000ull) v = v * 10 + (nm[k] - '0');
                }
                if (!ok) {
                    pe_sb sb;
                    pe_sb_init(&sb, S);
                    pe_sb tmp;
                    pe_sb_init(&tmp, S);
                    char buf[4];
                    for (size_t k = 0; k < nl; k++) pe_sb_putn(&tmp, buf, pe_utf8_encode(nm[k], buf));
                    pe_sb_puts(&sb, "bad character in group name ");
                    pe_text_repr(&sb, tmp.p, tmp.len);
                    pe_sb_free(&tmp);
                    if (!sb.failed)
                        raise_re_error(S, 0, sb.p, sb.len, tpl, (int64_t)st);
                    pe_sb_free(&sb);
                    goto done;
                }
                if (v > inf->ngroups) {
                    char m[64];
                    snprintf(m, sizeof m, "invalid group reference %llu", (unsigned long long)v);
                    tmpl_error(S, tpl, (int64_t)st, m);
                    goto done;
                }
                group = (int64_t)v;
            }
        } else if (c == '0') {
            uint32_t v = 0;
            for (int k = 0; k < 2 && i < n && TC(i) >= '0' && TC(i) <= '7'; k++) v = v * 8 + (TC(i++) - '0');
            lit[nlit++] = v & 0xff;
            continue;
        } else if (c >= '1' && c <= '9') {
            uint32_t v = c - '0';
            if (i < n && TC(i) >= '0' && TC(i) <= '9') {
                uint32_t d2 = TC(i);
                if (c <= '7' && d2 <= '7' && i + 1 < n && TC(i + 1) >= '0' && TC(i + 1) <= '7') {
                    uint32_t o = (c - '0') * 64 + (d2 - '0') * 8 + (TC(i + 1) - '0');
                    i += 2;
                    if (o > 0377) {
                        char m[64];
                        snprintf(m, sizeof m, "octal escape value \\%c%c%c outside of range 0-0o377",
                                 (char)c, (char)d2, (char)TC(i - 1));
                        tmpl_error(S, tpl, (int64_t)esc, m);
                        goto done;
                    }
                    lit[nlit++] = o;
                    continue;
                }
                v = v * 10 + (d2 - '0');
                i++;
            }
            if (v > inf->ngroups) {
                char m[64];
                snprintf(m, sizeof m, "invalid group reference %u", v);
                tmpl_error(S, tpl, (int64_t)esc + 1, m);
                goto done;
            }
            group = v;
        } else {
            int e = -1;
            switch (c) {
            case 'a': e = 7; break;
            case 'b': e = 8; break;
            case 'f': e = 12; break;
            case 'n': e = 10; break;
            case 'r': e = 13; break;
            case 't': e = 9; break;
            case 'v': e = 11; break;
            case '\\': e = 92; break;
            default: break;
            }
            if (e >= 0) {
                lit[nlit++] = (uint32_t)e;
                continue;
            }
            if ((c | 32) >= 'a' && (c | 32) <= 'z') {
                char m[16] = "bad escape \\?";
                m[12] = (char)c;
                tmpl_error(S, tpl, (int64_t)esc, m);
                goto done;
            }
            lit[nlit++] = '\\';
            lit[nlit++] = c;
            continue;
        }
        if (tmpl_flush(S, out, tb, lit, &nlit) || tmpl_push(S, out, pe_int(group)))
            goto done;
    }
    if (tmpl_flush(S, out, tb, lit, &nlit)) goto done;
    r = 0;
#undef TC
done:
    pe_mem_free(S, lit, (n + 1) * sizeof(uint32_t));
    subj_free(S, &j);
    if (r) tmpl_free(S, out);
    return r;
}

/* Appends the expansion of t for match m to sb-like list parts. */
static int tmpl_expand(pe_state *S, const re_tmpl *t, re_match *m, pe_list *parts) {
    for (size_t i = 0; i < t->n; i++) {
        pe_val v = t->items[i];
        if (v.tag == PE_TINT) {
            pe_val g;
            if (match_group_val(S, m, (uint32_t)v.u.i, pe_none(), &g)) return -1;
            if (g.tag == PE_TNONE) continue;
            int r = pe_list_append(S, parts, g);
            pe_decref(S, g);
            if (r) return -1;
        } else if (pe_list_append(S, parts, v)) {
            return -1;
        }
    }
    return 0;
}

/* "".join(parts) / b"".join(parts) */
static int join_parts(pe_state *S, bool is_bytes, pe_val parts, pe_val *out) {
    pe_val sep, meth;
    int r;
    if (is_bytes) r = pe_bytes_new(S, NULL, 0, &sep);
    else r = pe_str_new(S, "", 0, &sep);
    if (r) return -1;
    pe_val name;
    if (pe_str_from_cstr(S, "join", &name)) {
        pe_decref(S, sep);
        return -1;
    }
    r = pe_getattr(S, sep, name.u.o, &meth);
    pe_decref(S, name);
    pe_decref(S, sep);
    if (r) return -1;
    r = pe_call(S, meth, 1, &parts, NULL, out);
    pe_decref(S, meth);
    return r;
}

static int match_expand(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                        pe_val *out) {
    static const char *const names[] = {"template"};
    pe_val a[1];
    if (re_bind(S, "expand", argc, argv, kw, names, 1, 1, a)) return -1;
    re_match *m = MATCH(self);
    re_tmpl t;
    if (tmpl_parse(S, PATTERN(m->pattern), a[0], &t)) return -1;
    pe_val parts;
    int r = -1;
    if (!pe_list_new(S, 0, &parts)) {
        if (!tmpl_expand(S, &t, m, PE_LIST(parts)))
            r = join_parts(S, PATTERN(m->pattern)->is_bytes, parts, out);
        pe_decref(S, parts);
    }
    tmpl_free(S, &t);
    return r;
}

/* ------------------------------------------------------------------ */
/* findall, finditer, split, sub                                       */
/* ------------------------------------------------------------------ */

/* The iteration of CPython's sre: search from `start`; after an empty
 * match the next one must advance. */
typedef struct re_iter {
    re_subj j;
    int64_t start, endpos;
    bool must_advance, done;
} re_iter;

static int iter_next(pe_state *S, pe_val pattern, re_iter *it, pe_val *m) {
    *m = pe_none();
    if (it->done) return 0;
    int64_t end;
    int r = do_match(S, pattern, &it->j, it->start, it->endpos, PE_RE_SEARCH, it->must_advance, m,
                     &end);
    if (r <= 0) {
        it->done = true;
        return r;
    }
    re_match *mm = MATCH(*m);
    it->must_advance = mm->spans[1] == mm->spans[0];
    it->start = mm->spans[1];
    /* the Match reports the pos the search started from */
    return 1;
}

/* End of findall/split: the subject released; *out = list, or -1 (r). */
static int finish_list(pe_state *S, re_iter *it, pe_val list, int r, pe_val *out) {
    subj_free(S, &it->j);
    if (r) {
        pe_decref(S, list);
        return -1;
    }
    *out = list;
    return 0;
}

/* The next match while fewer than limit (0: no limit) were taken: 1 and
 * *m (counted in *n), 0 at the end, -1 on error. */
static int iter_take(pe_state *S, pe_val pattern, re_iter *it, int64_t limit, int64_t *n,
                     pe_val *m) {
    if (limit && *n >= limit) return 0;
    int r = iter_next(S, pattern, it, m);
    if (r > 0) ++*n;
    return r;
}

static int pattern_findall(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                           pe_val *out) {
    static const char *const names[] = {"string", "pos", "endpos"};
    pe_val a[3], list;
    int64_t pos, endpos;
    if (re_bind(S, "findall", argc, argv, kw, names, 3, 1, a) || ssize_arg(S, a[1], 0, &pos) ||
        ssize_arg(S, a[2], INT64_MAX, &endpos))
        return -1;
    re_iter it = {0};
    if (subj_init(S, a[0], PATTERN(self)->is_bytes, &it.j)) return -1;
    it.start = pos;
    it.endpos = endpos;
    if (pe_list_new(S, 0, &list)) {
        subj_free(S, &it.j);
        return -1;
    }
    uint32_t ng = PATTERN(self)->prog->info.ngroups;
    for (;;) {
        pe_val m, item;
        int r = iter_next(S, self, &it, &m);
        if (r < 0) goto fail;
        if (!r) break;
        re_match *mm = MATCH(m);
        pe_val empty;
        r = subj_slice(S, mm->string, mm->text, 0, 0, &empty);
        if (r) {
            pe_decref(S, m);
            goto fail;
        }
        if (ng == 0) r = match_group_val(S, mm, 0, empty, &item);
        else if (ng == 1) r = match_group_val(S, mm, 1, empty, &item);
        else {
            r = pe_tuple_new(S, ng, &item);
            for (uint32_t g = 1; !r && g <= ng; g++) {
                r = match_group_val(S, mm, g, empty, &PE_TUPLE(item)->items[g - 1]);
                if (r) {
                    for (uint32_t k = g; k <= ng; k++) PE_TUPLE(item)->items[k - 1] = pe_none();
                    pe_decref(S, item);
                }
            }
        }
        pe_decref(S, empty);
        pe_decref(S, m);
        if (r) goto fail;
        r = pe_list_append(S, PE_LIST(list), item);
        pe_decref(S, item);
        if (r) goto fail;
    }
    return finish_list(S, &it, list, 0, out);
fail:
    return finish_list(S, &it, list, -1, out);
}

/* The finditer iterator ("callable_iterator" in CPython). */
typedef struct re_scanner {
    pe_obj ob;
    pe_val pattern, string;
    re_iter it;
} re_scanner;

static void scanner_clear(pe_state *S, pe_obj *o) {
    re_scanner *sc = (re_scanner *)o;
    subj_free(S, &sc->it.j);
    sc->it.done = true;
    pe_drop(S, &sc->pattern);
    pe_drop(S, &sc->string);
}

static int scanner_next(pe_state *S, pe_val v, pe_val *out) {
    re_scanner *sc = (re_scanner *)v.u.o;
    if (sc->it.done) return 0;
    return iter_next(S, sc->pattern, &sc->it, out);
}

static int pattern_finditer(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                            pe_val *out) {
    static const char *const names[] = {"string", "pos", "endpos"};
    pe_val a[3];
    int64_t pos, endpos;
    if (re_bind(S, "finditer", argc, argv, kw, names, 3, 1, a) || ssize_arg(S, a[1], 0, &pos) ||
        ssize_arg(S, a[2], INT64_MAX, &endpos))
        return -1;
    re_scanner *sc = (re_scanner *)pe_obj_new(S, &pe_re_type_scanner, sizeof(re_scanner));
    if (!sc) return -1;
    memset(&sc->it, 0, sizeof sc->it);
    sc->pattern = sc->string = pe_undef();
    sc->it.j.text = pe_undef();
    sc->it.done = true;
    if (subj_init(S, a[0], PATTERN(self)->is_bytes, &sc->it.j)) {
        sc->it.j.text = pe_undef();
        pe_decref(S, pe_obj_val(&sc->ob));
        return -1;
    }
    pe_incref(self);
    sc->pattern = self;
    pe_incref(a[0]);
    sc->string = a[0];
    sc->it.j.string = a[0];
    sc->it.start = pos;
    sc->it.endpos = endpos;
    sc->it.done = false;
    *out = pe_obj_val(&sc->ob);
    return 0;
}

/* Appends string[a:b] (subject j) to list. */
static int append_slice(pe_state *S, pe_val list, const re_subj *j, int64_t a, int64_t b) {
    pe_val piece;
    if (subj_slice(S, j->string, j->text, (size_t)a, (size_t)b, &piece)) return -1;
    int r = pe_list_append(S, PE_LIST(list), piece);
    pe_decref(S, piece);
    return r;
}

static int pattern_split(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                         pe_val *out) {
    static const char *const names[] = {"string", "maxsplit"};
    pe_val a[2], list;
    int64_t maxsplit;
    if (re_bind(S, "split", argc, argv, kw, names, 2, 1, a) || ssize_arg(S, a[1], 0, &maxsplit))
        return -1;
    re_iter it = {0};
    if (subj_init(S, a[0], PATTERN(self)->is_bytes, &it.j)) return -1;
    it.endpos = INT64_MAX;
    if (pe_list_new(S, 0, &list)) {
        subj_free(S, &it.j);
        return -1;
    }
    uint32_t ng = PATTERN(self)->prog->info.ngroups;
    int64_t last = 0, n = 0;
    pe_val m, piece;
    int r;
    while ((r = iter_take(S, self, &it, maxsplit, &n, &m)) > 0) {
        re_match *mm = MATCH(m);
        r = append_slice(S, list, &it.j, last, mm->spans[0]);
        for (uint32_t g = 1; !r && g <= ng; g++) {
            r = match_group_val(S, mm, g, pe_none(), &piece);
            if (!r) {
                r = pe_list_append(S, PE_LIST(list), piece);
                pe_decref(S, piece);
            }
        }
        last = mm->spans[1];
        pe_decref(S, m);
        if (r) goto fail;
    }
    if (r < 0) goto fail;
    return finish_list(S, &it, list, append_slice(S, list, &it.j, last, (int64_t)it.j.s.len), out);
fail:
    return finish_list(S, &it, list, -1, out);
}

/* Does the str/bytes template contain a backslash? */
static bool has_backslash(pe_val v) {
    if (pe_is_str(v)) return memchr(PE_STR(v)->data, '\\', PE_STR(v)->len) != NULL;
    const unsigned char *p;
    size_t n;
    pe_bytes_view(v, &p, &n);
    return memchr(p, '\\', n) != NULL;
}

static int pattern_subx(pe_state *S, pe_val self, const char *fname, bool subn, int argc,
                        const pe_val *argv, pe_obj *kw, pe_val *out) {
    static const char *const names[] = {"repl", "string", "count"};
    pe_val a[3], parts = pe_undef();
    int64_t count;
    if (re_bind(S, fname, argc, argv, kw, names, 3, 2, a) || ssize_arg(S, a[2], 0, &count))
        return -1;
    re_pattern *pat = PATTERN(self);
    pe_val repl = a[0];
    bool callable = false, literal = false;
    re_tmpl t = {0};
    if (pe_is_str(repl) || pe_is_bytes(repl) || pe_is_kind(repl, PE_K_BYTEARRAY)) {
        literal = !has_backslash(repl);
        if (!literal && tmpl_parse(S, pat, repl, &t)) return -1;
    } else if (pe_is_callable(repl)) {
        callable = true;
    } else {
        re_subj chk;
        if (subj_init(S, repl, pat->is_bytes, &chk)) return -1;
        subj_free(S, &chk);
    }
    re_iter it = {0};
    if (subj_init(S, a[1], pat->is_bytes, &it.j)) {
        tmpl_free(S, &t);
        return -1;
    }
    it.endpos = INT64_MAX;
    if (pe_list_new(S, 0, &parts)) goto fail;
    int64_t i = 0, n = 0;
    pe_val m, piece;
    int r;
    while ((r = iter_take(S, self, &it, count, &n, &m)) > 0) {
        re_match *mm = MATCH(m);
        r = i < mm->spans[0] ? append_slice(S, parts, &it.j, i, mm->spans[0]) : 0;
        if (!r) {
            if (callable) {
                r = pe_call(S, repl, 1, &m, NULL, &piece);
                if (!r && piece.tag != PE_TNONE) r = pe_list_append(S, PE_LIST(parts), piece);
                if (!r) pe_decref(S, piece);
            } else if (literal) {
                r = pe_list_append(S, PE_LIST(parts), repl);
            } else {
                r = tmpl_expand(S, &t, mm, PE_LIST(parts));
            }
        }
        i = mm->spans[1];
        pe_decref(S, m);
        if (r) goto fail;
    }
    if (r < 0) goto fail;
    if ((size_t)i < it.j.s.len && append_slice(S, parts, &it.j, i, (int64_t)it.j.s.len)) goto fail;
    pe_val res;
    if (join_parts(S, pat->is_bytes, parts, &res)) goto fail;
    pe_decref(S, parts);
    subj_free(S, &it.j);
    tmpl_free(S, &t);
    if (!subn) {
        *out = res;
        return 0;
    }
    pe_val tv[2] = {res, pe_int(n)};
    r = pe_tuple_pack(S, 2, tv, out);
    pe_decref(S, res);
    return r;
fail:
    pe_decref(S, parts);
    subj_free(S, &it.j);
    tmpl_free(S, &t);
    return -1;
}

static int pattern_sub(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *out) {
    return pattern_subx(S, self, "sub", false, argc, argv, kw, out);
}
static int pattern_subn(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                        pe_val *out) {
    return pattern_subx(S, self, "subn", true, argc, argv, kw, out);
}

/* ------------------------------------------------------------------ */
/* Attributes and types                                                */
/* ------------------------------------------------------------------ */

static int pattern_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    re_pattern *p = PATTERN(v);
    const pe_str *n = (const pe_str *)name;
    const pe_re_info *inf = pe_re_prog_info(p->prog);
    if (cont_str_is(n, "pattern")) {
        pe_incref(p->pattern);
        *out = p->pattern;
        return 0;
    }
    if (cont_str_is(n, "flags")) {
        *out = pe_int(inf->flags);
        return 0;
    }
    if (cont_str_is(n, "groups")) {
        *out = pe_int(inf->ngroups);
        return 0;
    }
    if (cont_str_is(n, "groupindex")) {
        pe_val d;
        if (pe_dict_new(S, &d)) return -1;
        for (uint32_t k = 0; k < inf->nnames; k++) {
            pe_val key;
            if (name_str(S, inf, k, &key)) {
                pe_decref(S, d);
                return -1;
            }
            int r = pe_dict_set(S, PE_DICT(d), key, pe_int(inf->name_group[k]));
            pe_decref(S, key);
            if (r) {
                pe_decref(S, d);
                return -1;
            }
        }
        *out = d;
        return 0;
    }
    return PE_NOTIMPL;
}

static int match_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    re_match *m = MATCH(v);
    const pe_str *n = (const pe_str *)name;
    if (cont_str_is(n, "string") || cont_str_is(n, "re")) {
        pe_val x = n->data[0] == 's' ? m->string : m->pattern;
        pe_incref(x);
        *out = x;
        return 0;
    }
    if (cont_str_is(n, "pos") || cont_str_is(n, "endpos")) {
        *out = pe_int(n->data[0] == 'p' ? m->pos : m->endpos);
        return 0;
    }
    if (cont_str_is(n, "lastindex")) {
        *out = m->lastindex >= 0 ? pe_int(m->lastindex) : pe_none();
        return 0;
    }
    if (cont_str_is(n, "lastgroup")) {
        const pe_re_info *inf = pe_re_prog_info(PATTERN(m->pattern)->prog);
        *out = pe_none();
        for (uint32_t k = 0; m->lastindex >= 0 && k < inf->nnames; k++)
            if ((int64_t)inf->name_group[k] == m->lastindex) return name_str(S, inf, k, out);
        return 0;
    }
    if (cont_str_is(n, "regs")) {
        pe_val t;
        if (pe_tuple_new(S, m->ngroups + 1, &t)) return -1;
        for (uint32_t g = 0; g <= m->ngroups; g++) {
            int64_t a = m->spans[2 * g], b = m->spans[2 * g + 1];
            if (a < 0 || b < 0) a = b = -1;
            pe_val pr[2] = {pe_int(a), pe_int(b)};
            if (pe_tuple_pack(S, 2, pr, &PE_TUPLE(t)->items[g])) {
                for (uint32_t k = g; k <= m->ngroups; k++) PE_TUPLE(t)->items[k] = pe_none();
                pe_decref(S, t);
                return -1;
            }
        }
        *out = t;
        return 0;
    }
    return PE_NOTIMPL;
}

static const pe_cfunc pattern_methods[] = {
    PE_METHOD("match", pattern_match),       PE_METHOD("search", pattern_search),
    PE_METHOD("fullmatch", pattern_fullmatch), PE_METHOD("findall", pattern_findall),
    PE_METHOD("finditer", pattern_finditer), PE_METHOD("split", pattern_split),
    PE_METHOD("sub", pattern_sub),           PE_METHOD("subn", pattern_subn),
    PE_METHOD_END,
};

static const pe_cfunc match_methods[] = {
    PE_METHOD("group", match_group),     PE_METHOD("groups", match_groups),
    PE_METHOD("groupdict", match_groupdict), PE_METHOD("start", match_start),
    PE_METHOD("end", match_end),         PE_METHOD("span", match_span),
    PE_METHOD("expand", match_expand),
    PE_METHOD_END,
};

/* The slots re.Pattern and re.Match share (by their functions' prefix). */
#define RE_TYPE(tname, pfx)                                                                    \
    .ob = PE_STATIC_HEAD(&pe_type_type), .name = (tname), .kind = PE_K_OTHER,                 \
    .dealloc = pfx##_dealloc, .clear = pfx##_clear, .repr = pfx##_repr,                       \
    .getattr = pfx##_getattr, .methods = pfx##_methods

const pe_type pe_re_type_pattern = {
    RE_TYPE("re.Pattern", pattern), .hash = pattern_hash, .richcmp = pattern_richcmp,
};

const pe_type pe_re_type_match = {RE_TYPE("re.Match", match), .getitem = match_getitem};

const pe_type pe_re_type_scanner =
    PE_ITER_TYPE("callable_iterator", re_scanner, scanner_next, scanner_clear);

static const pe_cfunc sre_functions[] = {
    PE_METHOD("compile", re_compile_fn),
    PE_METHOD_END,
};

int pe_mod__sre_init(pe_state *S, pe_val mod) {
    if (pe_module_add_functions(S, mod, sre_functions)) return -1;
    if (pe_module_set(S, mod, "Pattern", pe_obj_val((pe_obj *)&pe_re_type_pattern))) return -1;
    if (pe_module_set(S, mod, "Match", pe_obj_val((pe_obj *)&pe_re_type_match))) return -1;
    return pe_module_set(S, mod, "MAXREPEAT", pe_int(PE_RE_MAXREPEAT));
}
