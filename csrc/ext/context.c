/*
 * context.c - interpreter contexts (one pe_state each, pooled in the module
 * state), the GIL hand-over helpers' out-of-line parts and the print()
 * buffer.
 */
#include "ext_internal.h"

static size_t px_write(void *ud, const char *p, size_t n);

static size_t px_write_err(void *ud, const char *p, size_t n) {
    (void)ud;
    (void)p;
    return n; /* tracebacks are never printed by the extension */
}

void px_ctx_free(px_ctx *c) {
    if (!c) return;
    pe_state_free(c->S);
    free(c->obuf);
    free(c->keep);
    free(c->bids);
    free(c->shared); /* empty between runs */
    Py_XDECREF(c->bound);
    Py_XDECREF(c->out_error);
    free(c);
}

px_ctx *px_ctx_new(px_mod *ms) {
    px_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        PyErr_NoMemory();
        return NULL;
    }
    c->S = pe_state_new();
    if (!c->S) {
        free(c);
        PyErr_NoMemory();
        return NULL;
    }
    c->s_write = ms->s_write;
    c->s_stdout = ms->s_stdout;
    c->sys_dict = ms->sys_dict;
    c->ms = ms;
    c->host_pe = pe_value_none();
    pe_set_output(c->S, px_write, c, px_write_err, c);
    pe_set_userdata(c->S, c);
    pe_set_import_hook(c->S, px_import_hook, NULL);
    return c;
}

/* Writes the buffered output to sys.stdout (GIL held). */
void px_flush(px_ctx *c) {
    if (!c->olen) return;
    size_t n = c->olen;
    c->olen = 0;
    PyObject *pending = PyErr_Occurred() ? px_fetch_exc() : NULL;
    PyObject *s = PyUnicode_DecodeUTF8(c->obuf, (Py_ssize_t)n, "surrogatepass");
    if (s) {
        /* sys.stdout, looked up at each flush (it may be redirected) */
        PyObject *f = PyDict_GetItemWithError(c->sys_dict, c->s_stdout); /* borrowed */
        if (f && f != Py_None) {
            Py_INCREF(f); /* write() may replace sys.stdout */
            PyObject *args[2] = {f, s};
            PyObject *r = PyObject_VectorcallMethod(c->s_write, args,
                                                    2 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
            Py_XDECREF(r);
            Py_DECREF(f);
        }
        Py_DECREF(s);
    }
    if (PyErr_Occurred()) {
        if (!c->out_error)
            c->out_error = px_fetch_exc();
        else
            PyErr_Clear();
    }
    if (pending) px_restore_exc(pending);
}

/* The state's out sink (any thread; takes the GIL only to flush). */
static size_t px_write(void *ud, const char *p, size_t n) {
    px_ctx *c = ud;
    if (c->olen && c->olen + n > PX_OUT_FLUSH) {
        PyThreadState *ts;
        px_gil_acquire(c, &ts);
        px_flush(c);
        px_gil_restore(c, ts);
    }
    return px_buf_append(&c->obuf, &c->olen, &c->ocap, p, n);
}

/* Appends p[0..n) to the growing buffer *buf (*len bytes used of *cap):
 * n, or 0 when out of memory. */
size_t px_buf_append(char **buf, size_t *len, size_t *cap, const char *p, size_t n) {
    if (*len + n > *cap) {
        size_t nc = *cap ? *cap * 2 : 256;
        if (nc < *len + n) nc = *len + n;
        char *nb = realloc(*buf, nc);
        if (!nb) return 0;
        *buf = nb;
        *cap = nc;
    }
    memcpy(*buf + *len, p, n);
    *len += n;
    return n;
}

/* Keeps o alive until the end of the run (GIL held). */
int px_keep(px_ctx *c, PyObject *o) {
    if (c->nkeep == c->keepcap) {
        size_t cap = c->keepcap ? c->keepcap * 2 : 8;
        PyObject **nk = realloc(c->keep, cap * sizeof *nk);
        if (!nk) return -1;
        c->keep = nk;
        c->keepcap = cap;
    }
    Py_INCREF(o);
    c->keep[c->nkeep++] = o;
    return 0;
}

void px_keep_clear(px_ctx *c) {
    while (c->nkeep) Py_DECREF(c->keep[--c->nkeep]);
}
