/*
 * request.c - running one request: parsing a frame, admission (memory
 * budget), the run, STATUS and the other ops.
 * Part of the daemon (csrc/daemon/, docs/daemon.md); shared declarations
 * in daemon_internal.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "daemon_internal.h"

/* ------------------------------------------------------------------ */
/* Running one request                                                 */
/* ------------------------------------------------------------------ */

static size_t capture_write(void *ud, const char *s, size_t n) {
    capture *c = ud;
    if (c->overflow) return 0;
    if (n > c->limit - c->used || pd_dbuf_put(c->b, s, n)) {
        c->overflow = true;
        pe_interrupt(c->S); /* stop the program at its next check */
        return 0;
    }
    c->used += n;
    return n;
}

/* MemoryError for the daemon's own allocations made during a run. */
static int raise_nomem(worker *w) { return pe_raise_id(w->S, w->d->exc_memory, "%s", ""); }

/* The smaller nonzero of two limits (0 = none). */
static uint64_t min_nz(uint64_t a, uint64_t b) { return !a ? b : !b ? a : a < b ? a : b; }

/* Type and str() of the pending exception into w->etype / w->emsg; the
 * exception stays pending (for pe_print_exception). */
static void exc_capture(worker *w) {
    pe_state *S = w->S;
    pe_value e = pe_exception(S);
    if (pe_exception_type(e) < 0) return;
    const char *tn = pe_value_type_name(e);
    (void)pd_dbuf_put(&w->etype, tn, strlen(tn));
    w->exc_is_limit = pe_exception_matches(e, w->d->exc_limit);
    pe_value_retain(e);
    char *msg;
    size_t n;
    if (pe_value_str(S, e, &msg, &n) == 0) {
        (void)pd_dbuf_put(&w->emsg, msg, n);
        free(msg);
    } else if (pe_value_id(pe_exception(S)) != pe_value_id(e)) { /* str() failed: keep ours */
        pe_exception_clear(S);
        (void)pe_raise_value(S, e);
    }
    pe_value_release(S, e);
}

/* Binds request names to the program's global slots of the same name
 * (unknown names are validated and dropped). Made after pe_run_begin, the
 * decoded values count toward the request's max_memory. -1: message in err. */
static int inject_names(pe_state *S, rd *r, size_t limit, char *err, size_t esz) {
    pd_vdec c = {r, S, pe_memory_used(S), limit, err, esz};
    uint32_t n = pd_rd_u32(r);
    if (r->bad) goto trunc;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t nl;
        const char *name = pd_rd_blob(r, &nl);
        if (r->bad) goto trunc;
        pe_value v;
        if (pd_val_decode(&c, 0, &v)) return -1;
        int rc = pe_run_bind_name(S, name, nl, v);
        pe_value_release(S, v);
        if (rc < 0) {
            pe_exception_clear(S);
            snprintf(err, esz, "names: cannot bind");
            return -1;
        }
    }
    return 0;
trunc:
    snprintf(err, esz, "names: truncated");
    return -1;
}

/* The names of a request made a session's globals (before its run). */
static int session_names(pe_state *S, pe_session *sess, rd *r, size_t limit, char *err, size_t esz) {
    pd_vdec c = {r, S, pe_memory_used(S), limit, err, esz};
    uint32_t n = pd_rd_u32(r);
    for (uint32_t i = 0; !r->bad && i < n; i++) {
        uint32_t nl;
        const char *name = pd_rd_blob(r, &nl);
        if (r->bad) break;
        pe_value v;
        if (pd_val_decode(&c, 0, &v)) return -1;
        int rc = pe_session_set(S, sess, name, nl, &v);
        pe_value_release(S, v);
        if (rc) {
            pe_exception_clear(S);
            snprintf(err, esz, "names: cannot bind");
            return -1;
        }
    }
    if (!r->bad) return 0;
    snprintf(err, esz, "names: truncated");
    return -1;
}

/* The GLOBALS section of a session run: every bound global of the session
 * (TAG_ABSENT for those without a value encoding). */
static int encode_session_globals(pe_state *S, pe_session *sess, dbuf *b) {
    size_t at = b->len, pos = 0, nl;
    if (pd_dbuf_u32(b, 0)) return -1;
    uint32_t n = 0;
    const char *name;
    pe_value v;
    while (pe_session_next(sess, &pos, &name, &nl, &v)) {
        if (pd_dbuf_blob(b, name, nl)) return -1;
        size_t vat = b->len;
        if (pd_val_encode(S, b, v, 0)) {
            b->len = vat;
            if (pd_dbuf_u8(b, TAG_ABSENT)) return -1;
        }
        n++;
    }
    put_le32((unsigned char *)b->p + at, n);
    return 0;
}

/* Before the names are bound, only builtins are: notes their identity per
 * slot (0: none) so that encode_globals can leave out those the program
 * did not rebind. */
static int snapshot_builtins(worker *w, pe_code *code) {
    uint32_t n = pe_code_nglobals(code);
    if (n > w->gsnap_cap) {
        uintptr_t *g = realloc(w->gsnap, n * sizeof *g);
        if (!g) return -1;
        w->gsnap = g;
        w->gsnap_cap = n;
    }
    pe_run_global_ids(w->S, w->gsnap, n);
    return 0;
}

/* The GLOBALS section (docs/daemon.md): u32 count, then per global slot of
 * the code, except builtins the program left as they were, its name and
 * its value, or TAG_ABSENT when it is unbound or has no value encoding. */
static int encode_globals(worker *w, pe_code *code, dbuf *b) {
    pe_state *S = w->S;
    size_t at = b->len;
    if (pd_dbuf_u32(b, 0)) return -1;
    uint32_t n = 0, ng = pe_code_nglobals(code);
    for (uint32_t g = 0; g < ng; g++) {
        pe_value v;
        int bound = pe_run_global(S, g, &v) == 1;
        if (bound && w->gsnap[g] && pe_value_id(v) == w->gsnap[g]) {
            pe_value_release(S, v);
            continue;
        }
        size_t nl;
        const char *name = pe_code_global_name(code, g, &nl);
        int r = pd_dbuf_blob(b, name, nl);
        size_t vat = b->len;
        if (!r && (!bound || pd_val_encode(S, b, v, 0))) {
            b->len = vat;
            r = pd_dbuf_u8(b, TAG_ABSENT);
        }
        if (bound) pe_value_release(S, v);
        if (r) return -1;
        n++;
    }
    put_le32((unsigned char *)b->p + at, n);
    return 0;
}

/* Starts a response in o; returns its offset (finish with resp_end). The
 * buffer is compacted first so offsets stay valid while it grows. */
static size_t resp_begin(dbuf *o) {
    pd_dbuf_compact(o);
    size_t at = o->len;
    unsigned char h[12] = {0, 0, 0, 0, PD_MAGIC, PD_VERSION, 0, 0, 0, 0, 0, 0};
    if (pd_dbuf_put(o, h, sizeof h)) return SIZE_MAX;
    return at;
}

static void resp_end(dbuf *o, size_t at, int status, int exitc, uint32_t flags) {
    unsigned char *h = (unsigned char *)o->p + at;
    put_le32(h, (uint32_t)(o->len - at - 4));
    h[6] = (unsigned char)status;
    h[7] = (unsigned char)exitc;
    put_le32(h + 8, flags);
}

/* A response with no program output: stdout = body (e.g. JSON), stderr = err. */
int pd_resp_simple(dbuf *o, int status, int exitc, const char *body, size_t bodylen,
                       const char *err) {
    size_t at = resp_begin(o);
    if (at == SIZE_MAX) return -1;
    size_t el = err ? strlen(err) : 0;
    if (pd_dbuf_blob(o, body, bodylen) || pd_dbuf_blob(o, err, el) || pd_dbuf_blob(o, NULL, 0) ||
        pd_dbuf_blob(o, NULL, 0) || pd_dbuf_blob(o, NULL, 0)) {
        o->len = at;
        return -1;
    }
    resp_end(o, at, status, exitc, 0);
    return 0;
}

/* Parses a frame body (after the length). -1: message in err. */
static int req_parse(const unsigned char *p, size_t n, req *q, char *err, size_t esz) {
    rd r = {p, p + n, false};
    memset(q, 0, sizeof *q);
    (void)pd_rd_u8(&r); /* magic and version: checked by the framer */
    (void)pd_rd_u8(&r);
    q->op = pd_rd_u8(&r);
    q->mode = pd_rd_u8(&r);
    q->flags = pd_rd_u32(&r);
    if (r.bad) goto trunc;
    if (q->op < OP_RUN || q->op > OP_DROP_SESSION) {
        snprintf(err, esz, "unknown op %d", q->op);
        return -1;
    }
    if (q->op == OP_DROP_SESSION) {
        q->sid = pd_rd_blob(&r, &q->sidlen);
        if (r.bad) goto trunc;
        return 0;
    }
    if (q->op != OP_RUN) return 0;
    if (q->mode > PE_MODE_CALC) {
        snprintf(err, esz, "unknown mode %d", q->mode);
        return -1;
    }
    q->fn = pd_rd_blob(&r, &q->fnlen);
    q->src = pd_rd_blob(&r, &q->srclen);
    if (r.bad) goto trunc;
    if (q->fnlen > MAX_FILENAME || memchr(q->fn, 0, q->fnlen)) {
        snprintf(err, esz, "bad filename (NUL byte or longer than %d bytes)", MAX_FILENAME);
        return -1;
    }
    if (q->flags & RQ_LIMITS) {
        q->lim.max_steps = pd_rd_u64(&r);
        q->lim.max_memory = (size_t)pd_rd_u64(&r);
        q->lim.max_depth = pd_rd_u32(&r);
        q->lim.timeout = pd_rd_u32(&r) / 1000.0;
        if (r.bad) goto trunc;
    }
    if (q->flags & RQ_SESSION) {
        q->sid = pd_rd_blob(&r, &q->sidlen);
        if (r.bad) goto trunc;
        if (!q->sidlen || q->sidlen > MAX_SESSION_ID || memchr(q->sid, 0, q->sidlen)) {
            snprintf(err, esz, "bad session id (1 to %d bytes, no NUL)", MAX_SESSION_ID);
            return -1;
        }
    }
    q->names = r;
    if (!(q->flags & RQ_NAMES) && rd_left(&r)) {
        snprintf(err, esz, "%zu unexpected bytes after the request", rd_left(&r));
        return -1;
    }
    return 0;
trunc:
    snprintf(err, esz, "truncated request body");
    return -1;
}

/* Effective limits: the daemon's, tightened (never loosened) by the request. */
static pe_limits merge_limits(const pe_limits *dl, const req *q) {
    pe_limits l = *dl;
    if (!(q->flags & RQ_LIMITS)) return l;
    l.max_steps = min_nz(dl->max_steps, q->lim.max_steps);
    l.max_memory = (size_t)min_nz(dl->max_memory, q->lim.max_memory);
    l.max_depth = (uint32_t)min_nz(dl->max_depth ? dl->max_depth : 1000, q->lim.max_depth);
    if (q->lim.timeout > 0 && (dl->timeout <= 0 || q->lim.timeout < dl->timeout)) l.timeout = q->lim.timeout;
    return l;
}

/* Admission control (--memory-budget): reserves `need` bytes of the
 * budget for one run, waiting up to --budget-wait for running requests to
 * give theirs back. 0 ok; -1 refused (message in err); -2 the daemon began
 * to stop while the request waited (it was not run: UNAVAILABLE). */
static bool budget_try(daemon_t *d, size_t need) {
    size_t cur = atomic_load(&d->budget_used);
    do {
        if (need > d->conf.memory_budget - cur) return false; /* cur <= budget always */
    } while (!atomic_compare_exchange_weak(&d->budget_used, &cur, cur + need));
    atomic_fetch_add(&d->budget_running, 1);
    return true;
}

static int budget_acquire(daemon_t *d, size_t need, char *err, size_t esz) {
    size_t budget = d->conf.memory_budget;
    if (!budget || budget_try(d, need)) return 0;
    /* a releaser subtracts, then looks at budget_waiters; a waiter counts
     * itself, then tries again under the mutex the releaser takes to
     * broadcast: either the retry sees the release or the release wakes it */
    atomic_fetch_add_explicit(&d->n_budget_waited, 1, memory_order_relaxed);
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    double t = (double)ts.tv_sec + ts.tv_nsec / 1e9 + d->conf.budget_wait;
    ts.tv_sec = (time_t)t;
    ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
    pthread_mutex_lock(&d->budget_mu);
    atomic_fetch_add(&d->budget_waiters, 1);
    bool ok;
    while (!(ok = budget_try(d, need)) && !atomic_load(&d->stopping))
        if (pthread_cond_timedwait(&d->budget_cv, &d->budget_mu, &ts) == ETIMEDOUT) {
            ok = budget_try(d, need);
            break;
        }
    atomic_fetch_sub(&d->budget_waiters, 1);
    pthread_mutex_unlock(&d->budget_mu);
    if (ok) return 0;
    if (atomic_load(&d->stopping)) {
        snprintf(err, esz, "the daemon is stopping");
        return -2;
    }
    atomic_fetch_add_explicit(&d->n_budget_refused, 1, memory_order_relaxed);
    snprintf(err, esz,
             "daemon memory budget exhausted (memory_budget=%zu bytes; %zu reserved by %u running "
             "requests; this request needs max_memory=%zu bytes)",
             budget, atomic_load(&d->budget_used), atomic_load(&d->budget_running), need);
    return -1;
}

static void budget_release(daemon_t *d, size_t need) {
    if (!d->conf.memory_budget) return;
    atomic_fetch_sub(&d->budget_running, 1);
    atomic_fetch_sub(&d->budget_used, need);
    if (atomic_load(&d->budget_waiters)) {
        pthread_mutex_lock(&d->budget_mu);
        pthread_cond_broadcast(&d->budget_cv);
        pthread_mutex_unlock(&d->budget_mu);
    }
}

/* The worker's state for the next request (the daemon's limits). */
pe_state *pd_worker_state_new(daemon_t *d) {
    pe_state *S = pe_state_new();
    if (!S) return NULL;
    pe_set_limits(S, &d->conf.limits);
    return S;
}

/* The run failed with an exception pending: records it; SystemExit gives
 * its exit status (maybe writing its message), anything else its
 * traceback (exit status 1). */
static int run_failed(worker *w) {
    pe_state *S = w->S;
    pe_limits nolim;
    pe_get_limits(S, &nolim);
    nolim.max_memory = 0; /* the traceback must not fail on the limit */
    pe_set_limits(S, &nolim);
    exc_capture(w);
    int st = pe_exception_exit_status(S);
    if (st >= 0) return st;
    /* the CLI ends by SIGINT after this traceback: a shell sees 130 */
    bool kbi = pe_exception_matches(pe_exception(S), w->d->exc_kbi);
    pe_print_exception(S);
    return kbi ? 130 : 1;
}

/* Runs an OP_RUN request exactly as main.c's run_source would, appending
 * the response to o. Program stdout is captured straight into o. */
static void handle_run(worker *w, dbuf *o, req *q) {
    daemon_t *d = w->d;
    pe_state *S = w->S;
    char err[512];
    err[0] = 0;
    dbuf *bufs[] = WORKER_BUFS(w);
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++) dbuf_clear(bufs[i]);
    w->exc_is_limit = false;
    size_t at = resp_begin(o);
    if (at == SIZE_MAX || pd_dbuf_u32(o, 0)) goto oom;
    size_t so_len_at = o->len - 4, so_start = o->len;
    w->cout = (capture){o, 0, d->conf.max_output, false, S};
    w->cerr = (capture){&w->serr, 0, d->conf.max_output, false, S};
    pe_set_output(S, capture_write, &w->cout, capture_write, &w->cerr);
    if (pd_dbuf_put(&w->fname, q->fn, q->fnlen) || pd_dbuf_u8(&w->fname, 0)) goto oom;
    pe_limits lim = merge_limits(&d->conf.limits, q);
    size_t need = lim.max_memory; /* the run's allowance, reserved from the budget */
    if (!need) need = d->conf.memory_budget;
    int adm = budget_acquire(d, need, err, sizeof err);
    if (adm == -2) {
        pe_set_output(S, NULL, NULL, NULL, NULL);
        o->len = at;
        (void)pd_resp_simple(o, ST_UNAVAILABLE, 1, NULL, 0, "pyexpr daemon: stopping\n");
        return;
    }
    if (adm) {
        pe_set_output(S, NULL, NULL, NULL, NULL);
        o->len = so_start;
        put_le32((unsigned char *)o->p + so_len_at, 0);
        dbuf_clear(&w->serr);
        if (pd_dbuf_printf(&w->serr, "LimitError: %s\n", err) || pd_dbuf_blob(o, w->serr.p, w->serr.len) ||
            pd_dbuf_blob(o, NULL, 0) || pd_dbuf_blob(o, "LimitError", 10) || pd_dbuf_blob(o, err, strlen(err)))
            goto oom;
        resp_end(o, at, ST_LIMIT, 1, 0);
        atomic_fetch_add_explicit(&d->n_runs, 1, memory_order_relaxed);
        atomic_fetch_add_explicit(&d->n_errors, 1, memory_order_relaxed);
        atomic_fetch_add_explicit(&d->n_limit, 1, memory_order_relaxed);
        return;
    }
    /* max_memory counts the run's allocations on top of what the state
     * holds when it starts (the core's per-run meaning, as in the CLI and
     * the extension); the budget reserved `need` for it */
    /* a session's run: on the session's own state, in place of the worker's */
    pe_state *wS = w->S;
    dsess *ds = NULL;
    if (q->sid && !(ds = pd_session_acquire(d, q->sid, q->sidlen, err, sizeof err))) {
        budget_release(d, need);
        pe_set_output(S, NULL, NULL, NULL, NULL);
        o->len = at;
        (void)pd_resp_simple(o, ST_BAD_REQUEST, 1, NULL, 0, err);
        return;
    }
    if (ds) {
        pe_set_output(S, NULL, NULL, NULL, NULL);
        w->S = S = ds->S;
        w->cout.S = w->cerr.S = S;
        pe_set_output(S, capture_write, &w->cout, capture_write, &w->cerr);
    }
    size_t base = pe_memory_used(S);
    lim.max_memory = need;
    pe_set_limits(S, &lim);

    int status = ST_OK, exitc = 0;
    uint32_t rflags = 0;
    pe_code *code = ds ? pe_compile(S, q->src, q->srclen, w->fname.p, q->mode)
                       : pe_cache_get(d->cache, S, q->src, q->srclen, w->fname.p, q->mode);
    if (!code || (!ds && pe_run_begin(S, code))) {
        exitc = run_failed(w);
        status = ST_ERROR;
    } else if (!ds && (q->flags & RQ_GLOBALS) && snapshot_builtins(w, code)) {
        pe_run_end(S);
        (void)raise_nomem(w);
        exitc = run_failed(w);
        status = ST_ERROR;
    } else if ((q->flags & RQ_NAMES) &&
               (ds ? session_names(S, ds->sess, &q->names, need, err, sizeof err)
                   : inject_names(S, &q->names, need, err, sizeof err))) {
        if (!ds) pe_run_end(S);
        status = ST_BAD_REQUEST;
        exitc = 1;
    } else {
        pe_value result;
        int r = ds ? pe_session_run(S, ds->sess, code, &result) : pe_run_exec(S, &result);
        if (r == 0) {
            if (pe_value_type(result) != PE_TYPE_NONE) {
                bool want_repr = (q->flags & (RQ_ECHO | RQ_REPR)) != 0;
                if (q->flags & RQ_VALUE) {
                    if (pd_val_encode(S, &w->val, result, 0) == 0) {
                        rflags |= RS_VALUE;
                    } else {
                        dbuf_clear(&w->val);
                        want_repr = true;
                    }
                }
                if (want_repr) { /* as pe_run_repr: a failing repr is the run's error */
                    char *s;
                    size_t n;
                    if (pe_value_repr(S, result, &s, &n) == 0) {
                        if (n > d->conf.max_output) w->cout.overflow = true;
                        else if (pd_dbuf_put(&w->repr, s, n)) r = raise_nomem(w);
                        else rflags |= RS_REPR;
                        free(s);
                    } else {
                        r = -1;
                    }
                }
            }
            pe_value_release(S, result);
        }
        if (r == 0 && (q->flags & RQ_GLOBALS)) {
            if (ds ? encode_session_globals(S, ds->sess, &w->glob) : encode_globals(w, code, &w->glob))
                r = raise_nomem(w);
            else rflags |= RS_GLOBALS;
        }
        if (!ds) pe_run_end(S);
        if (r) {
            rflags = 0;
            exitc = run_failed(w);
            status = ST_ERROR;
        } else if ((q->flags & RQ_ECHO) && (rflags & RS_REPR)) {
            capture_write(&w->cout, w->repr.p, w->repr.len);
            capture_write(&w->cout, "\n", 1);
        }
    }
    if (ds) { /* the session keeps its globals, and its own reference to the code */
        pe_exception_clear(S);
        if (code) pe_code_release_in(S, code);
        pe_set_output(S, NULL, NULL, NULL, NULL);
        pd_session_release(d, ds);
        w->S = S = wS;
    } else {
        pe_reset(S); /* run objects may point into the code */
        if (code) pe_code_release_in(S, code); /* a last reference frees into S's block cache */
        pe_set_output(S, NULL, NULL, NULL, NULL);
    }
    if (!ds && pe_memory_peak(S) - base > RECYCLE_PEAK) {
        /* a heavy run: give its memory back (the state keeps stack chunks
         * and freed blocks) so the budget bounds what the daemon holds.
         * (The peak is the state's lifetime peak: a state that ever peaked
         * this far above what it holds between runs is replaced at once.) */
        pe_state *fresh = pd_worker_state_new(d);
        if (fresh) {
            pe_state_free(S);
            w->S = S = fresh;
#ifdef __GLIBC__
            malloc_trim(0);
#endif
        }
    }
    budget_release(d, need);

    if (w->cout.overflow || w->cerr.overflow) {
        status = ST_LIMIT;
        exitc = 1;
        rflags = 0;
        snprintf(err, sizeof err, "output limit exceeded (max_output=%zu bytes)", d->conf.max_output);
        dbuf_clear(&w->etype);
        dbuf_clear(&w->emsg);
        if (pd_dbuf_put(&w->etype, "LimitError", 10) || pd_dbuf_put(&w->emsg, err, strlen(err))) goto oom;
        dbuf_clear(&w->serr);
        if (pd_dbuf_printf(&w->serr, "LimitError: %s\n", err)) goto oom;
    } else if (status == ST_ERROR && w->exc_is_limit && exitc == 1) {
        status = ST_LIMIT;
    } else if (status == ST_BAD_REQUEST) {
        dbuf_clear(&w->serr);
        if (pd_dbuf_printf(&w->serr, "pyexpr daemon: bad request: %s\n", err)) goto oom;
    }
    /* no partial output after an output overflow or a bad request; a
     * LimitError the program raised (steps, memory, time) keeps what it
     * printed before, as direct execution does */
    if (status != ST_OK && status != ST_ERROR && (status != ST_LIMIT || w->cout.overflow || w->cerr.overflow))
        o->len = so_start;
    put_le32((unsigned char *)o->p + so_len_at, (uint32_t)(o->len - so_start));
    if (pd_dbuf_blob(o, w->serr.p, w->serr.len) ||
        pd_dbuf_blob(o, (rflags & RS_REPR) ? w->repr.p : NULL, (rflags & RS_REPR) ? w->repr.len : 0) ||
        pd_dbuf_blob(o, w->etype.p, w->etype.len) || pd_dbuf_blob(o, w->emsg.p, w->emsg.len) ||
        ((rflags & RS_VALUE) && pd_dbuf_put(o, w->val.p, w->val.len)) ||
        ((rflags & RS_GLOBALS) && pd_dbuf_put(o, w->glob.p, w->glob.len)))
        goto oom;
    resp_end(o, at, status, exitc, rflags);
    atomic_fetch_add_explicit(&d->n_runs, 1, memory_order_relaxed);
    if (status != ST_OK) atomic_fetch_add_explicit(&d->n_errors, 1, memory_order_relaxed);
    if (status == ST_LIMIT) atomic_fetch_add_explicit(&d->n_limit, 1, memory_order_relaxed);
    return;
oom:
    if (at != SIZE_MAX) o->len = at;
    atomic_fetch_add_explicit(&d->n_errors, 1, memory_order_relaxed);
    (void)pd_resp_simple(o, ST_SERVER_ERROR, 1, NULL, 0, "pyexpr daemon: out of memory\n");
}

static long rss_bytes(void) {
    FILE *f = fopen("/proc/self/statm", "re");
    if (!f) return -1;
    long size = 0, res = -1;
    if (fscanf(f, "%ld %ld", &size, &res) != 2) res = -1;
    fclose(f);
    return res < 0 ? -1 : res * sysconf(_SC_PAGESIZE);
}

static void fmt_bytes(char *buf, size_t n, double b) {
    if (b < 1024) snprintf(buf, n, "%.0f B", b);
    else if (b < 1024.0 * 1024) snprintf(buf, n, "%.1f KiB", b / 1024);
    else if (b < 1024.0 * 1024 * 1024) snprintf(buf, n, "%.1f MiB", b / 1024 / 1024);
    else snprintf(buf, n, "%.2f GiB", b / 1024 / 1024 / 1024);
}

/* The STATUS body: JSON (mode 0) or text (mode 1). */
static int status_body(daemon_t *d, dbuf *b, int text) {
    pe_cache_stats cs;
    pe_cache_stats_get(d->cache, &cs);
    double up = (double)(now_ns() - d->started_ns) / 1e9;
    unsigned running = 0, busy = 0;
    pthread_mutex_lock(&d->workers_mu);
    for (unsigned i = 0; i < d->conf.max_workers; i++) {
        worker *w = d->workers[i];
        if (!w || atomic_load(&w->state) != W_RUNNING) continue;
        running++;
        busy += atomic_load(&w->busy_since) != 0;
    }
    pthread_mutex_unlock(&d->workers_mu);
    uint64_t lookups = cs.hits + cs.misses;
    double hit_rate = lookups ? (double)cs.hits / (double)lookups : 0.0;
    long rss = rss_bytes();
    uint64_t req = atomic_load(&d->n_requests), errs = atomic_load(&d->n_errors),
             lim = atomic_load(&d->n_limit), proto = atomic_load(&d->n_proto),
             runs = atomic_load(&d->n_runs), ctot = atomic_load(&d->n_conns_total),
             rej = atomic_load(&d->n_rejected);
    unsigned conns = atomic_load(&d->nconns);
    const pe_limits *L = &d->conf.limits;
    size_t bused = atomic_load(&d->budget_used);
    unsigned brun = atomic_load(&d->budget_running);
    uint64_t bwaited = atomic_load(&d->n_budget_waited), brefused = atomic_load(&d->n_budget_refused);
    if (!text) {
        int r = pd_dbuf_printf(b, "{\"running\":true,\"pid\":%ld,\"version\":\"%s\",\"socket\":",
                            (long)getpid(), PYEXPR_VERSION);
        r |= pd_dbuf_json_str(b, d->conf.sock);
        r |= pd_dbuf_printf(b, ",\"pidfile\":");
        r |= pd_dbuf_json_str(b, d->conf.pidfile);
        r |= pd_dbuf_printf(b, ",\"log_file\":");
        r |= d->conf.foreground && !d->conf.logfile_set ? pd_dbuf_printf(b, "null")
                                                         : pd_dbuf_json_str(b, d->conf.logfile);
        r |= pd_dbuf_printf(
            b,
            ",\"started\":%lld,\"uptime_s\":%.3f,\"requests\":%" PRIu64 ",\"runs\":%" PRIu64
            ",\"errors\":%" PRIu64 ",\"limit_errors\":%" PRIu64 ",\"protocol_errors\":%" PRIu64
            ",\"connections\":%u,\"connections_total\":%" PRIu64 ",\"rejected_connections\":%" PRIu64
            ",\"workers\":%u,\"workers_busy\":%u,\"cache\":{\"entries\":%zu,\"bytes\":%zu,"
            "\"max_entries\":%zu,\"max_bytes\":%zu,\"hits\":%" PRIu64 ",\"misses\":%" PRIu64
            ",\"hit_rate\":%.4f},\"rss_bytes\":%ld,\"limits\":{\"timeout_s\":%g,\"max_memory\":%zu,"
            "\"max_steps\":%" PRIu64 ",\"max_depth\":%u,\"max_output\":%zu,\"max_frame\":%zu,"
            "\"io_timeout_s\":%g},\"memory_budget\":{\"budget\":%zu,\"reserved\":%zu,"
            "\"running\":%u,\"waited\":%" PRIu64 ",\"refused\":%" PRIu64 ",\"wait_s\":%g}}\n",
            (long long)d->started_wall, up, req, runs, errs, lim, proto, conns, ctot, rej, running,
            busy, cs.currsize, cs.bytes, cs.maxsize, cs.maxbytes, cs.hits, cs.misses, hit_rate, rss,
            L->timeout, L->max_memory, L->max_steps, L->max_depth ? L->max_depth : 1000,
            d->conf.max_output, d->conf.max_frame, d->conf.io_timeout, d->conf.memory_budget, bused,
            brun, bwaited, brefused, d->conf.budget_wait);
        return r ? -1 : 0;
    }
    char cb[32], cm[32], rb[32], mm[32], steps[32], tmo[32], bb[32], bu[32];
    if (d->conf.memory_budget) fmt_bytes(bb, sizeof bb, (double)d->conf.memory_budget);
    else snprintf(bb, sizeof bb, "none");
    fmt_bytes(bu, sizeof bu, (double)bused);
    fmt_bytes(cb, sizeof cb, (double)cs.bytes);
    fmt_bytes(cm, sizeof cm, (double)cs.maxbytes);
    fmt_bytes(rb, sizeof rb, (double)rss);
    if (L->max_memory) fmt_bytes(mm, sizeof mm, (double)L->max_memory);
    else snprintf(mm, sizeof mm, "unlimited");
    if (L->max_steps) snprintf(steps, sizeof steps, "%" PRIu64, L->max_steps);
    else snprintf(steps, sizeof steps, "unlimited");
    if (L->timeout > 0) snprintf(tmo, sizeof tmo, "%g s", L->timeout);
    else snprintf(tmo, sizeof tmo, "none");
    long s = (long)up;
    return pd_dbuf_printf(
        b,
        "pyexpr daemon %s: running\n"
        "  pid          %ld\n"
        "  socket       %s\n"
        "  uptime       %ldh %02ldm %02lds (%.1f s)\n"
        "  requests     %" PRIu64 " (runs %" PRIu64 ", errors %" PRIu64 ", limit errors %" PRIu64
        ", protocol errors %" PRIu64 ")\n"
        "  connections  %u open, %" PRIu64 " total, %" PRIu64 " rejected\n"
        "  workers      %u (%u busy)\n"
        "  cache        %zu entries, %s of %s; hit rate %.1f%% (%" PRIu64 " hits, %" PRIu64
        " misses)\n"
        "  memory       %s resident\n"
        "  limits       timeout %s, max_memory %s, max_steps %s, max_depth %u\n"
        "  budget       %s; %s reserved by %u running requests; %" PRIu64 " waited, %" PRIu64
        " refused\n",
        PYEXPR_VERSION, (long)getpid(), d->conf.sock, s / 3600, s / 60 % 60, s % 60, up, req, runs,
        errs, lim, proto, conns, ctot, rej, running, busy, cs.currsize, cb, cm, hit_rate * 100.0,
        cs.hits, cs.misses, rb, tmo, mm, steps, L->max_depth ? L->max_depth : 1000, bb, bu, brun,
        bwaited, brefused);
}

/* Handles one complete frame (body without the length prefix). */
void pd_handle_frame(worker *w, conn *c, const unsigned char *p, size_t n) {
    daemon_t *d = w->d;
    dbuf *o = &c->out;
    req q;
    char err[256];
    atomic_fetch_add_explicit(&d->n_requests, 1, memory_order_relaxed);
    if (req_parse(p, n, &q, err, sizeof err)) {
        atomic_fetch_add(&d->n_proto, 1);
        atomic_fetch_add(&d->n_errors, 1);
        pd_log("conn %" PRIu64 " (pid %ld): bad request: %s", c->id, (long)c->peer_pid, err);
        char msg[300];
        snprintf(msg, sizeof msg, "pyexpr daemon: bad request: %s\n", err);
        (void)pd_resp_simple(o, ST_BAD_REQUEST, 1, NULL, 0, msg);
        return;
    }
    dbuf body = {0};
    int r = 0;
    switch (q.op) {
    case OP_RUN:
        atomic_store_explicit(&w->busy_since, now_ns(), memory_order_relaxed);
        handle_run(w, o, &q);
        atomic_store_explicit(&w->busy_since, 0, memory_order_relaxed);
        return;
    case OP_STATUS:
        r = status_body(d, &body, q.mode == 1);
        break;
    case OP_CLEAR_CACHE: {
        pe_cache_stats cs;
        pe_cache_stats_get(d->cache, &cs);
        pe_cache_clear(d->cache);
        pd_log("cache cleared (%zu entries, %zu bytes) on request of pid %ld", cs.currsize, cs.bytes,
             (long)c->peer_pid);
        r = pd_dbuf_printf(&body, "{\"cleared_entries\":%zu,\"cleared_bytes\":%zu}\n", cs.currsize, cs.bytes);
        break;
    }
    case OP_DROP_SESSION: {
        int dropped = pd_session_drop(d, q.sid, q.sidlen);
        r = pd_dbuf_printf(&body, "{\"dropped\":%s}\n", dropped ? "true" : "false");
        break;
    }
    case OP_PING:
    case OP_STOP:
        r = pd_dbuf_printf(&body, "{\"pid\":%ld,\"version\":\"%s\",\"pidfile\":", (long)getpid(),
                        PYEXPR_VERSION);
        r |= pd_dbuf_json_str(&body, d->conf.pidfile);
        r |= pd_dbuf_printf(&body, ",\"socket\":");
        r |= pd_dbuf_json_str(&body, d->conf.sock);
        r |= pd_dbuf_printf(&body, "}\n");
        if (q.op == OP_STOP) {
            pd_log("stop requested by pid %ld", (long)c->peer_pid);
            kill(getpid(), SIGTERM); /* the supervisor runs the graceful stop */
        }
        break;
    }
    if (r || pd_resp_simple(o, ST_OK, 0, body.p, body.len, NULL))
        (void)pd_resp_simple(o, ST_SERVER_ERROR, 1, NULL, 0, "pyexpr daemon: out of memory\n");
    pd_dbuf_free(&body);
}
