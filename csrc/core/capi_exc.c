/*
 * capi_exc.c - the public exception API (pyexpr.h "Exceptions"): the
 * built-in classes by id, raising, the pending exception and the parts of
 * an exception instance, the traceback as text.
 */
#include <stdio.h>
#include <stdlib.h>

#include "capi.h"
#include "pe_class.h"
#include "pe_cont.h"

/* ------------------------------------------------------------------ */
/* Classes                                                             */
/* ------------------------------------------------------------------ */

int pe_exception_type_count(void) { return PE_EXC__COUNT; }

const char *pe_exception_type_name_of(int id) {
    return id >= 0 && id < PE_EXC__COUNT ? pe_exc_types[id].name : NULL;
}

int pe_exception_type_lookup(const char *name) {
    if (!name) return -1;
    for (int i = 0; i < PE_EXC__COUNT; i++)
        if (!strcmp(pe_exc_types[i].name, name)) return i;
    return -1;
}

int pe_exception_type_base(int id) {
    if (id < 0 || id >= PE_EXC__COUNT) return -1;
    const pe_type *b = pe_exc_types[id].base;
    return b ? b->exc_id : id;
}

/* ------------------------------------------------------------------ */
/* Raising                                                             */
/* ------------------------------------------------------------------ */

static int bad_id(pe_state *S, const char *fn, int id) {
    return pe_raise(S, PE_EXC(SystemError), "%s: bad exception type id %d", fn, id);
}

int pe_raise_id(pe_state *S, int id, const char *fmt, ...) {
    if (id < 0 || id >= PE_EXC__COUNT) return bad_id(S, "pe_raise_id", id);
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return pe_raise_str(S, &pe_exc_types[id], "", 0);
    if ((size_t)n < sizeof small) return pe_raise_str(S, &pe_exc_types[id], small, (size_t)n);
    char *big = pe_mem_alloc(S, (size_t)n + 1);
    if (!big) return -1;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    pe_raise_str(S, &pe_exc_types[id], big, (size_t)n);
    pe_mem_free(S, big, (size_t)n + 1);
    return -1;
}

int pe_raise_value(pe_state *S, pe_value exc) {
    pe_raise_exc(S, pe_val_of(exc));
    return -1;
}

/* An int field of SyntaxError's details tuple (None: unknown, 0). */
static bool detail_int(pe_val v, int64_t *out) {
    if (v.tag == PE_TNONE) {
        *out = 0;
        return true;
    }
    if (v.tag != PE_TINT) return false;
    *out = v.u.i;
    return true;
}

/* SyntaxError(msg, (filename, lineno, offset, text[, end_lineno,
 * end_offset])) as the engine's own SyntaxErrors: args (msg,), the
 * details in the instance's fields. 1 made, 0 not that shape, -1 error. */
static int make_syntax_error(pe_state *S, const pe_type *t, size_t n, const pe_val *items,
                             pe_val *out) {
    if (n != 2 || !pe_is_str(items[0]) || !pe_is_tuple(items[1])) return 0;
    const pe_tuple *d = PE_TUPLE(items[1]);
    if (d->n != 4 && d->n != 6) return 0;
    pe_val fn = d->items[0], text = d->items[3];
    int64_t lineno, offset, end_lineno = 0, end_offset = 0;
    if ((fn.tag != PE_TNONE && !pe_is_str(fn)) || (text.tag != PE_TNONE && !pe_is_str(text)) ||
        !detail_int(d->items[1], &lineno) || !detail_int(d->items[2], &offset))
        return 0;
    if (d->n == 6 &&
        (!detail_int(d->items[4], &end_lineno) || !detail_int(d->items[5], &end_offset)))
        return 0;
    pe_val args;
    if (pe_tuple_pack(S, 1, items, &args)) return -1;
    int r = pe_exc_new(S, t, args, out);
    pe_decref(S, args);
    if (r) return -1;
    pe_exc *e = PE_EXCOBJ(*out);
    if (fn.tag != PE_TNONE) {
        pe_incref(fn);
        e->filename = fn;
    }
    if (text.tag != PE_TNONE) {
        pe_incref(text);
        e->text = text;
    }
    e->lineno = lineno;
    e->offset = offset;
    e->end_offset = end_lineno == 0 || end_lineno == lineno ? end_offset : 0;
    return 1;
}

int pe_make_exception(pe_state *S, int id, pe_value args_tuple, pe_value *out) {
    if (id < 0 || id >= PE_EXC__COUNT) return bad_id(S, "pe_make_exception", id);
    pe_val args = pe_val_of(args_tuple), e;
    size_t n = 0;
    const pe_val *items = NULL;
    if (pe_is_tuple(args)) {
        n = PE_TUPLE(args)->n;
        items = PE_TUPLE(args)->items;
    } else if (args.tag != PE_TNONE) {
        return pe_raise(S, PE_EXC(TypeError), "pe_make_exception: args must be a tuple, not %s",
                        pe_type_name(args));
    }
    const pe_type *t = &pe_exc_types[id];
    if (pe_type_is_subtype(t, PE_EXC(SyntaxError))) {
        int r = make_syntax_error(S, t, n, items, &e);
        if (r < 0) return -1;
        if (r > 0) {
            *out = pe_value_of(e);
            return 0;
        }
    }
    /* as a script calling the class (OSError's errno subclasses, the
     * Unicode errors' argument checks) */
    if (n > INT32_MAX) return pe_raise_nomem(S);
    if (pe_call(S, pe_obj_val((pe_obj *)&t->ob), (int)n, items, NULL, &e)) return -1;
    *out = pe_value_of(e);
    return 0;
}

/* ------------------------------------------------------------------ */
/* The pending exception and its parts                                 */
/* ------------------------------------------------------------------ */

int pe_has_exception(const pe_state *S) { return S->exc.tag != PE_TUNDEF; }

pe_value pe_exception(const pe_state *S) {
    return pe_value_of(S->exc.tag == PE_TUNDEF ? pe_none() : S->exc);
}

void pe_exception_clear(pe_state *S) { pe_exc_clear(S); }

static const pe_exc *as_exc(pe_value pv) {
    pe_val v = pe_val_of(pv);
    return pe_is_kind(v, PE_K_EXC) ? PE_EXCOBJ(v) : NULL;
}

static pe_value or_none(pe_val v) { return pe_value_of(v.tag == PE_TUNDEF ? pe_none() : v); }

/* The id of a built-in exception class, or for a class a script defined
 * the nearest built-in one in its MRO (its layout base may be a more
 * distant one: class.c lets built-in exceptions share BaseException's). */
int pe_exception_type(pe_value e) {
    const pe_exc *x = as_exc(e);
    if (!x) return -1;
    const pe_type *t = x->ob.type;
    if (pe_is_heaptype(t) && PE_CLASS(t)->mro.tag == PE_TOBJ) {
        const pe_tuple *mro = PE_TUPLE(PE_CLASS(t)->mro);
        for (size_t i = 0; i < mro->n; i++) {
            const pe_type *b = (const pe_type *)mro->items[i].u.o;
            if (!pe_is_heaptype(b) && b->kind == PE_K_EXC) return b->exc_id;
        }
    }
    return t->exc_id;
}

int pe_exception_matches(pe_value e, int id) {
    const pe_exc *x = as_exc(e);
    if (!x || id < 0 || id >= PE_EXC__COUNT) return 0;
    return pe_type_is_subtype(x->ob.type, &pe_exc_types[id]);
}

pe_value pe_exception_args(pe_value e) {
    const pe_exc *x = as_exc(e);
    return x ? or_none(x->args) : pe_value_none();
}

pe_value pe_exception_cause(pe_value e) {
    const pe_exc *x = as_exc(e);
    return x ? or_none(x->cause) : pe_value_none();
}

pe_value pe_exception_context(pe_value e) {
    const pe_exc *x = as_exc(e);
    return x ? or_none(x->context) : pe_value_none();
}

int pe_exception_suppress_context(pe_value e) {
    const pe_exc *x = as_exc(e);
    return x ? x->suppress_context : 0;
}

int pe_exception_oserror_filenames(pe_value e, pe_value *filename, pe_value *filename2) {
    const pe_exc *x = as_exc(e);
    if (!x || !pe_type_is_subtype(x->ob.type, PE_EXC(OSError))) return -1;
    *filename = or_none(x->filename);
    *filename2 = or_none(x->text);
    return x->filename.tag == PE_TUNDEF ? 0 : x->text.tag == PE_TUNDEF ? 1 : 2;
}

int pe_exception_syntax_info(pe_value e, pe_syntax_info *out) {
    const pe_exc *x = as_exc(e);
    if (!x || !pe_type_is_subtype(x->ob.type, PE_EXC(SyntaxError))) return -1;
    out->filename = or_none(x->filename);
    out->text = or_none(x->text);
    out->lineno = x->lineno > 0 ? x->lineno : 0;
    out->offset = x->offset > 0 ? x->offset : 0;
    out->end_lineno = x->end_offset > 0 && x->lineno > 0 ? x->lineno : 0;
    out->end_offset = x->end_offset > 0 ? x->end_offset : 0;
    return 0;
}

/* ------------------------------------------------------------------ */
/* The traceback as text                                               */
/* ------------------------------------------------------------------ */

typedef struct tb_buf {
    char *p;
    size_t len, cap;
    bool failed;
} tb_buf;

/* The err sink while formatting: plain malloc, outside the state's
 * accounting (a run that hit max_memory still gets its traceback). */
static size_t tb_write(void *ud, const char *s, size_t n) {
    tb_buf *b = ud;
    if (b->failed) return 0;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = true;
            return 0;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
    return n;
}

int pe_format_exception(pe_state *S, char **out, size_t *len) {
    *out = NULL;
    if (len) *len = 0;
    pe_val exc = S->exc;
    tb_buf b = {NULL, 0, 0, false};
    if (exc.tag == PE_TUNDEF) {
        b.p = malloc(1);
        if (!b.p) return pe_raise_nomem(S);
        b.p[0] = 0;
        *out = b.p;
        return 0;
    }
    pe_write_fn err = S->err;
    void *err_ud = S->err_ud;
    size_t lim = S->mem_limit;
    S->err = tb_write;
    S->err_ud = &b;
    S->mem_limit = 0;
    pe_incref(exc);
    pe_print_exception(S); /* clears it */
    pe_val left = S->exc;  /* (nothing, normally) */
    S->exc = exc;          /* our reference: pending again */
    pe_decref(S, left);
    S->err = err;
    S->err_ud = err_ud;
    S->mem_limit = lim;
    if (b.failed || !b.p) {
        if (!b.failed && (b.p = malloc(1)) != NULL) {
            b.p[0] = 0;
        } else {
            free(b.p);
            /* leave the original exception pending: it is what matters */
            return -1;
        }
    }
    if (len) *len = b.len;
    *out = b.p;
    return 0;
}
