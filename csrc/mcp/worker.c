/*
 * worker.c - the MCP worker process: runs `run_python` calls sent by the
 * server (server.c) over its socketpair and answers with the members of
 * the CallToolResult. Non-session calls run on one state with a compile
 * cache; each session has a state of its own (pe_session), so that its
 * memory can be measured and freed at once. A crash here costs the calls
 * in flight and the sessions this worker holds; the server starts another.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mcp_internal.h"

typedef struct msess {
    char *id;
    pe_state *S;
    pe_session *sess;
} msess;

/* Output capture of one run: print() and the err sink. */
typedef struct mcap {
    dbuf *b;
    size_t *used, limit;
    bool *overflow;
    pe_state *S;
} mcap;

typedef struct mworker {
    mcp_conf *cf; /* the worker's copy (host tools count their calls in it) */
    pe_state *S; /* non-session runs */
    pe_cache *cache;
    msess *ss;
    size_t nss, capss;
    dbuf req, resp, out, err;
    size_t used;
    bool overflow;
} mworker;

/* The state a SIGUSR1 (cancellation) interrupts: the worker process's only
 * mutable global, read by the signal handler. */
static pe_state *volatile g_running;

static void on_sigusr1(int sig) {
    (void)sig;
    pe_state *S = g_running;
    if (S) pe_interrupt(S);
}

static size_t cap_write(void *ud, const char *s, size_t n) {
    mcap *c = ud;
    if (*c->overflow) return 0;
    if (n > c->limit - *c->used || pd_dbuf_put(c->b, s, n)) {
        *c->overflow = true;
        pe_interrupt(c->S);
        return 0;
    }
    *c->used += n;
    return n;
}

static msess *sess_find(mworker *w, const char *id, size_t n) {
    for (size_t i = 0; i < w->nss; i++)
        if (strlen(w->ss[i].id) == n && !memcmp(w->ss[i].id, id, n)) return &w->ss[i];
    return NULL;
}

static msess *sess_new(mworker *w, const char *id, size_t n) {
    if (w->nss == w->capss) {
        size_t nc = w->capss ? w->capss * 2 : 8;
        msess *p = realloc(w->ss, nc * sizeof *p);
        if (!p) return NULL;
        w->ss = p;
        w->capss = nc;
    }
    msess *s = &w->ss[w->nss];
    s->id = malloc(n + 1);
    s->S = s->id ? pe_state_new() : NULL;
    s->sess = s->S ? pe_session_new(s->S) : NULL;
    if (!s->sess) {
        if (s->S) pe_state_free(s->S);
        free(s->id);
        return NULL;
    }
    memcpy(s->id, id, n);
    s->id[n] = 0;
    w->nss++;
    return s;
}

static void sess_drop(mworker *w, msess *s) {
    pe_session_free(s->S, s->sess);
    pe_state_free(s->S);
    free(s->id);
    *s = w->ss[--w->nss];
}

/* Binds the inputs (a JSON object's text) as globals. */
static int bind_inputs(pe_state *S, pe_session *sess, const char *json, size_t n) {
    pe_value d, k, v;
    if (pe_json_parse(S, json, n, &d)) return -1;
    int rc = 0;
    size_t pos = 0;
    while (!rc && pe_value_dict_next(d, &pos, &k, &v)) {
        size_t kl;
        const char *name = pe_value_utf8(k, &kl);
        if (!name) continue;
        if (sess) rc = pe_session_set(S, sess, name, kl, &v);
        else rc = pe_run_bind_name(S, name, kl, v) < 0 ? -1 : 0;
    }
    pe_value_release(S, d);
    return rc;
}

/* Appends `"key":` and a JSON string (or null when s is NULL). */
static int put_str_member(dbuf *b, const char *key, const char *s, size_t n, bool comma) {
    if (pd_dbuf_printf(b, "%s\"%s\":", comma ? "," : "", key)) return -1;
    return s ? mcp_json_str(b, s, n) : MCP_PUTS(b, "null");
}

/* The members of the CallToolResult (docs/mcp.md "Results"). */
static int build_result(mworker *w, dbuf *b, const char *repr, size_t rlen, const char *etype,
                        const char *emsg, size_t emlen, const char *tb, size_t tblen,
                        const char *sid, size_t sidlen) {
    /* the text the model reads: output, the value's repr, the traceback */
    dbuf t = {0};
    int r = pd_dbuf_put(&t, w->out.p ? w->out.p : "", w->out.len) ||
            pd_dbuf_put(&t, w->err.p ? w->err.p : "", w->err.len);
    if (!r && repr) r = pd_dbuf_put(&t, repr, rlen) || pd_dbuf_u8(&t, '\n');
    if (!r && tb) r = pd_dbuf_put(&t, tb, tblen);
    r = r || MCP_PUTS(b, "\"content\":[{\"type\":\"text\",\"text\":") ||
        mcp_json_str(b, t.p ? t.p : "", t.len) || MCP_PUTS(b, "}],\"structuredContent\":{") ||
        put_str_member(b, "stdout", w->out.p ? w->out.p : "", w->out.len, false) ||
        put_str_member(b, "stderr", w->err.p ? w->err.p : "", w->err.len, true) ||
        put_str_member(b, "result", repr, rlen, true) || MCP_PUTS(b, ",\"error\":");
    pd_dbuf_free(&t);
    if (r) return -1;
    if (etype) {
        r = MCP_PUTS(b, "{\"type\":") || mcp_json_str(b, etype, strlen(etype)) ||
            put_str_member(b, "message", emsg ? emsg : "", emsg ? emlen : 0, true) ||
            put_str_member(b, "traceback", tb ? tb : "", tb ? tblen : 0, true) ||
            pd_dbuf_u8(b, '}');
    } else {
        r = MCP_PUTS(b, "null");
    }
    return r || put_str_member(b, "session", sid, sidlen, true) ||
                   pd_dbuf_printf(b, "},\"isError\":%s", etype ? "true" : "false")
               ? -1
               : 0;
}

/* One MW_RUN request: runs it and writes the answer into w->resp. */
static int do_run(mworker *w, rd *r) {
    uint32_t flags = pd_rd_u32(r);
    (void)flags;
    uint64_t tbits = pd_rd_u64(r);
    uint64_t maxmem = pd_rd_u64(r), steps = pd_rd_u64(r);
    uint32_t sidlen, srclen, inlen;
    const char *sid = pd_rd_blob(r, &sidlen);
    const char *src = pd_rd_blob(r, &srclen);
    const char *inputs = pd_rd_blob(r, &inlen);
    if (r->bad) return -1;
    double timeout;
    memcpy(&timeout, &tbits, sizeof timeout);
    pe_limits lim = {steps, (size_t)maxmem, 0, timeout};

    msess *ms = NULL;
    pe_state *S = w->S;
    if (sidlen) {
        ms = sess_find(w, sid, sidlen);
        if (!ms && !(ms = sess_new(w, sid, sidlen))) return -1;
        S = ms->S;
    }
    dbuf_clear(&w->out);
    dbuf_clear(&w->err);
    w->used = 0;
    w->overflow = false;
    mcap co = {&w->out, &w->used, w->cf->max_output, &w->overflow, S};
    mcap ce = {&w->err, &w->used, w->cf->max_output, &w->overflow, S};
    pe_set_output(S, cap_write, &co, cap_write, &ce);
    pe_set_limits(S, &lim);
    g_running = S;

    pe_code *code = ms ? pe_compile(S, src, srclen, "<string>", PE_MODE_CALC)
                       : pe_cache_get(w->cache, S, src, srclen, "<string>", PE_MODE_CALC);
    pe_value res = pe_value_none();
    int rc = code ? 0 : -1;
    if (!rc && ms) {
        rc = mcp_htools_bind(w->cf, S, ms->sess, timeout);
        if (!rc && inlen) rc = bind_inputs(S, ms->sess, inputs, inlen);
        if (!rc) rc = pe_session_run(S, ms->sess, code, &res);
    } else if (!rc) {
        rc = pe_run_begin(S, code);
        if (!rc) rc = mcp_htools_bind(w->cf, S, NULL, timeout);
        if (!rc && inlen) rc = bind_inputs(S, NULL, inputs, inlen);
        if (!rc) rc = pe_run_exec(S, &res);
    }
    char *repr = NULL, *emsg = NULL, *tb = NULL;
    size_t rlen = 0, emlen = 0, tblen = 0;
    if (!rc && pe_value_type(res) != PE_TYPE_NONE) rc = pe_value_repr(S, res, &repr, &rlen);
    pe_value_release(S, res);
    const char *etype = NULL;
    char tname[128];
    bool is_error = false;
    if (rc) {
        pe_value e = pe_exception(S);
        int sysexit = pe_exception_type_lookup("SystemExit");
        if (sysexit >= 0 && pe_exception_matches(e, sysexit)) {
            int st = pe_exception_exit_status(S);
            if (st != 0) {
                is_error = true;
                snprintf(tname, sizeof tname, "SystemExit");
                etype = tname;
                char buf[32];
                int bl = snprintf(buf, sizeof buf, "%d", st);
                emsg = malloc((size_t)bl + 1);
                if (emsg) {
                    memcpy(emsg, buf, (size_t)bl + 1);
                    emlen = (size_t)bl;
                }
            }
        } else {
            is_error = true;
            snprintf(tname, sizeof tname, "%s", pe_value_type_name(e));
            etype = tname;
            pe_value_retain(e);
            if (pe_value_str(S, e, &emsg, &emlen)) emsg = NULL;
            pe_exception_clear(S);
            (void)pe_raise_value(S, e);
            pe_value_release(S, e);
            if (pe_format_exception(S, &tb, &tblen)) tb = NULL;
        }
    }
    if (w->overflow) {
        is_error = true;
        snprintf(tname, sizeof tname, "LimitError");
        etype = tname;
        free(emsg);
        free(tb);
        tb = NULL;
        char buf[128];
        int bl = snprintf(buf, sizeof buf, "printed output exceeded the limit of %zu bytes",
                          w->cf->max_output);
        emsg = malloc((size_t)bl + 1);
        emlen = 0;
        if (emsg) {
            memcpy(emsg, buf, (size_t)bl + 1);
            emlen = (size_t)bl;
        }
        if (!tb) {
            tb = malloc((size_t)bl + 13);
            if (tb) tblen = (size_t)snprintf(tb, (size_t)bl + 13, "LimitError: %s\n", buf);
        }
    }
    g_running = NULL;
    pe_exception_clear(S);
    if (!ms) {
        pe_run_end(S);
        pe_reset(S);
    }
    if (code) pe_code_release_in(S, code);
    pe_set_output(S, NULL, NULL, NULL, NULL);

    dbuf_clear(&w->resp);
    uint64_t mem = ms ? (uint64_t)pe_memory_used(S) : 0;
    int br = pd_dbuf_u8(&w->resp, is_error ? MW_USER_ERROR : MW_OK) || pd_dbuf_u64(&w->resp, mem) ||
             build_result(w, &w->resp, repr, rlen, is_error ? etype : NULL, emsg, emlen, tb, tblen,
                          ms ? sid : NULL, sidlen);
    free(repr);
    free(emsg);
    free(tb);
    return br ? -1 : 0;
}

int mcp_worker_main(int fd, void *conf) {
    /* the worker never writes to the protocol channel or reads the client */
    int nul = open("/dev/null", O_RDWR);
    if (nul >= 0) {
        (void)dup2(nul, 0);
        (void)dup2(nul, 1);
        close(nul);
    }
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigusr1;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    mworker w;
    memset(&w, 0, sizeof w);
    w.cf = conf;
    w.S = pe_state_new();
    w.cache = pe_cache_new(256, 0);
    if (!w.S || !w.cache) return 3;
    int status = 0;
    for (;;) {
        int fr = pd_frame_read(fd, &w.req, w.cf->max_message * 2 + 4096);
        if (fr <= 0) {
            status = fr == 0 ? 0 : 4;
            break;
        }
        rd r = {(const unsigned char *)w.req.p, (const unsigned char *)w.req.p + w.req.len, false};
        int op = pd_rd_u8(&r);
        int rc = -1;
        if (op == MW_RUN) {
            rc = do_run(&w, &r);
        } else if (op == MW_DROP) {
            uint32_t n;
            const char *sid = pd_rd_blob(&r, &n);
            if (!r.bad) {
                msess *s = sess_find(&w, sid, n);
                if (s) sess_drop(&w, s);
                dbuf_clear(&w.resp);
                rc = pd_dbuf_u8(&w.resp, MW_OK) || pd_dbuf_u64(&w.resp, 0) ? -1 : 0;
            }
        }
        if (rc || pd_frame_write(fd, w.resp.p, w.resp.len)) {
            status = 5;
            break;
        }
    }
    while (w.nss) sess_drop(&w, &w.ss[0]);
    free(w.ss);
    pe_cache_free(w.cache);
    pe_state_free(w.S);
    pd_dbuf_free(&w.req);
    pd_dbuf_free(&w.resp);
    pd_dbuf_free(&w.out);
    pd_dbuf_free(&w.err);
    close(fd);
    return status;
}
