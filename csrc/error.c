/*
 * error.c - exception types, raising, and CPython-shaped tracebacks.
 *
 * The pending exception lives in S->exc (a new reference owned by the
 * state). Raising never fails: if the exception object cannot be built,
 * the static MemoryError instance is raised instead.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pe_vm.h"

static void exc_dealloc(pe_state *S, pe_obj *o);
static void exc_clear(pe_state *S, pe_obj *o);
static int exc_repr(pe_state *S, pe_val v, pe_sb *sb);
static int exc_str_slot(pe_state *S, pe_val v, pe_sb *sb);
static int exc_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                    pe_val *out);
static int exc_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out);

extern const pe_type pe_type_type;

#define EXC_TYPE_INIT(N, B)                                                             \
    [PE_EXC_##N] = {                                                                    \
        .ob = PE_STATIC_HEAD(&pe_type_type),                                            \
        .name = #N,                                                                     \
        .base = PE_EXC_##N == PE_EXC_BaseException ? NULL : &pe_exc_types[PE_EXC_##B],  \
        .kind = PE_K_EXC,                                                               \
        .exc_id = PE_EXC_##N,                                                           \
        .dealloc = exc_dealloc,                                                         \
        .clear = exc_clear,                                                             \
        .repr = exc_repr,                                                               \
        .str = exc_str_slot,                                                            \
        .call = exc_call,                                                               \
        .getattr = exc_getattr,                                                         \
    },

const pe_type pe_exc_types[PE_EXC__COUNT] = {PE_EXCEPTIONS(EXC_TYPE_INIT)};

/* Raised when even the exception object cannot be allocated. */
static const pe_exc memerr_instance = {
    .ob = PE_STATIC_HEAD(&pe_exc_types[PE_EXC_MemoryError]),
    .args = {PE_TUNDEF, 0, {.i = 0}},
    .cause = {PE_TUNDEF, 0, {.i = 0}},
    .context = {PE_TUNDEF, 0, {.i = 0}},
    .filename = {PE_TUNDEF, 0, {.i = 0}},
    .text = {PE_TUNDEF, 0, {.i = 0}},
    .suggestion = {PE_TUNDEF, 0, {.i = 0}},
};

/* ------------------------------------------------------------------ */
/* Exception objects                                                   */
/* ------------------------------------------------------------------ */

static void exc_clear(pe_state *S, pe_obj *o) {
    pe_exc *e = (pe_exc *)o;
    pe_val vals[6] = {e->args, e->cause, e->context, e->filename, e->text, e->suggestion};
    e->args = e->cause = e->context = e->filename = e->text = e->suggestion = pe_undef();
    for (int i = 0; i < 6; i++) pe_decref(S, vals[i]);
}

static void exc_dealloc(pe_state *S, pe_obj *o) {
    pe_exc *e = (pe_exc *)o;
    exc_clear(S, o);
    pe_mem_free(S, e->tb, e->tb_cap * sizeof(pe_tbent));
    pe_obj_free(S, o, sizeof(pe_exc));
}

int pe_exc_new(pe_state *S, const pe_type *t, pe_val args, pe_val *out) {
    pe_exc *e = (pe_exc *)pe_obj_new(S, t, sizeof(pe_exc));
    if (!e) return -1;
    pe_incref(args);
    e->args = args;
    e->cause = e->context = e->filename = e->text = e->suggestion = pe_undef();
    e->suppress_context = false;
    e->tb = NULL;
    e->ntb = e->tb_cap = 0;
    e->lineno = e->offset = e->end_offset = 0;
    *out = pe_obj_val(&e->ob);
    return 0;
}

static size_t exc_nargs(const pe_exc *e) {
    return e->args.tag == PE_TOBJ ? PE_TUPLE(e->args)->n : 0;
}

int pe_exc_str(pe_state *S, pe_val v, pe_sb *sb) {
    pe_exc *e = PE_EXCOBJ(v);
    size_t n = exc_nargs(e);
    if (n == 0) return 0;
    pe_val a0 = PE_TUPLE(e->args)->items[0];
    if (n == 1) {
        if (e->ob.type == PE_EXC(KeyError)) return pe_repr(S, a0, sb);
        return pe_tostr(S, a0, sb);
    }
    return pe_repr(S, e->args, sb);
}

static int exc_str_slot(pe_state *S, pe_val v, pe_sb *sb) { return pe_exc_str(S, v, sb); }

static int exc_repr(pe_state *S, pe_val v, pe_sb *sb) {
    pe_exc *e = PE_EXCOBJ(v);
    if (pe_sb_puts(sb, e->ob.type->name)) return -1;
    size_t n = exc_nargs(e);
    if (n == 0) return pe_sb_puts(sb, "()");
    if (n == 1) {
        if (pe_sb_putc(sb, '(') || pe_repr(S, PE_TUPLE(e->args)->items[0], sb)) return -1;
        return pe_sb_putc(sb, ')');
    }
    return pe_repr(S, e->args, sb);
}

static int exc_call(pe_state *S, pe_val callee, int argc, const pe_val *argv, pe_obj *kwnames,
                    pe_val *out) {
    const pe_type *t = (const pe_type *)callee.u.o;
    if (kwnames && PE_TUPLE(pe_obj_val(kwnames))->n)
        return pe_raise(S, PE_EXC(TypeError), "%s() takes no keyword arguments", t->name);
    pe_val args;
    if (pe_tuple_pack(S, (size_t)argc, argv, &args)) return -1;
    int r = pe_exc_new(S, t, args, out);
    pe_decref(S, args);
    return r;
}

static int exc_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    pe_exc *e = PE_EXCOBJ(v);
    const char *n = ((pe_str *)name)->data;
    if (!strcmp(n, "args")) {
        if (e->args.tag == PE_TUNDEF) return pe_tuple_new(S, 0, out);
        pe_incref(e->args);
        *out = e->args;
        return 0;
    }
    pe_val *field = NULL;
    if (!strcmp(n, "__cause__")) field = &e->cause;
    else if (!strcmp(n, "__context__")) field = &e->context;
    if (field) {
        *out = field->tag == PE_TUNDEF ? pe_none() : *field;
        pe_incref(*out);
        return 0;
    }
    return pe_raise(S, PE_EXC(AttributeError), "'%s' object has no attribute '%s'",
                    e->ob.type->name, n);
}

/* ------------------------------------------------------------------ */
/* Raising                                                             */
/* ------------------------------------------------------------------ */

static bool is_exc_type(pe_val v) {
    return pe_is_kind(v, PE_K_TYPE) && ((const pe_type *)v.u.o)->kind == PE_K_EXC;
}

bool pe_type_is_subtype(const pe_type *t, const pe_type *base) {
    for (; t; t = t->base)
        if (t == base) return true;
    return false;
}

/* Installs exc (owned reference) as the pending exception. */
static int set_pending(pe_state *S, pe_val exc) {
    pe_exc *e = PE_EXCOBJ(exc);
    if (S->handled.tag == PE_TOBJ && S->handled.u.o != exc.u.o && e->context.tag == PE_TUNDEF &&
        !(e->ob.flags & PE_IMMORTAL)) {
        pe_incref(S->handled);
        e->context = S->handled;
    }
    pe_val old = S->exc;
    S->exc = exc;
    pe_decref(S, old);
    return -1;
}

int pe_raise_nomem(pe_state *S) {
    return set_pending(S, pe_obj_val((pe_obj *)&memerr_instance.ob));
}

int pe_raise_exc(pe_state *S, pe_val v) {
    if (is_exc_type(v)) {
        pe_val inst;
        if (pe_call(S, v, 0, NULL, NULL, &inst)) return -1;
        if (!pe_is_kind(inst, PE_K_EXC)) {
            pe_decref(S, inst);
            return pe_raise(S, PE_EXC(TypeError), "exceptions must derive from BaseException");
        }
        return set_pending(S, inst);
    }
    if (!pe_is_kind(v, PE_K_EXC))
        return pe_raise(S, PE_EXC(TypeError), "exceptions must derive from BaseException");
    pe_incref(v);
    return set_pending(S, v);
}

int pe_raise_with_arg(pe_state *S, const pe_type *t, pe_val v) {
    pe_val args, exc;
    if (pe_tuple_pack(S, 1, &v, &args)) return -1;
    int r = pe_exc_new(S, t, args, &exc);
    pe_decref(S, args);
    if (r) return -1;
    return set_pending(S, exc);
}

int pe_raise_str(pe_state *S, const pe_type *t, const char *msg, size_t len) {
    pe_heap *saved = S->cur;
    S->cur = &S->heap; /* exceptions always live on the run heap */
    pe_val s;
    int r = -1;
    if (pe_str_new(S, msg, len, &s) == 0) {
        r = pe_raise_with_arg(S, t, s);
        pe_decref(S, s);
    }
    S->cur = saved;
    return r < 0 ? -1 : -1;
}

int pe_raise(pe_state *S, const pe_type *t, const char *fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    if ((size_t)n >= sizeof buf) n = sizeof buf - 1;
    return pe_raise_str(S, t, buf, (size_t)n);
}

bool pe_exc_matches(pe_state *S, const pe_type *t) {
    return S->exc.tag == PE_TOBJ && pe_type_is_subtype(S->exc.u.o->type, t);
}

void pe_exc_clear(pe_state *S) {
    pe_val old = S->exc;
    S->exc = pe_undef();
    pe_decref(S, old);
}

int pe_raise_syntax(pe_state *S, const pe_type *t, const char *msg, const char *filename,
                    int64_t lineno, int64_t offset, int64_t end_offset, const char *line,
                    size_t linelen) {
    pe_heap *saved = S->cur;
    S->cur = &S->heap;
    pe_val m, args, exc, fn = pe_undef(), text = pe_undef();
    int ok = pe_str_from_cstr(S, msg, &m) == 0;
    if (ok) {
        ok = pe_tuple_pack(S, 1, &m, &args) == 0;
        pe_decref(S, m);
    }
    if (ok) {
        ok = pe_exc_new(S, t, args, &exc) == 0;
        pe_decref(S, args);
    }
    if (ok && filename) ok = pe_str_from_cstr(S, filename, &fn) == 0;
    if (ok && line) ok = pe_str_new(S, line, linelen, &text) == 0;
    S->cur = saved;
    if (!ok) {
        pe_decref(S, fn);
        return -1;
    }
    pe_exc *e = PE_EXCOBJ(exc);
    e->filename = fn;
    e->text = text;
    e->lineno = lineno;
    e->offset = offset;
    e->end_offset = end_offset;
    return set_pending(S, exc);
}

/* ------------------------------------------------------------------ */
/* Tracebacks                                                          */
/* ------------------------------------------------------------------ */

void pe_tb_add(pe_state *S, pe_fcode *code, uint32_t line, uint16_t col) {
    if (S->exc.tag != PE_TOBJ) return;
    pe_exc *e = PE_EXCOBJ(S->exc);
    if (e->ob.flags & PE_IMMORTAL) return;
    if (e->ntb == e->tb_cap) {
        uint32_t ncap = e->tb_cap ? e->tb_cap * 2 : 8;
        if (ncap > 4096) return; /* bounded: keep the innermost entries */
        {
            pe_tbent *nt = realloc(e->tb, ncap * sizeof(pe_tbent));
            if (!nt) return;
            S->mem_used += (ncap - e->tb_cap) * sizeof(pe_tbent);
            e->tb = nt;
            e->tb_cap = ncap;
        }
    }
    e->tb[e->ntb++] = (pe_tbent){code, line, col};
}

static void emit(pe_state *S, const char *s, size_t n) { S->err(S->err_ud, s, n); }

static void emits(pe_state *S, const char *s) { emit(S, s, strlen(s)); }

/* Finds line `lineno` (1-based) of src; returns its start and length. */
static const char *source_line(const char *src, size_t len, uint32_t lineno, size_t *outlen) {
    if (!src || lineno == 0) return NULL;
    const char *p = src, *end = src + len;
    for (uint32_t l = 1; l < lineno; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return NULL;
        p = nl + 1;
    }
    const char *e = memchr(p, '\n', (size_t)(end - p));
    if (!e) e = end;
    *outlen = (size_t)(e - p);
    return p;
}

static bool shows_source(const char *filename) {
    return filename && strcmp(filename, "<string>") && strcmp(filename, "<stdin>");
}

/* "    <line stripped>\n" */
static void print_src_line(pe_state *S, const char *line, size_t n, size_t *stripped) {
    size_t k = 0;
    while (k < n && (line[k] == ' ' || line[k] == '\t' || line[k] == '\f')) k++;
    while (n > k && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\n')) n--;
    if (stripped) *stripped = k;
    emits(S, "    ");
    emit(S, line + k, n - k);
    emits(S, "\n");
}

static void print_last_line(pe_state *S, pe_val exc) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    const pe_type *t = exc.u.o->type;
    pe_sb_puts(&sb, t->name);
    size_t mark = sb.len;
    pe_sb_puts(&sb, ": ");
    size_t before = sb.len;
    if (pe_exc_str(S, exc, &sb)) {
        pe_exc_clear(S);
        sb.failed = 0;
        sb.len = before;
        pe_sb_puts(&sb, "<exception str() failed>");
    }
    if (sb.len == before) sb.len = mark;
    pe_exc *e = PE_EXCOBJ(exc);
    if (e->suggestion.tag == PE_TOBJ)
        pe_sb_printf(&sb, ". Did you mean: '%s'?", PE_STR(e->suggestion)->data);
    pe_sb_putc(&sb, '\n');
    if (!sb.failed) emit(S, sb.p, sb.len);
    pe_sb_free(&sb);
}

static void print_syntax_error(pe_state *S, pe_exc *e) {
    char buf[64];
    const char *fn = e->filename.tag == PE_TOBJ ? PE_STR(e->filename)->data : "<string>";
    emits(S, "  File \"");
    emits(S, fn);
    snprintf(buf, sizeof buf, "\", line %lld\n", (long long)e->lineno);
    emits(S, buf);
    if (e->text.tag == PE_TOBJ) {
        pe_str *t = PE_STR(e->text);
        size_t k = 0;
        print_src_line(S, t->data, t->len, &k);
        if (e->offset > 0) {
            /* columns are 1-based code points; count bytes of the prefix */
            int64_t col = e->offset - 1 - (int64_t)k, width = 1;
            if (e->end_offset > e->offset) width = e->end_offset - e->offset;
            if (col < 0) return; /* left of the text: no caret, as CPython */
            emits(S, "    ");
            for (int64_t i = 0; i < col; i++) emits(S, " ");
            for (int64_t i = 0; i < width && i < 1000; i++) emits(S, "^");
            emits(S, "\n");
        }
    }
}

static void print_one(pe_state *S, pe_val exc, int depth) {
    pe_exc *e = PE_EXCOBJ(exc);
    if (depth < 32) {
        if (e->cause.tag == PE_TOBJ) {
            print_one(S, e->cause, depth + 1);
            emits(S, "\nThe above exception was the direct cause of the following "
                     "exception:\n\n");
        } else if (e->context.tag == PE_TOBJ && !e->suppress_context) {
            print_one(S, e->context, depth + 1);
            emits(S, "\nDuring handling of the above exception, another exception "
                     "occurred:\n\n");
        }
    }
    if (e->ntb) emits(S, "Traceback (most recent call last):\n");
    const pe_code *code = S->code;
    for (uint32_t i = e->ntb; i-- > 0;) { /* entries are stored innermost first */
        char buf[96];
        const pe_tbent *t = &e->tb[i];
        const char *fn = code && code->filename ? code->filename : "<string>";
        emits(S, "  File \"");
        emits(S, fn);
        snprintf(buf, sizeof buf, "\", line %u, in ", t->line);
        emits(S, buf);
        emits(S, t->code && t->code->name ? ((pe_str *)t->code->name)->data : "<module>");
        emits(S, "\n");
        size_t n;
        const char *l = code && shows_source(fn)
                            ? source_line(code->source, code->source_len, t->line, &n)
                            : NULL;
        if (l) print_src_line(S, l, n, NULL);
    }
    if (pe_type_is_subtype(e->ob.type, PE_EXC(SyntaxError)) && e->lineno > 0)
        print_syntax_error(S, e);
    print_last_line(S, exc);
}

void pe_print_exception(pe_state *S) {
    pe_val exc = S->exc;
    if (exc.tag != PE_TOBJ) return;
    S->exc = pe_undef();
    print_one(S, exc, 0);
    pe_decref(S, exc);
}

/* CPython's handling of an uncaught SystemExit (Python/pythonrun.c): the
 * code is args[0] (one arg), None (none) or the args tuple; None exits 0,
 * an int exits with it (as the C int exit() takes: a value beyond the C
 * long range is -1), anything else is written with str() to stderr and
 * exits 1. */
int pe_exception_exit_status(pe_state *S) {
    pe_val exc = S->exc;
    if (exc.tag != PE_TOBJ || !pe_type_is_subtype(exc.u.o->type, PE_EXC(SystemExit))) return -1;
    pe_exc *e = PE_EXCOBJ(exc);
    pe_val code = pe_none();
    if (e->args.tag == PE_TOBJ) {
        pe_tuple *t = PE_TUPLE(e->args);
        if (t->n == 1) code = t->items[0];
        else if (t->n > 1) code = e->args;
    }
    pe_incref(code);
    S->exc = pe_undef();
    pe_decref(S, exc);
    int status = 0;
    if (code.tag == PE_TINT || code.tag == PE_TBOOL) {
        status = (int)(code.u.i & 0xff);
    } else if (pe_is_bigint(code)) {
        status = 255; /* PyLong_AsLong overflows: -1 */
    } else if (code.tag != PE_TNONE) {
        pe_val s;
        if (pe_str_val(S, code, &s) == 0) {
            emit(S, PE_STR(s)->data, PE_STR(s)->len);
            pe_decref(S, s);
        } else {
            pe_exc_clear(S);
        }
        emits(S, "\n");
        status = 1;
    }
    pe_decref(S, code);
    return status;
}

/* ------------------------------------------------------------------ */
/* Suggestions (the algorithm of CPython's Python/suggestions.c)        */
/* ------------------------------------------------------------------ */

#define SUGGEST_MAX_STRING 40
#define SUGGEST_MOVE_COST 2
#define SUGGEST_CASE_COST 1
#define SUGGEST_MAX_ITEMS 750

static size_t subst_cost(char a, char b) {
    if (a == b) return 0;
    if ((a | 32) == (b | 32) && ((a | 32) >= 'a' && (a | 32) <= 'z')) return SUGGEST_CASE_COST;
    return SUGGEST_MOVE_COST;
}

/* Levenshtein distance with CPython's costs; > max_cost means "too far". */
static size_t levenshtein(const char *a, size_t an, const char *b, size_t bn, size_t max_cost) {
    size_t buf[SUGGEST_MAX_STRING];
    if (an == bn && !memcmp(a, b, an)) return 0;
    while (an && bn && a[0] == b[0]) a++, b++, an--, bn--;
    while (an && bn && a[an - 1] == b[bn - 1]) an--, bn--;
    if (an == 0 || bn == 0) return (an + bn) * SUGGEST_MOVE_COST;
    if (an > SUGGEST_MAX_STRING || bn > SUGGEST_MAX_STRING) return max_cost + 1;
    if (bn < an) {
        const char *t = a; a = b; b = t;
        size_t tn = an; an = bn; bn = tn;
    }
    if ((bn - an) * SUGGEST_MOVE_COST > max_cost) return max_cost + 1;
    for (size_t i = 0; i < an; i++) buf[i] = (i + 1) * SUGGEST_MOVE_COST;
    size_t result = 0;
    for (size_t bi = 0; bi < bn; bi++) {
        char code = b[bi];
        size_t distance = result = bi * SUGGEST_MOVE_COST;
        size_t minimum = SIZE_MAX;
        for (size_t ai = 0; ai < an; ai++) {
            size_t subst = distance + subst_cost(code, a[ai]);
            distance = buf[ai];
            size_t ins_del = (result < distance ? result : distance) + SUGGEST_MOVE_COST;
            result = ins_del < subst ? ins_del : subst;
            buf[ai] = result;
            if (result < minimum) minimum = result;
        }
        if (minimum > max_cost) return max_cost + 1;
    }
    return result;
}

int pe_suggest(const char *name, const char *const *cands, size_t n) {
    if (n >= SUGGEST_MAX_ITEMS) return -1;
    size_t best_d = SIZE_MAX, nl = strlen(name);
    int best = -1;
    for (size_t i = 0; i < n; i++) {
        if (!cands[i] || !strcmp(cands[i], name)) continue;
        size_t il = strlen(cands[i]);
        size_t maxd = (nl + il + 3) * SUGGEST_MOVE_COST / 6;
        if (best_d != SIZE_MAX && best_d - 1 < maxd) maxd = best_d - 1;
        size_t d = levenshtein(name, nl, cands[i], il, maxd);
        if (d > maxd) continue;
        if (best < 0 || d < best_d) {
            best = (int)i;
            best_d = d;
        }
    }
    return best;
}

void pe_exc_set_suggestion(pe_state *S, const char *name) {
    if (S->exc.tag != PE_TOBJ) return;
    pe_exc *e = PE_EXCOBJ(S->exc);
    if (e->ob.flags & PE_IMMORTAL) return;
    pe_val s;
    if (pe_str_from_cstr(S, name, &s)) {
        pe_exc_clear(S);
        return;
    }
    pe_decref(S, e->suggestion);
    e->suggestion = s;
}

#ifdef PE_DEBUG
#include <stdio.h>
#include <stdlib.h>
/* A failed PE_ASSERT: an engine bug. Reports and aborts (debug builds). */
void pe_assert_fail(const char *cond, const char *file, int line) {
    fprintf(stderr, "pyexpr: internal assertion failed: %s (%s:%d)\n", cond, file, line);
    abort();
}
#endif
