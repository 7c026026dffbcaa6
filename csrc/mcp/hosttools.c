/*
 * hosttools.c - `pyexpr --mcp --tools FILE`: operator-defined functions
 * that scripts call like any function (docs/mcp.md "Host tools"). Each is
 * a command run as a subprocess (no shell): the script's positional
 * arguments (str, int, float, bool) are appended to its argv, its standard
 * output is the call's value (a str), with a time limit per call and a cap
 * on calls per run. The file:
 *
 *   {"tools": [{"name": "search", "command": ["/usr/local/bin/search"],
 *               "description": "...", "max_calls": 10, "timeout": 5}]}
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mcp_internal.h"

#define HT_MAX_OUTPUT ((size_t)1 << 20)
#define HT_MAX_ARGS 64

extern char **environ;

static char *dup_str(pe_value v) {
    size_t n;
    const char *p = pe_value_type(v) == PE_TYPE_STR ? pe_value_utf8(v, &n) : NULL;
    return p && !memchr(p, 0, n) ? strndup(p, n) : NULL;
}

static int get(pe_state *P, pe_value obj, const char *key, pe_value *out) {
    pe_value k;
    if (pe_make_str(P, key, strlen(key), &k)) return -1;
    int r = pe_value_dict_get(P, obj, k, out);
    pe_value_release(P, k);
    return r;
}

static int load_one(mcp_htool *t, pe_state *P, pe_value d, char *err, size_t esz) {
    pe_value v;
    memset(t, 0, sizeof *t);
    t->max_calls = 10;
    t->timeout = 5.0;
    if (pe_value_type(d) != PE_TYPE_DICT) return snprintf(err, esz, "a tool must be an object"), -1;
    if (get(P, d, "name", &v) != 1 || !(t->name = dup_str(v)))
        return snprintf(err, esz, "a tool needs a \"name\" (a string)"), -1;
    pe_value_release(P, v);
    size_t nl = strlen(t->name);
    for (size_t i = 0; i < nl; i++) {
        char c = t->name[i];
        if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i && c >= '0' && c <= '9')))
            return snprintf(err, esz, "tool name '%s' is not an identifier", t->name), -1;
    }
    if (get(P, d, "command", &v) != 1 || pe_value_type(v) != PE_TYPE_LIST || !pe_value_len(v))
        return snprintf(err, esz, "tool '%s' needs a \"command\" (a non-empty list of strings)", t->name), -1;
    t->argc = pe_value_len(v);
    t->argv = calloc(t->argc + 1, sizeof *t->argv);
    for (size_t i = 0; t->argv && i < t->argc; i++)
        if (!(t->argv[i] = dup_str(pe_value_item(v, i)))) {
            pe_value_release(P, v);
            return snprintf(err, esz, "tool '%s': command items must be strings", t->name), -1;
        }
    pe_value_release(P, v);
    if (!t->argv) return snprintf(err, esz, "out of memory"), -1;
    if (get(P, d, "description", &v) == 1) {
        t->description = dup_str(v);
        pe_value_release(P, v);
    }
    if (get(P, d, "max_calls", &v) == 1) {
        int64_t x;
        if (pe_value_type(v) != PE_TYPE_INT || pe_value_to_int64(P, v, &x) || x < 0 || x > 1000000)
            return snprintf(err, esz, "tool '%s': max_calls must be an integer 0..1000000", t->name), -1;
        t->max_calls = (unsigned)x;
    }
    if (get(P, d, "timeout", &v) == 1) {
        double x;
        if ((pe_value_type(v) != PE_TYPE_INT && pe_value_type(v) != PE_TYPE_FLOAT) ||
            pe_value_to_double(P, v, &x) || !(x > 0) || x > 3600)
            return snprintf(err, esz, "tool '%s': timeout must be seconds in (0, 3600]", t->name), -1;
        t->timeout = x;
    }
    return 0;
}

int mcp_htools_load(mcp_conf *cf, pe_state *P, const char *path) {
    char err[256] = "";
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    dbuf b = {0};
    if (fd < 0) {
        fprintf(stderr, "pyexpr --mcp: --tools %s: %s\n", path, strerror(errno));
        return -1;
    }
    for (;;) {
        if (b.len > ((size_t)1 << 20) || pd_dbuf_reserve(&b, 4096)) {
            snprintf(err, sizeof err, "file too large");
            break;
        }
        ssize_t r = read(fd, b.p + b.len, b.cap - b.len);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        b.len += (size_t)r;
    }
    close(fd);
    pe_value doc, list;
    int rc = -1;
    if (!*err && pe_json_parse(P, b.p ? b.p : "", b.len, &doc) == 0) {
        if (get(P, doc, "tools", &list) == 1 && pe_value_type(list) == PE_TYPE_LIST) {
            size_t n = pe_value_len(list);
            cf->htools = calloc(n ? n : 1, sizeof *cf->htools);
            rc = cf->htools ? 0 : -1;
            for (size_t i = 0; !rc && i < n; i++) {
                rc = load_one(&cf->htools[i], P, pe_value_item(list, i), err, sizeof err);
                cf->nhtools = i + 1;
                for (size_t j = 0; !rc && j < i; j++)
                    if (!strcmp(cf->htools[j].name, cf->htools[i].name)) {
                        snprintf(err, sizeof err, "tool '%s' is defined twice", cf->htools[i].name);
                        rc = -1;
                    }
            }
            pe_value_release(P, list);
        } else {
            snprintf(err, sizeof err, "expected an object with a \"tools\" list");
        }
        pe_value_release(P, doc);
    } else if (!*err) {
        char *msg = NULL;
        pe_value e = pe_exception(P);
        if (pe_value_str(P, e, &msg, NULL) == 0) snprintf(err, sizeof err, "%s", msg);
        free(msg);
    }
    pe_exception_clear(P);
    pe_reset(P);
    pd_dbuf_free(&b);
    if (rc) fprintf(stderr, "pyexpr --mcp: --tools %s: %s\n", path, *err ? err : "invalid");
    return rc;
}

void mcp_htools_free(mcp_conf *cf) {
    for (size_t i = 0; i < cf->nhtools; i++) {
        mcp_htool *t = &cf->htools[i];
        free(t->name);
        free(t->description);
        for (size_t j = 0; t->argv && j < t->argc; j++) free(t->argv[j]);
        free(t->argv);
    }
    free(cf->htools);
    cf->htools = NULL;
    cf->nhtools = 0;
}

/* str() of an argument: str, int, float, bool only. */
static char *arg_text(pe_state *S, const mcp_htool *t, pe_value v) {
    pe_type_id ty = pe_value_type(v);
    if (ty != PE_TYPE_STR && ty != PE_TYPE_INT && ty != PE_TYPE_FLOAT && ty != PE_TYPE_BOOL) {
        pe_raise_id(S, pe_exception_type_lookup("TypeError"),
                    "%s() arguments must be str, int, float or bool, not %s", t->name,
                    pe_value_type_name(v));
        return NULL;
    }
    char *s;
    size_t n;
    if (pe_value_str(S, v, &s, &n)) return NULL;
    if (memchr(s, 0, n)) { /* argv cannot carry it */
        free(s);
        pe_raise_id(S, pe_exception_type_lookup("ValueError"), "embedded null byte");
        return NULL;
    }
    return s;
}

/* Runs the command; its stdout into out. 0, or -1 with an exception. */
static int run_command(pe_state *S, const mcp_htool *t, char **extra, int nextra, dbuf *out) {
    int po[2], pe_[2];
    if (pipe2(po, O_CLOEXEC)) goto oserr;
    if (pipe2(pe_, O_CLOEXEC)) {
        close(po[0]);
        close(po[1]);
        goto oserr;
    }
    char **argv = calloc(t->argc + (size_t)nextra + 1, sizeof *argv);
    if (!argv) {
        close(po[0]), close(po[1]), close(pe_[0]), close(pe_[1]);
        return pe_raise_id(S, pe_exception_type_lookup("MemoryError"), "%s", "");
    }
    memcpy(argv, t->argv, t->argc * sizeof *argv);
    memcpy(argv + t->argc, extra, (size_t)nextra * sizeof *argv);
    pid_t pid = fork();
    if (pid == 0) {
        int nul = open("/dev/null", O_RDONLY);
        if (nul >= 0) dup2(nul, 0);
        dup2(po[1], 1);
        dup2(pe_[1], 2);
        setpgid(0, 0);
        signal(SIGINT, SIG_DFL); /* the worker ignores it; the command must not */
        signal(SIGPIPE, SIG_DFL);
        execve(argv[0], argv, environ);
        _exit(127);
    }
    free(argv);
    close(po[1]);
    close(pe_[1]);
    if (pid < 0) {
        close(po[0]);
        close(pe_[0]);
        goto oserr;
    }
    dbuf err = {0};
    int64_t deadline = now_ns() + (int64_t)(t->timeout * 1e9);
    if (t->run_deadline && t->run_deadline < deadline) deadline = t->run_deadline;
    bool timed_out = false, too_big = false;
    struct pollfd fds[2] = {{po[0], POLLIN, 0}, {pe_[0], POLLIN, 0}};
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        int64_t left = (deadline - now_ns()) / 1000000;
        if (left <= 0) {
            timed_out = true;
            break;
        }
        int pr = poll(fds, 2, (int)(left > 1000 ? 1000 : left + 1));
        if (pr < 0 && errno != EINTR) break;
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !fds[i].revents) continue;
            dbuf *b = i ? &err : out;
            char buf[16384];
            ssize_t r = read(fds[i].fd, buf, sizeof buf);
            if (r > 0) {
                size_t keep = b->len < HT_MAX_OUTPUT ? HT_MAX_OUTPUT - b->len : 0;
                if ((size_t)r > keep) too_big = !i;
                (void)pd_dbuf_put(b, buf, (size_t)r < keep ? (size_t)r : keep);
            } else if (r == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
            }
        }
        if (too_big) break;
    }
    if (timed_out || too_big) kill(-pid, SIGKILL), kill(pid, SIGKILL);
    for (int i = 0; i < 2; i++)
        if (fds[i].fd >= 0) close(fds[i].fd);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    int rc = 0;
    if (timed_out) {
        rc = t->run_deadline && now_ns() >= t->run_deadline
                 ? pe_raise_id(S, pe_exception_type_lookup("TimeoutError"),
                               "host tool %s() did not finish before the run's time limit", t->name)
                 : pe_raise_id(S, pe_exception_type_lookup("TimeoutError"),
                               "host tool %s() did not finish within %g s", t->name, t->timeout);
    } else if (too_big) {
        rc = pe_raise_id(S, pe_exception_type_lookup("RuntimeError"),
                         "host tool %s() wrote more than %zu bytes", t->name, HT_MAX_OUTPUT);
    } else if (!WIFEXITED(st) || WEXITSTATUS(st)) {
        size_t el = err.len;
        while (el && (err.p[el - 1] == '\n' || err.p[el - 1] == '\r')) el--;
        const char *last = err.p ? err.p : "";
        for (size_t i = el; i > 0; i--)
            if (err.p[i - 1] == '\n') {
                last = err.p + i;
                el -= i;
                break;
            }
        if (el > 200) el = 200;
        rc = pe_raise_id(S, pe_exception_type_lookup("RuntimeError"),
                         "host tool %s() failed (%s %d)%s%.*s", t->name,
                         WIFEXITED(st) ? "exit status" : "signal",
                         WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st), el ? ": " : "",
                         (int)el, last);
    }
    pd_dbuf_free(&err);
    return rc;
oserr:
    return pe_raise_id(S, pe_exception_type_lookup("OSError"), "host tool %s(): %s", t->name,
                       strerror(errno));
}

static int htool_call(pe_state *S, void *ud, int argc, const pe_value *argv, pe_value kwnames,
                      pe_value *result) {
    mcp_htool *t = ud;
    if (pe_value_type(kwnames) == PE_TYPE_TUPLE && pe_value_len(kwnames))
        return pe_raise_id(S, pe_exception_type_lookup("TypeError"),
                           "%s() takes no keyword arguments", t->name);
    if (argc > HT_MAX_ARGS)
        return pe_raise_id(S, pe_exception_type_lookup("TypeError"),
                           "%s() takes at most %d arguments (%d given)", t->name, HT_MAX_ARGS, argc);
    if (t->used >= t->max_calls)
        return pe_raise_id(S, pe_exception_type_lookup("LimitError"),
                           "host tool %s() may be called at most %u times per run", t->name,
                           t->max_calls);
    t->used++;
    char *extra[HT_MAX_ARGS];
    int n = 0, rc = 0;
    for (; n < argc; n++)
        if (!(extra[n] = arg_text(S, t, argv[n]))) {
            rc = -1;
            break;
        }
    dbuf out = {0};
    if (!rc) rc = run_command(S, t, extra, n, &out);
    for (int i = 0; i < n; i++) free(extra[i]);
    if (!rc) {
        /* the output as str; bytes that are not UTF-8 become U+FFFD */
        dbuf clean = {0};
        size_t i = 0;
        int r = 0;
        while (!r && i < out.len) {
            size_t ok = pe_utf8_valid_prefix(out.p + i, out.len - i);
            r = pd_dbuf_put(&clean, out.p + i, ok);
            i += ok;
            if (!r && i < out.len) {
                r = MCP_PUTS(&clean, "\xEF\xBF\xBD");
                i++;
            }
        }
        rc = r ? pe_raise_id(S, pe_exception_type_lookup("MemoryError"), "%s", "")
               : pe_make_str(S, clean.p ? clean.p : "", clean.len, result);
        pd_dbuf_free(&clean);
    }
    pd_dbuf_free(&out);
    return rc;
}

int mcp_htools_bind(mcp_conf *cf, pe_state *S, pe_session *sess, double run_timeout) {
    int64_t deadline = run_timeout > 0 ? now_ns() + (int64_t)(run_timeout * 1e9) : 0;
    for (size_t i = 0; i < cf->nhtools; i++) {
        mcp_htool *t = &cf->htools[i];
        t->used = 0;
        t->run_deadline = deadline;
        pe_value f;
        if (pe_make_function(S, t->name, htool_call, t, &f)) return -1;
        int r = sess ? pe_session_set(S, sess, t->name, strlen(t->name), &f)
                     : (pe_run_bind_name(S, t->name, strlen(t->name), f) < 0 ? -1 : 0);
        pe_value_release(S, f);
        if (r) return -1;
    }
    return 0;
}
