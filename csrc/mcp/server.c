/*
 * server.c - `pyexpr --mcp`: options, the event loop on stdio, JSON-RPC 2.0
 * framing and the MCP methods (docs/mcp.md says which sections of the
 * specification are implemented, for both protocol generations).
 *
 * One message per line. Requests are answered in the order they arrive;
 * while a tools/call runs in a worker, the loop keeps reading stdin so that
 * notifications/cancelled can stop it. Every message is parsed with the
 * engine's JSON decoder on a protocol state `P` that holds nothing between
 * messages (pe_reset after each).
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mcp_internal.h"

enum { ERA_NONE = 0, ERA_LEGACY = 1, ERA_MODERN = 2 };
enum {
    E_PARSE = -32700,
    E_INVALID_REQUEST = -32600,
    E_NO_METHOD = -32601,
    E_INVALID_PARAMS = -32602,
    E_INTERNAL = -32603,
    E_UNSUPPORTED_VERSION = -32022
};

static const char *const legacy_versions[] = {"2025-11-25", "2025-06-18", "2025-03-26",
                                              "2024-11-05", NULL};

typedef struct sess_ent {
    char *id;
    unsigned worker;
    int64_t last; /* monotonic ns of the last call */
    size_t mem;
} sess_ent;

typedef struct server {
    mcp_conf cf;
    pe_state *P;
    int in_fd, out_fd;
    dbuf in, out, tools, req;
    size_t scan;   /* offset in `in` up to which lines were checked for cancellations */
    bool eof, skipping, stop;
    int era;
    pd_proc *procs;
    sess_ent *ss;
    size_t nss, capss;
    char **cancelled; /* ids (JSON text) cancelled before they ran */
    size_t ncancelled;
    const char *cur_id; /* id of the call in flight (JSON text) */
    bool cur_cancelled;
    unsigned rr; /* round robin over the workers for calls without a session */
} server;

/* SIGTERM/SIGINT: a byte on this pipe (the loop polls it). */
static int g_sig_pipe[2] = {-1, -1};

static void on_term(int sig) {
    (void)sig;
    int e = errno;
    if (write(g_sig_pipe[1], "x", 1) < 0) {
    }
    errno = e;
}

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

static void flush_out(server *s) {
    if (dbuf_avail(&s->out)) (void)pd_write_all(s->out_fd, s->out.p + s->out.off, dbuf_avail(&s->out));
    dbuf_clear(&s->out);
}

/* {"jsonrpc":"2.0","id":ID,"result": -- the caller writes the result and
 * ends with end_msg. */
static int begin_result(server *s, const char *id) {
    return pd_dbuf_printf(&s->out, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":", id);
}

/* The fields every 2026-07-28 result carries (before its closing brace). */
static int modern_fields(server *s) {
    return pd_dbuf_printf(&s->out,
                          ",\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/"
                          "serverInfo\":{\"name\":\"%s\",\"version\":\"%s\"}}",
                          MCP_SERVER_NAME, pe_version());
}

/* Closes the result object and the message. */
static int end_msg(server *s) { return MCP_PUTS(&s->out, "}}\n"); }

/* A JSON-RPC error; data is JSON text or NULL. */
static void send_error(server *s, const char *id, int code, const char *msg, const char *data) {
    size_t at = s->out.len;
    int r = pd_dbuf_printf(&s->out, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":{\"code\":%d,\"message\":",
                           id ? id : "null", code) ||
            mcp_json_str(&s->out, msg, strlen(msg));
    if (!r && data) r = pd_dbuf_printf(&s->out, ",\"data\":%s", data);
    if (r || MCP_PUTS(&s->out, "}}\n")) s->out.len = at;
}

/* ------------------------------------------------------------------ */
/* Reading values of a message                                         */
/* ------------------------------------------------------------------ */

/* obj[key] (BORROWED semantics for the caller: released with the message
 * by pe_reset). 1 found, 0 missing or obj not a dict. */
static int jget(server *s, pe_value obj, const char *key, pe_value *out) {
    if (pe_value_type(obj) != PE_TYPE_DICT) return 0;
    pe_value k;
    if (pe_make_str(s->P, key, strlen(key), &k)) {
        pe_exception_clear(s->P);
        return 0;
    }
    int r = pe_value_dict_get(s->P, obj, k, out);
    pe_value_release(s->P, k);
    if (r < 0) pe_exception_clear(s->P);
    return r == 1;
}

static const char *jstr(pe_value v, size_t *n) {
    return pe_value_type(v) == PE_TYPE_STR ? pe_value_utf8(v, n) : NULL;
}

/* ------------------------------------------------------------------ */
/* Workers and sessions                                                */
/* ------------------------------------------------------------------ */

static int spawn(server *s, unsigned i) {
    if (pd_proc_spawn(&s->procs[i], mcp_worker_main, &s->cf) == 0) return 0;
    s->procs[i].pid = -1;
    s->procs[i].fd = -1;
    return -1;
}

static sess_ent *sess_lookup(server *s, const char *id, size_t n) {
    for (size_t i = 0; i < s->nss; i++)
        if (strlen(s->ss[i].id) == n && !memcmp(s->ss[i].id, id, n)) return &s->ss[i];
    return NULL;
}

static void sess_remove(server *s, sess_ent *e) {
    free(e->id);
    *e = s->ss[--s->nss];
}

/* A worker is gone: its sessions are too. */
static void forget_worker_sessions(server *s, unsigned w) {
    for (size_t i = 0; i < s->nss;)
        if (s->ss[i].worker == w) sess_remove(s, &s->ss[i]);
        else i++;
}

static unsigned worker_sessions(server *s, unsigned w) {
    unsigned n = 0;
    for (size_t i = 0; i < s->nss; i++) n += s->ss[i].worker == w;
    return n;
}

static size_t sessions_memory(server *s) {
    size_t m = 0;
    for (size_t i = 0; i < s->nss; i++) m += s->ss[i].mem;
    return m;
}

/* ------------------------------------------------------------------ */
/* Waiting for a worker while watching stdin                            */
/* ------------------------------------------------------------------ */

static void note_cancel(server *s, pe_value msg);

/* Reads stdin into s->in (never compacting: offsets stay valid). Oversized
 * lines are handled by the line splitter. */
static void read_stdin(server *s) {
    if (s->eof) return;
    if (s->scan < s->in.off || s->scan > s->in.len) s->scan = s->in.off;
    size_t off = s->in.off;
    if (pd_dbuf_reserve(&s->in, READ_CHUNK * 4)) return;
    s->scan -= off - s->in.off; /* reserve may have moved the data to the front */
    ssize_t r = read(s->in_fd, s->in.p + s->in.len, s->in.cap - s->in.len);
    if (r > 0) s->in.len += (size_t)r;
    else if (r == 0 || (errno != EINTR && errno != EAGAIN)) s->eof = true;
}

/* Checks complete lines after s->scan for notifications/cancelled (handled
 * at once, and blanked so that they are not seen twice). */
static void scan_cancels(server *s) {
    if (s->scan < s->in.off || s->scan > s->in.len) s->scan = s->in.off;
    for (;;) {
        char *p = s->in.p + s->scan;
        char *nl = memchr(p, '\n', s->in.len - s->scan);
        if (!nl) return;
        size_t n = (size_t)(nl - p);
        if (n <= s->cf.max_message && memmem(p, n, "notifications/cancelled", 23)) {
            pe_value msg;
            if (pe_json_parse(s->P, p, n, &msg) == 0) {
                note_cancel(s, msg);
                pe_value_release(s->P, msg);
                memset(p, ' ', n);
            } else {
                pe_exception_clear(s->P);
            }
        }
        s->scan += n + 1;
    }
}

/* Sends the request in s->req to worker w and waits for its answer.
 * Returns 1 with the answer's frame in *body (consume with
 * pd_proc_consume), 0 when the worker died or was killed (*why says how),
 * -1 when it could not be reached. */
static int call_worker(server *s, unsigned w, double timeout, const char **body, size_t *n,
                       char *why, size_t whysz) {
    pd_proc *p = &s->procs[w];
    if (p->pid < 0 && spawn(s, w)) {
        snprintf(why, whysz, "cannot start a worker process: %s", strerror(errno));
        return -1;
    }
    if (pd_proc_send(p, s->req.p, s->req.len)) {
        int st = pd_proc_kill(p);
        forget_worker_sessions(s, w);
        snprintf(why, whysz, "the worker process was gone (status %d)", st);
        return 0;
    }
    flush_out(s);
    int64_t start = now_ns();
    int64_t deadline = start + (int64_t)((timeout + MCP_GRACE) * 1e9);
    int64_t cancel_deadline = 0;
    for (;;) {
        if (pd_proc_frame(p, body, n)) return 1;
        int64_t now = now_ns();
        if (now >= deadline || (cancel_deadline && now >= cancel_deadline)) {
            pd_proc_kill(p);
            forget_worker_sessions(s, w);
            snprintf(why, whysz,
                     "the run did not stop within %g s of its time limit (native work that "
                     "cannot be interrupted): its worker process was killed",
                     MCP_GRACE);
            return 0;
        }
        struct pollfd fds[3] = {{p->fd, POLLIN, 0},
                                {g_sig_pipe[0], POLLIN, 0},
                                {s->eof || dbuf_avail(&s->in) > 4 * s->cf.max_message ? -1 : s->in_fd,
                                 POLLIN, 0}};
        int64_t wait_ms = (deadline - now) / 1000000 + 1;
        if (wait_ms > 1000) wait_ms = 1000;
        int pr = poll(fds, 3, (int)wait_ms);
        if (pr < 0 && errno != EINTR) return -1;
        if (pr <= 0) continue;
        if (fds[1].revents) {
            char c;
            if (read(g_sig_pipe[0], &c, 1) > 0) s->stop = true; /* finish this call first */
        }
        if (fds[2].revents) {
            read_stdin(s);
            scan_cancels(s);
            if (s->cur_cancelled && !cancel_deadline) {
                kill(p->pid, SIGUSR1);
                cancel_deadline = now_ns() + (int64_t)1e9;
            }
        }
        if (fds[0].revents) {
            if (pd_proc_read(p) < 0) {
                if (pd_proc_frame(p, body, n)) return 1;
                int st = pd_proc_status(p);
                close(p->fd);
                p->fd = -1;
                p->pid = -1;
                dbuf_clear(&p->in);
                forget_worker_sessions(s, w);
                if (WIFSIGNALED(st))
                    snprintf(why, whysz, "the worker process running this call died (signal %d)",
                             WTERMSIG(st));
                else
                    snprintf(why, whysz, "the worker process running this call exited (status %d)",
                             WEXITSTATUS(st));
                return 0;
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Tool calls                                                          */
/* ------------------------------------------------------------------ */

/* A tool result that is an error of the server, not of the program. */
static void tool_error(server *s, const char *id, bool modern, const char *msg) {
    size_t at = s->out.len;
    int r = begin_result(s, id) || MCP_PUTS(&s->out, "{\"content\":[{\"type\":\"text\",\"text\":") ||
            mcp_json_str(&s->out, msg, strlen(msg)) || MCP_PUTS(&s->out, "}],\"isError\":true") ||
            (modern && modern_fields(s)) || end_msg(s);
    if (r) s->out.len = at;
}

static bool is_identifier(const char *p, size_t n) {
    if (!n || (p[0] >= '0' && p[0] <= '9')) return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (!(c == '_' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

/* Validates the session argument: 1..MCP_MAX_SESSION_ID bytes. */
static const char *session_arg(pe_value v, size_t *n) {
    const char *p = jstr(v, n);
    return p && *n >= 1 && *n <= MCP_MAX_SESSION_ID && !memchr(p, 0, *n) ? p : NULL;
}

static void expire_sessions(server *s, bool all_idle_check);

static void call_run_python(server *s, const char *id, bool modern, pe_value args) {
    pe_value code = pe_value_none(), inputs = pe_value_none(), sess = pe_value_none(), k, v;
    double timeout = s->cf.timeout;
    uint64_t maxmem = s->cf.max_memory, steps = s->cf.max_steps;
    bool has_code = false, has_inputs = false, has_sess = false;
    size_t pos = 0;
    char msg[256];
    while (pe_value_dict_next(args, &pos, &k, &v)) {
        size_t kl;
        const char *key = pe_value_utf8(k, &kl);
        if (!strcmp(key, "code") && pe_value_type(v) == PE_TYPE_STR) {
            code = v;
            has_code = true;
        } else if (!strcmp(key, "inputs") && pe_value_type(v) == PE_TYPE_DICT) {
            inputs = v;
            has_inputs = true;
        } else if (!strcmp(key, "session") && pe_value_type(v) == PE_TYPE_STR) {
            sess = v;
            has_sess = true;
        } else if (!strcmp(key, "timeout") &&
                   (pe_value_type(v) == PE_TYPE_INT || pe_value_type(v) == PE_TYPE_FLOAT)) {
            double t;
            if (pe_value_to_double(s->P, v, &t) || !(t > 0) || t > s->cf.timeout) {
                pe_exception_clear(s->P);
                snprintf(msg, sizeof msg, "Invalid arguments for tool run_python: timeout must be "
                         "a number of seconds > 0 and <= %g", s->cf.timeout);
                send_error(s, id, E_INVALID_PARAMS, msg, NULL);
                return;
            }
            timeout = t;
        } else if ((!strcmp(key, "max_memory") || !strcmp(key, "max_steps")) &&
                   pe_value_type(v) == PE_TYPE_INT) {
            bool mem = key[4] == 'm';
            uint64_t cap = mem ? s->cf.max_memory : s->cf.max_steps;
            int64_t x;
            if (pe_value_to_int64(s->P, v, &x) || x < 1 || (cap && (uint64_t)x > cap)) {
                pe_exception_clear(s->P);
                snprintf(msg, sizeof msg, "Invalid arguments for tool run_python: %s must be an "
                         "integer >= 1%s%.0f", key, cap ? " and <= " : "", cap ? (double)cap : 0.0);
                if (!cap) msg[strlen(msg) - 1] = 0;
                send_error(s, id, E_INVALID_PARAMS, msg, NULL);
                return;
            }
            if (mem) maxmem = (uint64_t)x;
            else steps = (uint64_t)x;
        } else {
            bool known = !strcmp(key, "code") || !strcmp(key, "inputs") || !strcmp(key, "session") ||
                         !strcmp(key, "timeout") || !strcmp(key, "max_memory") ||
                         !strcmp(key, "max_steps");
            snprintf(msg, sizeof msg, known ? "Invalid arguments for tool run_python: '%.64s' has the wrong type"
                                            : "Invalid arguments for tool run_python: unknown argument '%.64s'",
                     key);
            send_error(s, id, E_INVALID_PARAMS, msg, NULL);
            return;
        }
    }
    if (!has_code) {
        send_error(s, id, E_INVALID_PARAMS,
                   "Invalid arguments for tool run_python: 'code' (a string) is required", NULL);
        return;
    }
    char *inputs_json = NULL;
    size_t inlen = 0;
    if (has_inputs) {
        size_t ip = 0;
        while (pe_value_dict_next(inputs, &ip, &k, NULL)) {
            size_t kl;
            const char *name = pe_value_utf8(k, &kl);
            if (!is_identifier(name, kl)) {
                snprintf(msg, sizeof msg, "Invalid arguments for tool run_python: input name "
                         "'%.64s' is not an identifier", name);
                send_error(s, id, E_INVALID_PARAMS, msg, NULL);
                return;
            }
        }
        if (pe_value_len(inputs) && pe_json_dump(s->P, inputs, &inputs_json, &inlen)) {
            pe_exception_clear(s->P);
            send_error(s, id, E_INTERNAL, "cannot re-encode inputs", NULL);
            return;
        }
    }
    const char *sid = NULL;
    size_t sidlen = 0;
    if (has_sess && !(sid = session_arg(sess, &sidlen))) {
        free(inputs_json);
        snprintf(msg, sizeof msg, "Invalid arguments for tool run_python: session must be a "
                 "string of 1 to %d bytes", MCP_MAX_SESSION_ID);
        send_error(s, id, E_INVALID_PARAMS, msg, NULL);
        return;
    }
    /* which worker */
    unsigned w = 0;
    sess_ent *se = NULL;
    if (sid) {
        se = sess_lookup(s, sid, sidlen);
        if (!se) {
            expire_sessions(s, false);
            if (s->nss >= s->cf.max_sessions || sessions_memory(s) >= s->cf.sessions_memory) {
                free(inputs_json);
                snprintf(msg, sizeof msg,
                         "too many sessions (at most %u, holding at most %zu MiB together): "
                         "reset one with reset_session or call without a session",
                         s->cf.max_sessions, s->cf.sessions_memory >> 20);
                tool_error(s, id, modern, msg);
                return;
            }
            unsigned best = 0, bn = UINT32_MAX;
            for (unsigned i = 0; i < s->cf.workers; i++) {
                unsigned c = worker_sessions(s, i);
                if (c < bn) {
                    bn = c;
                    best = i;
                }
            }
            w = best;
        } else {
            w = se->worker;
        }
    } else {
        w = s->rr++ % s->cf.workers;
    }
    /* recycle a worker that holds no session after cf.recycle calls */
    if (s->procs[w].pid > 0 && s->cf.recycle && s->procs[w].calls >= s->cf.recycle &&
        !worker_sessions(s, w))
        pd_proc_kill(&s->procs[w]);

    size_t codelen;
    const char *src = pe_value_utf8(code, &codelen);
    uint64_t tbits;
    memcpy(&tbits, &timeout, sizeof tbits);
    dbuf_clear(&s->req);
    int r = pd_dbuf_u8(&s->req, MW_RUN) || pd_dbuf_u32(&s->req, 0) || pd_dbuf_u64(&s->req, tbits) ||
            pd_dbuf_u64(&s->req, maxmem) || pd_dbuf_u64(&s->req, steps) ||
            pd_dbuf_blob(&s->req, sid, sidlen) || pd_dbuf_blob(&s->req, src, codelen) ||
            pd_dbuf_blob(&s->req, inputs_json, inlen);
    free(inputs_json);
    if (r) {
        send_error(s, id, E_INTERNAL, "out of memory", NULL);
        return;
    }
    if (sid && !se) {
        if (s->nss == s->capss) {
            size_t nc = s->capss ? s->capss * 2 : 16;
            sess_ent *ns = realloc(s->ss, nc * sizeof *ns);
            if (!ns) {
                send_error(s, id, E_INTERNAL, "out of memory", NULL);
                return;
            }
            s->ss = ns;
            s->capss = nc;
        }
        se = &s->ss[s->nss];
        if (!(se->id = strndup(sid, sidlen))) {
            send_error(s, id, E_INTERNAL, "out of memory", NULL);
            return;
        }
        se->worker = w;
        se->mem = 0;
        s->nss++;
    }
    if (se) se->last = now_ns();
    const char *body;
    size_t blen;
    char why[256];
    s->cur_id = id;
    s->cur_cancelled = false;
    int cr = call_worker(s, w, timeout, &body, &blen, why, sizeof why);
    s->cur_id = NULL;
    if (s->cur_cancelled) { /* no response for a cancelled request */
        if (cr == 1) pd_proc_consume(&s->procs[w], blen);
        return;
    }
    if (cr != 1) {
        char text[512];
        snprintf(text, sizeof text, "%s%s", why,
                 sid ? "; the session's globals were lost with it" : "");
        tool_error(s, id, modern, text);
        return;
    }
    rd rr = {(const unsigned char *)body, (const unsigned char *)body + blen, false};
    (void)pd_rd_u8(&rr);
    uint64_t mem = pd_rd_u64(&rr);
    if (se && (se = sess_lookup(s, sid, sidlen))) se->mem = (size_t)mem;
    size_t at = s->out.len;
    r = begin_result(s, id) || pd_dbuf_u8(&s->out, '{') ||
        pd_dbuf_put(&s->out, rr.p, rd_left(&rr)) || (modern && modern_fields(s)) || end_msg(s);
    if (r) s->out.len = at;
    pd_proc_consume(&s->procs[w], blen);
}

static void call_reset_session(server *s, const char *id, bool modern, pe_value args) {
    pe_value v, k;
    size_t pos = 0;
    while (pe_value_dict_next(args, &pos, &k, NULL)) {
        size_t kl;
        const char *key = pe_value_utf8(k, &kl);
        if (strcmp(key, "session")) {
            char msg[160];
            snprintf(msg, sizeof msg, "Invalid arguments for tool reset_session: unknown "
                     "argument '%.64s'", key);
            send_error(s, id, E_INVALID_PARAMS, msg, NULL);
            return;
        }
    }
    size_t n;
    const char *sid;
    if (!jget(s, args, "session", &v) || !(sid = session_arg(v, &n))) {
        send_error(s, id, E_INVALID_PARAMS,
                   "Invalid arguments for tool reset_session: 'session' (a string) is required",
                   NULL);
        return;
    }
    sess_ent *e = sess_lookup(s, sid, n);
    bool had = e != NULL;
    if (e) {
        unsigned w = e->worker;
        dbuf_clear(&s->req);
        if (!pd_dbuf_u8(&s->req, MW_DROP) && !pd_dbuf_blob(&s->req, sid, n)) {
            const char *body;
            size_t blen;
            char why[256];
            if (call_worker(s, w, 5.0, &body, &blen, why, sizeof why) == 1)
                pd_proc_consume(&s->procs[w], blen);
        }
        if ((e = sess_lookup(s, sid, n))) sess_remove(s, e);
    }
    size_t at = s->out.len;
    int r = begin_result(s, id) || MCP_PUTS(&s->out, "{\"content\":[{\"type\":\"text\",\"text\":");
    if (!r) {
        dbuf t = {0};
        r = pd_dbuf_printf(&t, had ? "session '%.*s' reset" : "session '%.*s' did not exist", (int)n, sid) ||
            mcp_json_str(&s->out, t.p, t.len);
        pd_dbuf_free(&t);
    }
    r = r || MCP_PUTS(&s->out, "}],\"isError\":false") || (modern && modern_fields(s)) ||
        end_msg(s);
    if (r) s->out.len = at;
}

/* ------------------------------------------------------------------ */
/* Sessions: idle expiry                                               */
/* ------------------------------------------------------------------ */

static void expire_sessions(server *s, bool unused) {
    (void)unused;
    int64_t now = now_ns(), idle = (int64_t)(s->cf.session_idle * 1e9);
    for (size_t i = 0; i < s->nss;) {
        sess_ent *e = &s->ss[i];
        if (now - e->last < idle) {
            i++;
            continue;
        }
        unsigned w = e->worker;
        size_t n = strlen(e->id);
        dbuf_clear(&s->req);
        if (!pd_dbuf_u8(&s->req, MW_DROP) && !pd_dbuf_blob(&s->req, e->id, n) &&
            s->procs[w].pid > 0) {
            const char *body;
            size_t blen;
            char why[256];
            char *id = strdup(e->id);
            if (call_worker(s, w, 5.0, &body, &blen, why, sizeof why) == 1)
                pd_proc_consume(&s->procs[w], blen);
            e = id ? sess_lookup(s, id, n) : NULL;
            free(id);
            if (!e) continue;
        }
        sess_remove(s, e);
    }
}

/* ------------------------------------------------------------------ */
/* Methods                                                             */
/* ------------------------------------------------------------------ */

/* UnsupportedProtocolVersionError (-32022) naming what was requested. */
static void unsupported_version(server *s, const char *id, const char *req, size_t n) {
    dbuf d = {0};
    int r = pd_dbuf_printf(&d, "{\"supported\":[\"%s\"],\"requested\":", MCP_MODERN_VERSION) ||
            mcp_json_str(&d, req, n) || MCP_PUTS(&d, "}") || pd_dbuf_u8(&d, 0);
    send_error(s, id, E_UNSUPPORTED_VERSION, "Unsupported protocol version", r ? NULL : d.p);
    pd_dbuf_free(&d);
}

/* Decides the protocol generation of a request (docs/mcp.md "Versions").
 * 1: modern (2026-07-28) request, 0: legacy, -1: an error was sent. */
static int classify(server *s, const char *id, const char *method, pe_value params) {
    pe_value meta, ver, caps;
    bool envelope = jget(s, params, "_meta", &meta) &&
                    jget(s, meta, "io.modelcontextprotocol/protocolVersion", &ver);
    if (!envelope && strcmp(method, "server/discover")) {
        if (s->era == ERA_MODERN) {
            send_error(s, id, E_INVALID_PARAMS,
                       "Invalid params: _meta must carry io.modelcontextprotocol/protocolVersion "
                       "(this connection speaks protocol " MCP_MODERN_VERSION ")",
                       NULL);
            return -1;
        }
        return 0;
    }
    if (s->era == ERA_LEGACY) {
        send_error(s, id, E_INVALID_REQUEST,
                   "Invalid Request: this connection began with initialize; per-request _meta "
                   "versions are not accepted on it",
                   NULL);
        return -1;
    }
    size_t vl;
    const char *v = envelope ? jstr(ver, &vl) : NULL;
    if (!v) {
        send_error(s, id, E_INVALID_PARAMS,
                   "Invalid params: _meta must carry io.modelcontextprotocol/protocolVersion (a "
                   "string)",
                   NULL);
        return -1;
    }
    if (strcmp(v, MCP_MODERN_VERSION)) {
        unsupported_version(s, id, v, vl);
        return -1;
    }
    if (!jget(s, meta, "io.modelcontextprotocol/clientCapabilities", &caps) ||
        pe_value_type(caps) != PE_TYPE_DICT) {
        send_error(s, id, E_INVALID_PARAMS,
                   "Invalid params: _meta must carry io.modelcontextprotocol/clientCapabilities "
                   "(an object)",
                   NULL);
        return -1;
    }
    s->era = ERA_MODERN;
    return 1;
}

static void m_initialize(server *s, const char *id, pe_value params) {
    pe_value v;
    size_t vl;
    const char *req = jget(s, params, "protocolVersion", &v) ? jstr(v, &vl) : NULL;
    if (!req) {
        send_error(s, id, E_INVALID_PARAMS, "Invalid params: protocolVersion (a string) is required",
                   NULL);
        return;
    }
    if (s->era == ERA_MODERN) {
        unsupported_version(s, id, req, vl);
        return;
    }
    const char *ver = MCP_LEGACY_LATEST;
    for (int i = 0; legacy_versions[i]; i++)
        if (!strcmp(req, legacy_versions[i])) ver = legacy_versions[i];
    s->era = ERA_LEGACY;
    size_t at = s->out.len;
    int r = begin_result(s, id) ||
            pd_dbuf_printf(&s->out,
                           "{\"protocolVersion\":\"%s\",\"capabilities\":{\"tools\":{\"listChanged\":"
                           "false}},\"serverInfo\":{\"name\":\"%s\",\"title\":\"pyexpr: sandboxed "
                           "Python\",\"version\":\"%s\"},\"instructions\":",
                           ver, MCP_SERVER_NAME, pe_version()) ||
            mcp_json_str(&s->out, mcp_instructions(), strlen(mcp_instructions())) || end_msg(s);
    if (r) s->out.len = at;
}

static void m_discover(server *s, const char *id) {
    size_t at = s->out.len;
    int r = begin_result(s, id) ||
            pd_dbuf_printf(&s->out,
                           "{\"supportedVersions\":[\"" MCP_MODERN_VERSION "\"],\"capabilities\":"
                           "{\"tools\":{}},\"serverInfo\":{\"name\":\"%s\",\"version\":\"%s\"},"
                           "\"ttlMs\":3600000,\"cacheScope\":\"public\",\"instructions\":",
                           MCP_SERVER_NAME, pe_version()) ||
            mcp_json_str(&s->out, mcp_instructions(), strlen(mcp_instructions())) ||
            modern_fields(s) || end_msg(s);
    if (r) s->out.len = at;
}

static void m_tools_list(server *s, const char *id, bool modern) {
    size_t at = s->out.len;
    int r = begin_result(s, id) || MCP_PUTS(&s->out, "{\"tools\":") ||
            pd_dbuf_put(&s->out, s->tools.p, s->tools.len) ||
            (modern && pd_dbuf_printf(&s->out, ",\"ttlMs\":3600000,\"cacheScope\":\"public\"")) ||
            (modern && modern_fields(s)) || end_msg(s);
    if (r) s->out.len = at;
}

static void m_tools_call(server *s, const char *id, bool modern, pe_value params) {
    pe_value name, args;
    size_t nl;
    const char *tool = jget(s, params, "name", &name) ? jstr(name, &nl) : NULL;
    if (!tool) {
        send_error(s, id, E_INVALID_PARAMS, "Invalid params: name (a string) is required", NULL);
        return;
    }
    if (!jget(s, params, "arguments", &args)) {
        args = pe_value_none();
        if (pe_make_dict(s->P, &args)) {
            pe_exception_clear(s->P);
            send_error(s, id, E_INTERNAL, "out of memory", NULL);
            return;
        }
    } else if (pe_value_type(args) != PE_TYPE_DICT) {
        pe_value_release(s->P, args);
        send_error(s, id, E_INVALID_PARAMS, "Invalid params: arguments must be an object", NULL);
        return;
    }
    if (!strcmp(tool, "run_python")) call_run_python(s, id, modern, args);
    else if (!strcmp(tool, "reset_session")) call_reset_session(s, id, modern, args);
    else {
        char msg[160];
        snprintf(msg, sizeof msg, "Unknown tool: %.100s", tool);
        send_error(s, id, E_INVALID_PARAMS, msg, NULL);
    }
    pe_value_release(s->P, args);
}

/* notifications/cancelled: the call in flight, or one still queued. */
static void note_cancel(server *s, pe_value msg) {
    pe_value method, params, rid;
    size_t ml;
    const char *m = jget(s, msg, "method", &method) ? jstr(method, &ml) : NULL;
    if (m) pe_value_release(s->P, method);
    bool ok = m && !strcmp(m, "notifications/cancelled") && jget(s, msg, "params", &params);
    if (!ok) return;
    if (jget(s, params, "requestId", &rid)) {
        char *t;
        if (pe_json_dump(s->P, rid, &t, NULL) == 0) {
            if (s->cur_id && !strcmp(t, s->cur_id)) {
                s->cur_cancelled = true;
                free(t);
            } else {
                char **nc = realloc(s->cancelled, (s->ncancelled + 1) * sizeof *nc);
                if (nc) {
                    s->cancelled = nc;
                    s->cancelled[s->ncancelled++] = t;
                } else {
                    free(t);
                }
            }
        } else {
            pe_exception_clear(s->P);
        }
        pe_value_release(s->P, rid);
    }
    pe_value_release(s->P, params);
}

/* 1 (and forgotten) when the request id was cancelled before it ran. */
static bool take_cancelled(server *s, const char *id) {
    for (size_t i = 0; i < s->ncancelled; i++)
        if (!strcmp(s->cancelled[i], id)) {
            free(s->cancelled[i]);
            s->cancelled[i] = s->cancelled[--s->ncancelled];
            return true;
        }
    return false;
}

static void handle_message(server *s, pe_value msg) {
    pe_state *P = s->P;
    if (pe_value_type(msg) == PE_TYPE_LIST) {
        send_error(s, NULL, E_INVALID_REQUEST,
                   "Invalid Request: JSON-RPC batches are not supported by MCP", NULL);
        return;
    }
    if (pe_value_type(msg) != PE_TYPE_DICT) {
        send_error(s, NULL, E_INVALID_REQUEST, "Invalid Request: a message must be a JSON object",
                   NULL);
        return;
    }
    pe_value idv, jv, mv, params = pe_value_none();
    char *id = NULL;
    bool has_id = jget(s, msg, "id", &idv);
    if (has_id) {
        pe_type_id t = pe_value_type(idv);
        if ((t == PE_TYPE_STR || t == PE_TYPE_INT) && pe_json_dump(P, idv, &id, NULL)) {
            pe_exception_clear(P);
            id = NULL;
        }
        if (!id) {
            send_error(s, NULL, E_INVALID_REQUEST,
                       "Invalid Request: id must be a string or an integer", NULL);
            return;
        }
    }
    size_t jl, ml;
    const char *jr = jget(s, msg, "jsonrpc", &jv) ? jstr(jv, &jl) : NULL;
    const char *method = jget(s, msg, "method", &mv) ? jstr(mv, &ml) : NULL;
    if (!jr || strcmp(jr, "2.0")) {
        send_error(s, id, E_INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\"", NULL);
        goto done;
    }
    if (!method) {
        pe_value x;
        /* a response from the client: this server sends no requests */
        if (has_id && (jget(s, msg, "result", &x) || jget(s, msg, "error", &x))) goto done;
        send_error(s, id, E_INVALID_REQUEST, "Invalid Request: method (a string) is required",
                   NULL);
        goto done;
    }
    bool has_params = jget(s, msg, "params", &params);
    if (has_params && pe_value_type(params) != PE_TYPE_DICT) {
        if (has_id)
            send_error(s, id, E_INVALID_PARAMS, "Invalid params: params must be an object", NULL);
        goto done;
    }
    if (!has_id) { /* notifications: never answered */
        if (!strcmp(method, "notifications/cancelled")) note_cancel(s, msg);
        goto done;
    }
    if (take_cancelled(s, id)) goto done;
    if (!strcmp(method, "initialize")) {
        m_initialize(s, id, params);
        goto done;
    }
    int modern = classify(s, id, method, params);
    if (modern < 0) goto done;
    if (!strcmp(method, "ping") && !modern) {
        if (!begin_result(s, id)) (void)MCP_PUTS(&s->out, "{}}\n");
    } else if (!strcmp(method, "server/discover")) {
        m_discover(s, id);
    } else if (!modern && s->era != ERA_LEGACY) {
        send_error(s, id, E_INVALID_REQUEST,
                   "Invalid Request: the server is not initialized (send initialize first, or "
                   "use protocol " MCP_MODERN_VERSION " with _meta)",
                   NULL);
    } else if (!strcmp(method, "tools/list")) {
        m_tools_list(s, id, modern);
    } else if (!strcmp(method, "tools/call")) {
        m_tools_call(s, id, modern, params);
    } else {
        char msg2[160];
        snprintf(msg2, sizeof msg2, "Method not found: %.100s", method);
        send_error(s, id, E_NO_METHOD, msg2, NULL);
    }
done:
    free(id);
}

/* One line of input. */
static void handle_line(server *s, const char *p, size_t n) {
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r')) i++;
    if (i == n) return;
    pe_value msg;
    if (pe_json_parse(s->P, p, n, &msg)) {
        pe_exception_clear(s->P);
        send_error(s, NULL, E_PARSE, "Parse error", NULL);
    } else {
        handle_message(s, msg);
        pe_value_release(s->P, msg);
    }
    pe_reset(s->P);
}

/* Handles every complete line in s->in; oversized ones are refused. */
static void drain_lines(server *s) {
    for (;;) {
        size_t avail = dbuf_avail(&s->in);
        if (!avail) break;
        char *p = s->in.p + s->in.off;
        char *nl = memchr(p, '\n', avail);
        if (!nl) {
            if (s->skipping) {
                s->in.off = s->in.len;
            } else if (avail > s->cf.max_message) {
                s->skipping = true;
                s->in.off = s->in.len;
                char m[128];
                snprintf(m, sizeof m, "Invalid Request: message larger than %zu bytes",
                         s->cf.max_message);
                send_error(s, NULL, E_INVALID_REQUEST, m, NULL);
            } else if (s->eof && avail) { /* a last line without a newline */
                s->in.off = s->in.len;
                handle_line(s, p, avail);
            }
            break;
        }
        size_t n = (size_t)(nl - p);
        s->in.off += n + 1;
        if (s->skipping) {
            s->skipping = false;
            continue;
        }
        if (n > s->cf.max_message) {
            char m[128];
            snprintf(m, sizeof m, "Invalid Request: message larger than %zu bytes", s->cf.max_message);
            send_error(s, NULL, E_INVALID_REQUEST, m, NULL);
            continue;
        }
        handle_line(s, p, n);
        if (s->out.len > (64u << 10)) flush_out(s);
    }
    if (s->in.off == s->in.len) dbuf_clear(&s->in);
    else if (s->in.off > (1u << 20)) pd_dbuf_compact(&s->in);
    s->scan = s->in.off;
}

/* The signal pipe and the handlers that write to it (a connection's
 * process under --socket makes its own). */
static int open_sig_pipe(void) {
    if (pipe2(g_sig_pipe, O_CLOEXEC)) return -1;
    (void)fcntl(g_sig_pipe[1], F_SETFL, O_NONBLOCK);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    return 0;
}

/* Serves one client on s->in_fd / s->out_fd until EOF or a stop signal. */
static int serve_conn(server *s) {
    mcp_conf *cf = &s->cf;
    s->procs = calloc(cf->workers, sizeof *s->procs);
    if (!s->procs) {
        fprintf(stderr, "pyexpr --mcp: out of memory\n");
        return 1;
    }
    for (unsigned i = 0; i < cf->workers; i++) {
        s->procs[i].pid = -1;
        s->procs[i].fd = -1;
        if (spawn(s, i)) {
            fprintf(stderr, "pyexpr --mcp: cannot start worker processes: %s\n", strerror(errno));
            free(s->procs);
            return 1;
        }
    }
    int64_t last_expiry = now_ns();
    for (;;) {
        drain_lines(s);
        flush_out(s);
        if (s->eof || s->stop) break;
        struct pollfd fds[2] = {{s->in_fd, POLLIN, 0}, {g_sig_pipe[0], POLLIN, 0}};
        int r = poll(fds, 2, 1000);
        if (r < 0 && errno != EINTR) break;
        if (r > 0 && fds[1].revents) {
            char c;
            if (read(g_sig_pipe[0], &c, 1) > 0) s->stop = true;
        }
        if (r > 0 && fds[0].revents) read_stdin(s);
        int64_t now = now_ns();
        if (s->nss && now - last_expiry > 1000000000LL) {
            expire_sessions(s, true);
            last_expiry = now;
        }
    }
    /* lines already read are answered (graceful stop) */
    drain_lines(s);
    flush_out(s);
    for (unsigned i = 0; i < cf->workers; i++) {
        pd_proc *p = &s->procs[i];
        if (p->pid > 0) {
            close(p->fd); /* EOF: the worker frees its states and exits */
            p->fd = -1;
            (void)pd_proc_status(p);
        }
        pd_dbuf_free(&p->in);
    }
    while (s->nss) sess_remove(s, &s->ss[0]);
    free(s->ss);
    for (size_t i = 0; i < s->ncancelled; i++) free(s->cancelled[i]);
    free(s->cancelled);
    free(s->procs);
    pd_dbuf_free(&s->in);
    pd_dbuf_free(&s->out);
    pd_dbuf_free(&s->req);
    return 0;
}

/* --socket PATH: every connection is served by a process of its own
 * (forked here, with its own workers and sessions), for peers of our uid. */
static int serve_socket(server *s) {
    const mcp_conf *cf = &s->cf;
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    if (strlen(cf->socket_path) >= sizeof sa.sun_path) {
        fprintf(stderr, "pyexpr --mcp: socket path too long\n");
        return 2;
    }
    strcpy(sa.sun_path, cf->socket_path);
    int lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (lfd < 0) return 1;
    /* a stale socket (nobody listening) is replaced; a live one is not */
    int probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (probe >= 0) {
        if (connect(probe, (struct sockaddr *)&sa, sizeof sa) == 0) {
            fprintf(stderr, "pyexpr --mcp: %s: a server is already listening there\n", sa.sun_path);
            close(probe);
            close(lfd);
            return 1;
        }
        close(probe);
        struct stat st;
        if (lstat(sa.sun_path, &st) == 0 && S_ISSOCK(st.st_mode)) unlink(sa.sun_path);
    }
    mode_t old = umask(0177); /* 0600: the owner only */
    int br = bind(lfd, (struct sockaddr *)&sa, sizeof sa);
    umask(old);
    if (br < 0 || listen(lfd, 64) < 0) {
        fprintf(stderr, "pyexpr --mcp: %s: %s\n", sa.sun_path, strerror(errno));
        close(lfd);
        return 1;
    }
    pid_t *kids = calloc(cf->max_conns, sizeof *kids);
    if (!kids) {
        close(lfd);
        unlink(sa.sun_path);
        return 1;
    }
    unsigned nkids = 0;
    bool stop = false;
    while (!stop) {
        struct pollfd fds[2] = {{lfd, POLLIN, 0}, {g_sig_pipe[0], POLLIN, 0}};
        int r = poll(fds, 2, 1000);
        /* reap connections that ended */
        for (unsigned i = 0; i < nkids;) {
            if (waitpid(kids[i], NULL, WNOHANG) == kids[i]) kids[i] = kids[--nkids];
            else i++;
        }
        if (r < 0 && errno != EINTR) break;
        if (r <= 0) continue;
        if (fds[1].revents) {
            char c;
            if (read(g_sig_pipe[0], &c, 1) > 0) stop = true;
            continue;
        }
        if (!fds[0].revents) continue;
        int cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
        if (cfd < 0) continue;
        struct ucred cr;
        socklen_t cl = sizeof cr;
        if (getsockopt(cfd, SOL_SOCKET, SO_PEERCRED, &cr, &cl) < 0 ||
            (cr.uid != getuid() && cr.uid != 0) || nkids >= cf->max_conns) {
            close(cfd); /* another user, or too many connections */
            continue;
        }
        pid_t pid = fork();
        if (pid == 0) {
            close(lfd);
            close(g_sig_pipe[0]);
            close(g_sig_pipe[1]);
            int rc = open_sig_pipe() ? 1 : 0;
            if (!rc) {
                s->in_fd = s->out_fd = cfd;
                rc = serve_conn(s);
            }
            pd_dbuf_free(&s->tools);
            mcp_htools_free(&s->cf);
            pe_state_free(s->P);
            _exit(rc);
        }
        if (pid > 0) kids[nkids++] = pid;
        close(cfd);
    }
    /* graceful stop: no new connections; each finishes what it has read */
    close(lfd);
    unlink(sa.sun_path);
    for (unsigned i = 0; i < nkids; i++) kill(kids[i], SIGTERM);
    for (unsigned i = 0; i < nkids; i++)
        while (waitpid(kids[i], NULL, 0) < 0 && errno == EINTR) {
        }
    free(kids);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Options and main                                                    */
/* ------------------------------------------------------------------ */

static const char mcp_usage[] =
    "usage: pyexpr --mcp [options]\n"
    "Serves the Model Context Protocol on stdin/stdout (JSON-RPC 2.0, one message a line):\n"
    "the run_python and reset_session tools. docs/mcp.md has the details.\n"
    "  --timeout SECONDS       per call time limit, default and maximum (5)\n"
    "  --max-memory SIZE       per call memory limit, default and maximum (256M)\n"
    "  --max-steps N           per call bytecode steps, default and maximum (0: none)\n"
    "  --max-message SIZE      largest JSON-RPC message accepted (10M)\n"
    "  --max-output SIZE       printed output kept per call (1M)\n"
    "  --workers N             worker processes running calls (1)\n"
    "  --recycle N             replace a worker without sessions after N calls (1000; 0 never)\n"
    "  --max-sessions N        sessions at once (64)\n"
    "  --session-idle SECONDS  a session unused this long is dropped (600)\n"
    "  --sessions-memory SIZE  memory all sessions may hold together (1G)\n"
    "  --tools FILE            host tools: functions scripts can call, each a command run\n"
    "                          as a subprocess (JSON file; docs/mcp.md \"Host tools\")\n"
    "  --socket PATH           serve a Unix socket (0600) instead of stdio: each connection\n"
    "                          gets a process of its own, with its own workers and sessions\n"
    "  --max-conns N           --socket: connections at once (64)\n";

static int opt_error(const char *opt, const char *val) {
    fprintf(stderr, "pyexpr --mcp: bad value for %s: '%s'\n%s", opt, val ? val : "", mcp_usage);
    return 2;
}

static int parse_opts(mcp_conf *cf, int argc, char **argv, const char **tools_path) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--mcp")) continue;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(mcp_usage, stdout);
            return 0;
        }
        const char *eq = strchr(a, '=');
        char name[64];
        size_t nl = eq ? (size_t)(eq - a) : strlen(a);
        if (nl >= sizeof name) return opt_error(a, NULL);
        memcpy(name, a, nl);
        name[nl] = 0;
        const char *val = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
        if (!val) return opt_error(name, NULL);
        unsigned long long u;
        size_t sz;
        double d;
        if (!strcmp(name, "--timeout")) {
            if (pe_cli_parse_secs(val, &d) || !(d > 0)) return opt_error(name, val);
            cf->timeout = d;
        } else if (!strcmp(name, "--max-memory")) {
            if (pe_cli_parse_size(val, &sz) || !sz) return opt_error(name, val);
            cf->max_memory = sz;
        } else if (!strcmp(name, "--max-steps")) {
            if (pe_cli_parse_uint(val, UINT64_MAX, &u)) return opt_error(name, val);
            cf->max_steps = u;
        } else if (!strcmp(name, "--max-message")) {
            if (pe_cli_parse_size(val, &sz) || sz < 1024 || sz > ((size_t)1 << 30))
                return opt_error(name, val);
            cf->max_message = sz;
        } else if (!strcmp(name, "--max-output")) {
            if (pe_cli_parse_size(val, &sz) || !sz || sz > ((size_t)1 << 30)) return opt_error(name, val);
            cf->max_output = sz;
        } else if (!strcmp(name, "--workers")) {
            if (pe_cli_parse_uint(val, 256, &u) || !u) return opt_error(name, val);
            cf->workers = (unsigned)u;
        } else if (!strcmp(name, "--recycle")) {
            if (pe_cli_parse_uint(val, UINT64_MAX, &u)) return opt_error(name, val);
            cf->recycle = u;
        } else if (!strcmp(name, "--max-sessions")) {
            if (pe_cli_parse_uint(val, 100000, &u)) return opt_error(name, val);
            cf->max_sessions = (unsigned)u;
        } else if (!strcmp(name, "--session-idle")) {
            if (pe_cli_parse_secs(val, &d) || !(d > 0)) return opt_error(name, val);
            cf->session_idle = d;
        } else if (!strcmp(name, "--tools")) {
            if (!*val) return opt_error(name, val);
            *tools_path = val;
        } else if (!strcmp(name, "--socket")) {
            if (!*val) return opt_error(name, val);
            cf->socket_path = val;
        } else if (!strcmp(name, "--max-conns")) {
            if (pe_cli_parse_uint(val, 100000, &u) || !u) return opt_error(name, val);
            cf->max_conns = (unsigned)u;
        } else if (!strcmp(name, "--sessions-memory")) {
            if (pe_cli_parse_size(val, &sz)) return opt_error(name, val);
            cf->sessions_memory = sz;
        } else {
            fprintf(stderr, "pyexpr --mcp: unknown option %s\n%s", name, mcp_usage);
            return 2;
        }
    }
    return -1;
}

int pe_mcp_main(int argc, char **argv) {
    bool is_mcp = false;
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--mcp")) is_mcp = true;
    if (!is_mcp) return -1;
    server S0, *s = &S0;
    memset(s, 0, sizeof *s);
    mcp_conf *cf = &s->cf;
    cf->timeout = MCP_DEF_TIMEOUT;
    cf->max_memory = MCP_DEF_MAX_MEMORY;
    cf->max_message = MCP_DEF_MAX_MESSAGE;
    cf->max_output = MCP_DEF_MAX_OUTPUT;
    cf->workers = 1;
    cf->recycle = MCP_DEF_RECYCLE;
    cf->max_sessions = MCP_DEF_MAX_SESSIONS;
    cf->session_idle = MCP_DEF_SESSION_IDLE;
    cf->sessions_memory = MCP_DEF_SESSIONS_MEMORY;
    cf->max_conns = MCP_DEF_MAX_CONNS;
    const char *tools_path = NULL;
    int pr = parse_opts(cf, argc, argv, &tools_path);
    if (pr >= 0) return pr;

    pe_limits plim = {0, cf->max_message * 8 + ((size_t)64 << 20), 0, 0};
    pe_config pcfg = {NULL, NULL, &plim};
    s->P = pe_state_new_ex(&pcfg);
    if (s->P && tools_path && mcp_htools_load(cf, s->P, tools_path)) {
        mcp_htools_free(cf);
        pe_state_free(s->P);
        return 2;
    }
    if (!s->P || mcp_tools_json(cf, &s->tools) || open_sig_pipe()) {
        fprintf(stderr, "pyexpr --mcp: out of memory\n");
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);
    int rc;
    if (cf->socket_path) {
        rc = serve_socket(s);
    } else {
        s->in_fd = 0;
        s->out_fd = 1;
        rc = serve_conn(s);
    }
    pd_dbuf_free(&s->tools);
    mcp_htools_free(cf);
    pe_state_free(s->P);
    close(g_sig_pipe[0]);
    close(g_sig_pipe[1]);
    return rc;
}
