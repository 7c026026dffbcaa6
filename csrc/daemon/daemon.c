/*
 * daemon.c - `pyexpr --daemon`: a resident server answering evaluation
 * requests on a Unix-domain socket, and the command-line clients that talk
 * to it (--daemon-status, --stop-daemon, --clear-cache, --via-daemon).
 * Protocol, design and operations: docs/daemon.md.
 *
 * Threads. The main thread is the supervisor: it takes signals with
 * sigtimedwait (SIGTERM/SIGINT: graceful stop, SIGHUP: reopen the log),
 * enforces I/O deadlines, adds workers while every worker is stuck in a
 * slow request, and runs the stop sequence. Worker threads share ONE epoll
 * instance; every descriptor in it is armed EPOLLONESHOT, so between the
 * event that hands a connection to a worker and that worker's re-arm, the
 * connection belongs to that worker alone (no locks on the data path). A
 * worker reads, runs every complete frame on its own pe_state (compiled
 * code comes from one shared pe_cache, which locks internally; a pe_code is
 * immutable and runs on several states at once), writes the responses and
 * re-arms. A slow or stuck script occupies one worker; the others keep
 * serving, and every run is bounded by limits (time, memory, steps, output).
 *
 * Ownership rules that make this safe:
 *  - a conn is touched only by the worker that received its event; the
 *    supervisor only calls shutdown(2) on a conn's fd, under reg_mu, and a
 *    worker unlinks the conn from the registry (under reg_mu) before it
 *    closes the fd, so the fd number can never be reused under it;
 *  - the listening socket is accepted from / closed under listen_mu.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../cli/pe_cli.h"
#include "pe_vm.h"

/* ------------------------------------------------------------------ */
/* Protocol constants (docs/daemon.md, pyexpr/client.py)                */
/* ------------------------------------------------------------------ */

#define PD_MAGIC 0x50 /* 'P' */
#define PD_VERSION 1
#define PD_HDR 8      /* magic, version, op, mode, u32 flags (after the length) */

enum { OP_RUN = 1, OP_STATUS = 2, OP_CLEAR_CACHE = 3, OP_PING = 4, OP_STOP = 5 };
enum { RQ_NAMES = 1, RQ_LIMITS = 2, RQ_ECHO = 4, RQ_VALUE = 8, RQ_REPR = 16, RQ_GLOBALS = 32 };
enum {
    ST_OK = 0,          /* ran; exit code 0 */
    ST_ERROR = 1,       /* the program raised (SyntaxError included); exit code 1 */
    ST_LIMIT = 2,       /* stopped by a limit (time, memory, steps, output) */
    ST_BAD_REQUEST = 3, /* malformed frame or payload */
    ST_SERVER_ERROR = 4,
    ST_UNAVAILABLE = 5
};
enum { RS_VALUE = 1, RS_REPR = 2, RS_GLOBALS = 4 };
#define TAG_ABSENT 0x2D /* GLOBALS: the variable has no value to send back */

#define VAL_MAX_DEPTH 100
#define MAX_FILENAME 4096

/* Defaults (daemon flags override). */
#define DEF_MAX_FRAME ((size_t)16 << 20)
#define DEF_MAX_OUTPUT ((size_t)16 << 20)
#define DEF_MAX_MEMORY ((size_t)256 << 20)
#define DEF_TIMEOUT 1.0
#define DEF_MEMORY_BUDGET ((size_t)1 << 30)
#define DEF_BUDGET_WAIT 1.0
#define RECYCLE_PEAK ((size_t)16 << 20) /* a run that peaked above this: fresh state */
#define DEF_IO_TIMEOUT 10.0
#define DEF_STOP_TIMEOUT 30.0
#define DEF_MAX_CONNS 1024
#define DEF_MAX_WORKERS 64
#define OUT_HIGH ((size_t)1 << 20)      /* stop running requests above this much unsent output */
#define BUF_KEEP ((size_t)256 << 10)    /* larger idle buffers are freed */
#define READ_CHUNK ((size_t)16 << 10)
#define CLIENT_MAX_RESPONSE ((size_t)1 << 30)
#define ADMIN_TIMEOUT 10.0 /* status, clear, stop: a hung peer must not hang the CLI */
#define STUCK_NS (100 * 1000000LL)      /* a worker busy this long counts as stuck */
#define EXTRA_IDLE_NS (10 * 1000000000LL)

/* ------------------------------------------------------------------ */
/* Small utilities                                                     */
/* ------------------------------------------------------------------ */

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void put_le32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static uint32_t get_le32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get_le64(const unsigned char *p) {
    return (uint64_t)get_le32(p) | (uint64_t)get_le32(p + 4) << 32;
}

/* write(2) all of it (EINTR retried); -1 on error. */
static int write_all(int fd, const void *buf, size_t n) {
    const char *p = buf;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static void say(int fd, const char *fmt, ...) PE_PRINTF(2, 3);
static void say(int fd, const char *fmt, ...) {
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n >= sizeof buf) n = (int)sizeof buf - 1;
    (void)write_all(fd, buf, (size_t)n);
}

/* Growable byte buffer: data is p[off, len); off > 0 after partial sends. */
typedef struct dbuf {
    char *p;
    size_t off, len, cap;
} dbuf;

static size_t dbuf_avail(const dbuf *b) { return b->len - b->off; }

static void dbuf_free(dbuf *b) {
    free(b->p);
    b->p = NULL;
    b->off = b->len = b->cap = 0;
}

static void dbuf_clear(dbuf *b) { b->off = b->len = 0; }

/* Moves unconsumed data to the front. */
static void dbuf_compact(dbuf *b) {
    if (!b->off) return;
    memmove(b->p, b->p + b->off, b->len - b->off);
    b->len -= b->off;
    b->off = 0;
}

/* Room for `extra` more bytes after len. 0 ok, -1 out of memory. */
static int dbuf_reserve(dbuf *b, size_t extra) {
    if (b->cap - b->len >= extra) return 0;
    if (b->off) {
        dbuf_compact(b);
        if (b->cap - b->len >= extra) return 0;
    }
    if (extra > SIZE_MAX - b->len) return -1;
    size_t need = b->len + extra, nc = b->cap ? b->cap : 256;
    while (nc < need) nc = nc > SIZE_MAX / 2 ? need : nc * 2;
    char *np = realloc(b->p, nc);
    if (!np) return -1;
    b->p = np;
    b->cap = nc;
    return 0;
}

static int dbuf_put(dbuf *b, const void *s, size_t n) {
    if (dbuf_reserve(b, n)) return -1;
    if (n) memcpy(b->p + b->len, s, n);
    b->len += n;
    return 0;
}

static int dbuf_u8(dbuf *b, unsigned v) {
    unsigned char c = (unsigned char)v;
    return dbuf_put(b, &c, 1);
}

static int dbuf_u32(dbuf *b, uint32_t v) {
    unsigned char t[4];
    put_le32(t, v);
    return dbuf_put(b, t, 4);
}

static int dbuf_u64(dbuf *b, uint64_t v) {
    unsigned char t[8];
    put_le32(t, (uint32_t)v);
    put_le32(t + 4, (uint32_t)(v >> 32));
    return dbuf_put(b, t, 8);
}

/* u32 length + bytes */
static int dbuf_blob(dbuf *b, const void *s, size_t n) {
    if (n > UINT32_MAX) return -1;
    return dbuf_u32(b, (uint32_t)n) || dbuf_put(b, s, n) ? -1 : 0;
}

static int dbuf_printf(dbuf *b, const char *fmt, ...) PE_PRINTF(2, 3);
static int dbuf_printf(dbuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || dbuf_reserve(b, (size_t)n + 1)) return -1;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

/* A JSON string literal. */
static int dbuf_json_str(dbuf *b, const char *s) {
    if (dbuf_u8(b, '"')) return -1;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            if (dbuf_u8(b, '\\') || dbuf_u8(b, c)) return -1;
        } else if (c < 0x20) {
            if (dbuf_printf(b, "\\u%04x", c)) return -1;
        } else if (dbuf_u8(b, c)) {
            return -1;
        }
    }
    return dbuf_u8(b, '"');
}

/* Bounds-checked little-endian reader over a frame. */
typedef struct rd {
    const unsigned char *p, *e;
    bool bad;
} rd;

static size_t rd_left(const rd *r) { return (size_t)(r->e - r->p); }

static uint8_t rd_u8(rd *r) {
    if (r->bad || rd_left(r) < 1) {
        r->bad = true;
        return 0;
    }
    return *r->p++;
}

static uint32_t rd_u32(rd *r) {
    if (r->bad || rd_left(r) < 4) {
        r->bad = true;
        return 0;
    }
    uint32_t v = get_le32(r->p);
    r->p += 4;
    return v;
}

static uint64_t rd_u64(rd *r) {
    if (r->bad || rd_left(r) < 8) {
        r->bad = true;
        return 0;
    }
    uint64_t v = get_le64(r->p);
    r->p += 8;
    return v;
}

static const char *rd_blob(rd *r, uint32_t *n) {
    *n = rd_u32(r);
    if (r->bad || rd_left(r) < *n) {
        r->bad = true;
        *n = 0;
        return NULL;
    }
    const char *s = (const char *)r->p;
    r->p += *n;
    return s;
}

/* Strict UTF-8 (no surrogates, no overlong forms). */
static bool utf8_valid(const unsigned char *p, size_t n) {
    const unsigned char *e = p + n;
    while (p < e) {
        unsigned c = *p;
        if (c < 0x80) {
            p++;
            continue;
        }
        int k = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (!k || e - p < k) return false;
        uint32_t cp = c & (k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07);
        for (int i = 1; i < k; i++) {
            if ((p[i] & 0xC0) != 0x80) return false;
            cp = cp << 6 | (p[i] & 0x3F);
        }
        if ((k == 2 && cp < 0x80) || (k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        p += k;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* Configuration and paths                                             */
/* ------------------------------------------------------------------ */

typedef struct dconf {
    char sock[sizeof(((struct sockaddr_un *)0)->sun_path)];
    char pidfile[PATH_MAX];
    char logfile[PATH_MAX];
    bool sock_set, pidfile_set, logfile_set;
    bool foreground, json;
    unsigned workers, max_workers, max_conns;
    size_t max_frame, max_output;
    pe_limits limits;
    size_t cache_entries, cache_bytes;
    size_t memory_budget; /* sum of the max_memory of the requests running at once; 0 none */
    double budget_wait;   /* how long a request waits for budget before it is refused */
    double io_timeout, stop_timeout;
} dconf;

static void conf_defaults(dconf *cf) {
    memset(cf, 0, sizeof *cf);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    cf->workers = n < 2 ? 2 : n > 16 ? 16 : (unsigned)n;
    cf->max_workers = DEF_MAX_WORKERS;
    cf->max_conns = DEF_MAX_CONNS;
    cf->max_frame = DEF_MAX_FRAME;
    cf->max_output = DEF_MAX_OUTPUT;
    cf->limits.timeout = DEF_TIMEOUT;
    cf->limits.max_memory = DEF_MAX_MEMORY;
    cf->memory_budget = DEF_MEMORY_BUDGET;
    cf->budget_wait = DEF_BUDGET_WAIT;
    cf->io_timeout = DEF_IO_TIMEOUT;
    cf->stop_timeout = DEF_STOP_TIMEOUT;
}

/* Is dir a directory (not a symlink) owned by us, with no group/other
 * access? On failure *why explains. */
static bool dir_is_private(const char *dir, char *why, size_t wsz) {
    struct stat st;
    if (lstat(dir, &st) < 0) {
        snprintf(why, wsz, "%s: %s", dir, strerror(errno));
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(why, wsz, "%s is not a directory (a symlink or another file)", dir);
        return false;
    }
    if (st.st_uid != geteuid()) {
        snprintf(why, wsz, "%s is owned by uid %u, not by us (uid %u)", dir, (unsigned)st.st_uid,
                 (unsigned)geteuid());
        return false;
    }
    if (st.st_mode & 077) {
        snprintf(why, wsz, "%s has mode %04o; it must be 0700", dir, (unsigned)(st.st_mode & 07777));
        return false;
    }
    return true;
}

/* Fills cf->sock (and the default pidfile/logfile beside it):
 * --socket, else $PYEXPR_SOCKET, else $XDG_RUNTIME_DIR/pyexpr.sock (a
 * private directory), else ${TMPDIR:-/tmp}/pyexpr-UID/pyexpr.sock, whose
 * directory is created 0700 when `create` and must be private. Relative
 * paths are made absolute. 0 ok; -1 with a message in err; -2 (only when
 * not `create`): that directory does not exist, so no daemon can be
 * running (cf->sock still names the path it would have). */
static int resolve_paths(dconf *cf, bool create, char *err, size_t esz) {
    char path[PATH_MAX];
    const char *env;
    char why[PATH_MAX + 128];
    int n;
    if (cf->sock_set) {
        n = snprintf(path, sizeof path, "%s", cf->sock);
    } else if ((env = getenv("PYEXPR_SOCKET")) && *env) {
        n = snprintf(path, sizeof path, "%s", env);
    } else if ((env = getenv("XDG_RUNTIME_DIR")) && env[0] == '/' &&
               dir_is_private(env, why, sizeof why)) {
        n = snprintf(path, sizeof path, "%s/pyexpr.sock", env);
    } else {
        const char *tmp = getenv("TMPDIR");
        if (!tmp || tmp[0] != '/' || strlen(tmp) > 512) tmp = "/tmp";
        char dir[600];
        snprintf(dir, sizeof dir, "%s/pyexpr-%u", tmp, (unsigned)geteuid());
        if (create && mkdir(dir, 0700) < 0 && errno != EEXIST) {
            snprintf(err, esz, "cannot create %s: %s", dir, strerror(errno));
            return -1;
        }
        struct stat st;
        if (!create && lstat(dir, &st) < 0 && errno == ENOENT) {
            snprintf(cf->sock, sizeof cf->sock, "%.*s/pyexpr.sock", (int)sizeof cf->sock - 13, dir);
            snprintf(err, esz, "%s does not exist", dir);
            return -2;
        }
        if (!dir_is_private(dir, why, sizeof why)) {
            snprintf(err, esz, "refusing unsafe socket directory: %s", why);
            return -1;
        }
        n = snprintf(path, sizeof path, "%s/pyexpr.sock", dir);
    }
    char abs[PATH_MAX];
    if (n < 0 || (size_t)n >= sizeof path) {
        snprintf(err, esz, "socket path too long");
        return -1;
    }
    if (path[0] != '/') {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd)) {
            snprintf(err, esz, "getcwd: %s", strerror(errno));
            return -1;
        }
        n = snprintf(abs, sizeof abs, "%s/%s", cwd, path);
        if (n < 0 || (size_t)n >= sizeof abs) {
            snprintf(err, esz, "socket path too long");
            return -1;
        }
    } else {
        memcpy(abs, path, sizeof abs);
    }
    if (strlen(abs) >= sizeof cf->sock) {
        snprintf(err, esz, "socket path too long (max %zu bytes): %s", sizeof cf->sock - 1, abs);
        return -1;
    }
    memcpy(cf->sock, abs, strlen(abs) + 1);
    if (!cf->pidfile_set) snprintf(cf->pidfile, sizeof cf->pidfile, "%s.pid", cf->sock);
    if (!cf->logfile_set) snprintf(cf->logfile, sizeof cf->logfile, "%s.log", cf->sock);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Logging: one write(2) per line to fd 2 (the log file when detached), */
/* at most LOG_RATE lines a second (the rest are counted, then reported) */
/* ------------------------------------------------------------------ */

#define LOG_RATE 200
static _Atomic int64_t log_sec;
static _Atomic unsigned log_count, log_dropped;

static void dlog(const char *fmt, ...) PE_PRINTF(1, 2);
static void dlog(const char *fmt, ...) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t sec = (int64_t)ts.tv_sec;
    unsigned dropped = 0;
    if (atomic_load(&log_sec) != sec) {
        atomic_store(&log_sec, sec);
        atomic_store(&log_count, 0);
        dropped = atomic_exchange(&log_dropped, 0);
    }
    if (atomic_fetch_add(&log_count, 1) >= LOG_RATE) {
        atomic_fetch_add(&log_dropped, 1);
        return;
    }
    char buf[1200];
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    n += (size_t)snprintf(buf + n, sizeof buf - n, ".%03ldZ pyexpr-daemon[%ld]: ",
                          (long)(ts.tv_nsec / 1000000), (long)getpid());
    if (dropped)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "(%u log lines suppressed) ", dropped);
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(buf + n, sizeof buf - n - 1, fmt, ap);
    va_end(ap);
    if (m > 0) n += (size_t)m < sizeof buf - n - 1 ? (size_t)m : sizeof buf - n - 2;
    buf[n++] = '\n';
    (void)write_all(2, buf, n);
}

/* ------------------------------------------------------------------ */
/* Server state                                                        */
/* ------------------------------------------------------------------ */

typedef struct conn {
    int fd;
    uint64_t id;
    pid_t peer_pid;
    dbuf in, out;
    bool eof, closing;
    _Atomic int64_t deadline; /* monotonic ns: no I/O progress by then -> dropped; 0 none */
    _Atomic int timed_out;    /* set by the supervisor when it shut the socket down */
    /* ownership hand-off between workers (conn_arm / conn_acquire): a
     * release store before each re-arm, an acquire load when an event hands
     * the conn over. The kernel already orders epoll_ctl before the event it
     * causes; this makes the edge explicit in C11 terms. */
    _Atomic unsigned handoff;
    struct conn *prev, *next; /* registry (under reg_mu) */
} conn;

struct daemon;

/* Output capture for one run: print() and tracebacks land here. */
typedef struct capture {
    dbuf *b;
    size_t used, limit;
    bool overflow;
    pe_state *S;
} capture;

typedef struct worker {
    struct daemon *d;
    pthread_t th;
    unsigned idx;
    bool extra; /* added under load; leaves again when idle */
    pe_state *S;
    capture cout, cerr;
    dbuf serr, repr, val, etype, emsg, fname, glob;
    bool exc_is_limit;
    _Atomic int64_t busy_since; /* ns while running a request, else 0 */
    _Atomic int state;          /* W_* */
} worker;

enum { W_FREE = 0, W_RUNNING, W_EXITED };

typedef struct daemon {
    dconf conf;
    int ep, wake_fd, listen_fd, pid_fd;
    ino_t sock_ino, pid_ino;
    char listen_tag, wake_tag; /* epoll data.ptr markers */
    pthread_mutex_t listen_mu, reg_mu, workers_mu;
    /* memory budget (admission control): the max_memory of every running
     * request is reserved in budget_used (a CAS when it fits: no lock on
     * the common path); requests that must wait sleep on budget_cv under
     * budget_mu, and a release wakes them only when someone waits */
    _Atomic size_t budget_used;
    _Atomic unsigned budget_running, budget_waiters;
    pthread_mutex_t budget_mu;
    pthread_cond_t budget_cv;
    conn reg;                  /* registry sentinel */
    pe_cache *cache;
    worker **workers;          /* conf.max_workers slots */
    size_t stack_size;
    int64_t started_ns;
    time_t started_wall;
    int64_t stop_deadline;
    _Atomic int stopping, exiting;
    _Atomic uint64_t n_requests, n_runs, n_errors, n_limit, n_proto, n_conns_total, n_rejected,
        next_conn_id, n_budget_waited, n_budget_refused;
    _Atomic unsigned nconns;
} daemon_t;

/* ------------------------------------------------------------------ */
/* Typed values (names in, results out)                                 */
/* ------------------------------------------------------------------ */

/* Pending engine exception -> "Type: message" in err; clears it. */
static void exc_to_msg(pe_state *S, const char *what, char *err, size_t esz) {
    pe_val e = S->exc;
    if (e.tag != PE_TOBJ) {
        snprintf(err, esz, "%s: error", what);
        return;
    }
    pe_sb sb;
    pe_sb_init(&sb, S);
    pe_incref(e);
    int r = pe_exc_str(S, e, &sb);
    snprintf(err, esz, "%s: %s: %.*s", what, e.u.o->type->name, r == 0 && !sb.failed ? (int)sb.len : 0,
             sb.p);
    pe_sb_free(&sb);
    pe_exc_clear(S);
    pe_decref(S, e);
}

static int val_decode(pe_state *S, rd *r, int depth, pe_val *out, char *err, size_t esz);

/* Decodes `n` values into a fresh container of kind tag. */
static int decode_container(pe_state *S, rd *r, int tag, int depth, pe_val *out, char *err,
                            size_t esz) {
    uint32_t n = rd_u32(r);
    size_t per = tag == 'd' ? 2 : 1;
    if (r->bad || n > rd_left(r) / per) {
        snprintf(err, esz, "names: truncated value");
        return -1;
    }
    pe_val c;
    int rc;
    if (tag == 'l') rc = pe_list_new(S, n, &c);
    else if (tag == 't') rc = pe_tuple_new(S, n, &c);
    else if (tag == 'd') rc = pe_dict_new(S, &c);
    else rc = pe_set_new(S, tag == 'S' ? &pe_type_set : &pe_type_frozenset, &c);
    if (rc) {
        exc_to_msg(S, "names", err, esz);
        return -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        pe_val k, v;
        if (val_decode(S, r, depth + 1, &k, err, esz)) goto fail;
        if (tag == 't') {
            PE_TUPLE(c)->items[i] = k;
            continue;
        }
        if (tag == 'd') {
            if (val_decode(S, r, depth + 1, &v, err, esz)) {
                pe_decref(S, k);
                goto fail;
            }
            rc = pe_dict_set(S, PE_DICT(c), k, v);
            pe_decref(S, v);
        } else if (tag == 'l') {
            rc = pe_list_append(S, PE_LIST(c), k);
        } else {
            rc = pe_set_add(S, c.u.o, k);
        }
        pe_decref(S, k);
        if (rc) {
            exc_to_msg(S, "names", err, esz);
            goto fail;
        }
    }
    *out = c;
    return 0;
fail:
    pe_decref(S, c);
    return -1;
}

/* One typed value (docs/daemon.md "Values"). -1 with a message in err. */
static int val_decode(pe_state *S, rd *r, int depth, pe_val *out, char *err, size_t esz) {
    if (depth > VAL_MAX_DEPTH) {
        snprintf(err, esz, "names: values nested deeper than %d levels", VAL_MAX_DEPTH);
        return -1;
    }
    int tag = rd_u8(r);
    uint32_t n;
    const char *b;
    if (r->bad) goto trunc;
    switch (tag) {
    case 'N': *out = pe_none(); return 0;
    case 'T': *out = pe_bool(1); return 0;
    case 'F': *out = pe_bool(0); return 0;
    case 'i': {
        uint64_t u = rd_u64(r);
        if (r->bad) goto trunc;
        int64_t i;
        memcpy(&i, &u, sizeof i);
        *out = pe_int(i);
        return 0;
    }
    case 'f': {
        uint64_t u = rd_u64(r);
        if (r->bad) goto trunc;
        double f;
        memcpy(&f, &u, sizeof f);
        *out = pe_float(f);
        return 0;
    }
    case 'I': { /* sign byte, magnitude little-endian bytes */
        int sign = rd_u8(r);
        b = rd_blob(r, &n);
        if (r->bad) goto trunc;
        char *hex = malloc((size_t)n * 2 + 3);
        if (!hex) {
            snprintf(err, esz, "names: out of memory");
            return -1;
        }
        size_t h = 0;
        if (sign) hex[h++] = '-';
        for (uint32_t i = n; i-- > 0;) {
            static const char dig[] = "0123456789abcdef";
            unsigned char c = (unsigned char)b[i];
            hex[h++] = dig[c >> 4];
            hex[h++] = dig[c & 15];
        }
        if (!n) hex[h++] = '0';
        int rc = pe_int_from_str(S, hex, h, 16, out);
        free(hex);
        if (rc) {
            exc_to_msg(S, "names", err, esz);
            return -1;
        }
        return 0;
    }
    case 's':
        b = rd_blob(r, &n);
        if (r->bad) goto trunc;
        if (!utf8_valid((const unsigned char *)b, n)) {
            snprintf(err, esz, "names: str value is not valid UTF-8");
            return -1;
        }
        if (pe_str_new(S, b, n, out)) {
            exc_to_msg(S, "names", err, esz);
            return -1;
        }
        return 0;
    case 'l': case 't': case 'd': case 'S': case 'z':
        return decode_container(S, r, tag, depth, out, err, esz);
    default:
        snprintf(err, esz, "names: unknown value tag 0x%02x", (unsigned)tag);
        return -1;
    }
trunc:
    snprintf(err, esz, "names: truncated value");
    return -1;
}

/* Appends v's typed encoding. 0 ok; 1 not representable (other types,
 * nesting beyond VAL_MAX_DEPTH); -1 out of memory. */
static int val_encode(dbuf *b, pe_val v, int depth) {
    if (depth > VAL_MAX_DEPTH) return 1;
    switch (v.tag) {
    case PE_TNONE: return dbuf_u8(b, 'N');
    case PE_TBOOL: return dbuf_u8(b, v.u.i ? 'T' : 'F');
    case PE_TINT: {
        uint64_t u;
        memcpy(&u, &v.u.i, sizeof u);
        return dbuf_u8(b, 'i') || dbuf_u64(b, u) ? -1 : 0;
    }
    case PE_TFLOAT: {
        uint64_t u;
        memcpy(&u, &v.u.f, sizeof u);
        return dbuf_u8(b, 'f') || dbuf_u64(b, u) ? -1 : 0;
    }
    case PE_TOBJ: break;
    default: return 1;
    }
    pe_obj *o = v.u.o;
    switch (o->type->kind) {
    case PE_K_INT: {
        if (o->type != &pe_type_int) return 1;
        const pe_bigint *bi = (const pe_bigint *)o;
        size_t nb = (size_t)bi->n * 4;
        while (nb && !((bi->d[(nb - 1) / 4] >> ((nb - 1) % 4 * 8)) & 0xFF)) nb--;
        if (nb > UINT32_MAX || dbuf_u8(b, 'I') || dbuf_u8(b, bi->sign < 0) || dbuf_u32(b, (uint32_t)nb) ||
            dbuf_reserve(b, nb))
            return -1;
        for (size_t i = 0; i < nb; i++) b->p[b->len++] = (char)(bi->d[i / 4] >> (i % 4 * 8));
        return 0;
    }
    case PE_K_STR:
        if (o->type != &pe_type_str) return 1;
        return dbuf_u8(b, 's') || dbuf_blob(b, ((pe_str *)o)->data, ((pe_str *)o)->len) ? -1 : 0;
    case PE_K_LIST:
    case PE_K_TUPLE: {
        bool list = o->type->kind == PE_K_LIST;
        size_t n = list ? PE_LIST(v)->n : PE_TUPLE(v)->n;
        if (n > UINT32_MAX || dbuf_u8(b, list ? 'l' : 't') || dbuf_u32(b, (uint32_t)n)) return -1;
        for (size_t i = 0; i < n; i++) {
            int r = val_encode(b, list ? PE_LIST(v)->items[i] : PE_TUPLE(v)->items[i], depth + 1);
            if (r) return r;
        }
        return 0;
    }
    case PE_K_DICT: {
        pe_dict *dc = PE_DICT(v);
        if (dc->used > UINT32_MAX || dbuf_u8(b, 'd') || dbuf_u32(b, (uint32_t)dc->used)) return -1;
        size_t pos = 0;
        pe_val k, x;
        while (pe_dict_next(dc, &pos, &k, &x)) {
            int r = val_encode(b, k, depth + 1);
            if (!r) r = val_encode(b, x, depth + 1);
            if (r) return r;
        }
        return 0;
    }
    case PE_K_SET:
    case PE_K_FROZENSET: {
        pe_set *s = PE_SET(v);
        if (s->used > UINT32_MAX || dbuf_u8(b, o->type->kind == PE_K_SET ? 'S' : 'z') ||
            dbuf_u32(b, (uint32_t)s->used))
            return -1;
        size_t pos = 0;
        pe_val k;
        while (pe_set_next(s, &pos, &k)) {
            int r = val_encode(b, k, depth + 1);
            if (r) return r;
        }
        return 0;
    }
    default: return 1;
    }
}

/* ------------------------------------------------------------------ */
/* Running one request                                                 */
/* ------------------------------------------------------------------ */

static size_t capture_write(void *ud, const char *s, size_t n) {
    capture *c = ud;
    if (c->overflow) return 0;
    if (n > c->limit - c->used || dbuf_put(c->b, s, n)) {
        c->overflow = true;
        c->S->interrupted = 1; /* stop the program at its next check */
        return 0;
    }
    c->used += n;
    return n;
}

void pe_cli_warm(pe_state *S) {
    pe_limits saved = S->limits, nolim = saved;
    nolim.max_steps = 0;
    nolim.max_memory = 0;
    nolim.timeout = 0;
    pe_set_limits(S, &nolim);
    pe_code *code = pe_compile(S, "None", 4, "<warm>", PE_MODE_EXEC);
    if (code) {
        char *repr = NULL;
        (void)pe_run_repr(S, code, &repr);
        free(repr);
    }
    pe_reset(S);
    pe_code_release_in(S, code);
    pe_set_limits(S, &saved);
}

void pe_cli_fix_memory_message(pe_state *S, size_t abs_limit, size_t user_limit) {
    pe_val e = S->exc;
    if (abs_limit == user_limit || e.tag != PE_TOBJ ||
        !pe_type_is_subtype(e.u.o->type, PE_EXC(LimitError)))
        return;
    pe_exc *x = PE_EXCOBJ(e);
    if (x->args.tag != PE_TOBJ || PE_TUPLE(x->args)->n != 1) return;
    pe_val m = PE_TUPLE(x->args)->items[0];
    char want[96], now[96];
    snprintf(want, sizeof want, "memory limit exceeded (max_memory=%zu bytes)", abs_limit);
    if (!pe_is_str(m) || strcmp(PE_STR(m)->data, want)) return;
    int n = snprintf(now, sizeof now, "memory limit exceeded (max_memory=%zu bytes)", user_limit);
    size_t lim = S->limits.max_memory;
    S->limits.max_memory = 0; /* the new message must not fail on the limit */
    pe_incref(e);
    pe_val str, tup;
    if (pe_str_new(S, now, (size_t)n, &str) == 0) {
        if (pe_tuple_pack(S, 1, &str, &tup) == 0) {
            pe_val old = x->args;
            x->args = tup;
            pe_decref(S, old);
        }
        pe_decref(S, str);
    }
    S->limits.max_memory = lim;
    if (S->exc.tag != e.tag || S->exc.u.o != e.u.o) { /* out of memory meanwhile: keep ours */
        pe_exc_clear(S);
        S->exc = e; /* our reference */
    } else {
        pe_decref(S, e);
    }
}

/* The smaller nonzero of two limits (0 = none). */
static uint64_t min_nz(uint64_t a, uint64_t b) { return !a ? b : !b ? a : a < b ? a : b; }

/* Type and str() of the pending exception into w->etype / w->emsg; the
 * exception stays pending (for pe_print_exception). */
static void exc_capture(worker *w) {
    pe_state *S = w->S;
    pe_val e = S->exc;
    if (e.tag != PE_TOBJ) return;
    const pe_type *t = e.u.o->type;
    (void)dbuf_put(&w->etype, t->name, strlen(t->name));
    w->exc_is_limit = pe_type_is_subtype(t, PE_EXC(LimitError));
    pe_incref(e);
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (pe_exc_str(S, e, &sb) == 0 && !sb.failed) (void)dbuf_put(&w->emsg, sb.p, sb.len);
    pe_sb_free(&sb);
    if (S->exc.tag != e.tag || S->exc.u.o != e.u.o) { /* str() failed and replaced it */
        pe_exc_clear(S);
        S->exc = e; /* our reference */
    } else {
        pe_decref(S, e);
    }
}

/* Assigns request names to the code's global slots of the same name
 * (unknown names are validated and dropped). -1: message in err. */
static int inject_names(pe_state *S, pe_code *code, rd *r, char *err, size_t esz) {
    uint32_t n = rd_u32(r);
    if (r->bad) goto trunc;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t nl;
        const char *name = rd_blob(r, &nl);
        if (r->bad) goto trunc;
        pe_val v;
        if (val_decode(S, r, 0, &v, err, esz)) return -1;
        for (uint32_t g = 0; g < code->nglobals; g++) {
            const pe_str *gs = (const pe_str *)code->gnames[g];
            if (gs->len == nl && !memcmp(gs->data, name, nl)) {
                pe_val old = S->globals[g];
                S->globals[g] = v;
                v = pe_undef();
                pe_decref(S, old);
                break;
            }
        }
        pe_decref(S, v);
    }
    return 0;
trunc:
    snprintf(err, esz, "names: truncated");
    return -1;
}

/* The GLOBALS section (docs/daemon.md): u32 count, then per global slot of
 * the code, except builtins the program left as they were, its name and
 * its value, or TAG_ABSENT when it is unbound or has no value encoding. */
static int encode_globals(pe_state *S, pe_code *code, dbuf *b) {
    size_t at = b->len;
    if (dbuf_u32(b, 0)) return -1;
    uint32_t n = 0;
    for (uint32_t g = 0; g < code->nglobals; g++) {
        pe_val v = S->globals[g];
        if (code->gbuiltin[g] >= 0) {
            pe_val bv = pe_builtin_value(code->gbuiltin[g]);
            if (v.tag == bv.tag && v.u.o == bv.u.o) continue;
        }
        const pe_str *name = (const pe_str *)code->gnames[g];
        if (dbuf_blob(b, name->data, name->len)) return -1;
        size_t vat = b->len;
        if (v.tag == PE_TUNDEF || val_encode(b, v, 0)) {
            b->len = vat;
            if (dbuf_u8(b, TAG_ABSENT)) return -1;
        }
        n++;
    }
    put_le32((unsigned char *)b->p + at, n);
    return 0;
}

/* Starts a response in o; returns its offset (finish with resp_end). The
 * buffer is compacted first so offsets stay valid while it grows. */
static size_t resp_begin(dbuf *o) {
    dbuf_compact(o);
    size_t at = o->len;
    unsigned char h[12] = {0, 0, 0, 0, PD_MAGIC, PD_VERSION, 0, 0, 0, 0, 0, 0};
    if (dbuf_put(o, h, sizeof h)) return SIZE_MAX;
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
static int resp_simple(dbuf *o, int status, int exitc, const char *body, size_t bodylen,
                       const char *err) {
    size_t at = resp_begin(o);
    if (at == SIZE_MAX) return -1;
    size_t el = err ? strlen(err) : 0;
    if (dbuf_blob(o, body, bodylen) || dbuf_blob(o, err, el) || dbuf_blob(o, NULL, 0) ||
        dbuf_blob(o, NULL, 0) || dbuf_blob(o, NULL, 0)) {
        o->len = at;
        return -1;
    }
    resp_end(o, at, status, exitc, 0);
    return 0;
}

typedef struct req {
    int op, mode;
    uint32_t flags;
    const char *fn, *src;
    uint32_t fnlen, srclen;
    pe_limits lim;
    rd names;
} req;

/* Parses a frame body (after the length). -1: message in err. */
static int req_parse(const unsigned char *p, size_t n, req *q, char *err, size_t esz) {
    rd r = {p, p + n, false};
    memset(q, 0, sizeof *q);
    (void)rd_u8(&r); /* magic and version: checked by the framer */
    (void)rd_u8(&r);
    q->op = rd_u8(&r);
    q->mode = rd_u8(&r);
    q->flags = rd_u32(&r);
    if (r.bad) goto trunc;
    if (q->op < OP_RUN || q->op > OP_STOP) {
        snprintf(err, esz, "unknown op %d", q->op);
        return -1;
    }
    if (q->op != OP_RUN) return 0;
    if (q->mode > PE_MODE_CALC) {
        snprintf(err, esz, "unknown mode %d", q->mode);
        return -1;
    }
    q->fn = rd_blob(&r, &q->fnlen);
    q->src = rd_blob(&r, &q->srclen);
    if (r.bad) goto trunc;
    if (q->fnlen > MAX_FILENAME || memchr(q->fn, 0, q->fnlen)) {
        snprintf(err, esz, "bad filename (NUL byte or longer than %d bytes)", MAX_FILENAME);
        return -1;
    }
    if (q->flags & RQ_LIMITS) {
        q->lim.max_steps = rd_u64(&r);
        q->lim.max_memory = (size_t)rd_u64(&r);
        q->lim.max_depth = rd_u32(&r);
        q->lim.timeout = rd_u32(&r) / 1000.0;
        if (r.bad) goto trunc;
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

/* The worker's state for the next request: warmed (frames, first stack
 * chunk) for the daemon's depth limit. */
static pe_state *worker_state_new(daemon_t *d) {
    pe_state *S = pe_state_new();
    if (!S) return NULL;
    pe_set_limits(S, &d->conf.limits);
    pe_cli_warm(S);
    return S;
}

/* The run failed with an exception pending: records it; SystemExit gives
 * its exit status (maybe writing its message), anything else its
 * traceback (exit status 1). abs/user: see pe_cli_fix_memory_message. */
static int run_failed(worker *w, size_t abs_limit, size_t user_limit) {
    pe_state *S = w->S;
    if (abs_limit) pe_cli_fix_memory_message(S, abs_limit, user_limit);
    S->limits.max_memory = 0; /* the traceback must not fail on the limit */
    exc_capture(w);
    int st = pe_exception_exit_status(S);
    if (st >= 0) return st;
    /* the CLI ends by SIGINT after this traceback: a shell sees 130 */
    bool kbi = pe_type_is_subtype(S->exc.u.o->type, PE_EXC(KeyboardInterrupt));
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
    dbuf_clear(&w->serr);
    dbuf_clear(&w->repr);
    dbuf_clear(&w->val);
    dbuf_clear(&w->etype);
    dbuf_clear(&w->emsg);
    dbuf_clear(&w->fname);
    dbuf_clear(&w->glob);
    w->exc_is_limit = false;
    size_t at = resp_begin(o);
    if (at == SIZE_MAX || dbuf_u32(o, 0)) goto oom;
    size_t so_len_at = o->len - 4, so_start = o->len;
    w->cout = (capture){o, 0, d->conf.max_output, false, S};
    w->cerr = (capture){&w->serr, 0, d->conf.max_output, false, S};
    pe_set_output(S, capture_write, &w->cout, capture_write, &w->cerr);
    if (dbuf_put(&w->fname, q->fn, q->fnlen) || dbuf_u8(&w->fname, 0)) goto oom;
    pe_limits lim = merge_limits(&d->conf.limits, q);
    size_t need = lim.max_memory; /* the run's allowance, reserved from the budget */
    if (!need) need = d->conf.memory_budget;
    int adm = budget_acquire(d, need, err, sizeof err);
    if (adm == -2) {
        pe_set_output(S, NULL, NULL, NULL, NULL);
        o->len = at;
        (void)resp_simple(o, ST_UNAVAILABLE, 1, NULL, 0, "pyexpr daemon: stopping\n");
        return;
    }
    if (adm) {
        pe_set_output(S, NULL, NULL, NULL, NULL);
        o->len = so_start;
        put_le32((unsigned char *)o->p + so_len_at, 0);
        dbuf_clear(&w->serr);
        if (dbuf_printf(&w->serr, "LimitError: %s\n", err) || dbuf_blob(o, w->serr.p, w->serr.len) ||
            dbuf_blob(o, NULL, 0) || dbuf_blob(o, "LimitError", 10) || dbuf_blob(o, err, strlen(err)))
            goto oom;
        resp_end(o, at, ST_LIMIT, 1, 0);
        atomic_fetch_add_explicit(&d->n_runs, 1, memory_order_relaxed);
        atomic_fetch_add_explicit(&d->n_errors, 1, memory_order_relaxed);
        atomic_fetch_add_explicit(&d->n_limit, 1, memory_order_relaxed);
        return;
    }
    /* max_memory counts the run's allocations on top of what the state
     * holds (as in the CLI and the extension) */
    size_t base = S->mem_used, user_mem = need;
    size_t abs_mem = need ? (base + need < base ? SIZE_MAX : base + need) : 0;
    lim.max_memory = abs_mem;
    pe_set_limits(S, &lim);
    S->mem_peak = S->mem_used;

    int status = ST_OK, exitc = 0;
    uint32_t rflags = 0;
    pe_code *code = pe_cache_get(d->cache, S, q->src, q->srclen, w->fname.p, q->mode);
    if (!code) {
        exitc = run_failed(w, abs_mem, user_mem);
        status = ST_ERROR;
    } else if (pe_globals_init(S, code)) {
        exitc = run_failed(w, abs_mem, user_mem);
        status = ST_ERROR;
    } else if ((q->flags & RQ_NAMES) && inject_names(S, code, &q->names, err, sizeof err)) {
        pe_globals_release(S);
        status = ST_BAD_REQUEST;
        exitc = 1;
    } else {
        pe_val result = pe_none();
        int r = pe_run_value(S, code, &result);
        if (r == 0) {
            if (result.tag != PE_TNONE) {
                bool want_repr = (q->flags & (RQ_ECHO | RQ_REPR)) != 0;
                if (q->flags & RQ_VALUE) {
                    if (val_encode(&w->val, result, 0) == 0) {
                        rflags |= RS_VALUE;
                    } else {
                        dbuf_clear(&w->val);
                        want_repr = true;
                    }
                }
                if (want_repr) { /* as pe_run_repr: a failing repr is the run's error */
                    pe_sb sb;
                    pe_sb_init(&sb, S);
                    if (pe_repr(S, result, &sb) == 0 && !sb.failed) {
                        if (sb.len > d->conf.max_output) w->cout.overflow = true;
                        else if (dbuf_put(&w->repr, sb.p, sb.len)) r = pe_raise_nomem(S);
                        else rflags |= RS_REPR;
                    } else {
                        r = -1;
                    }
                    pe_sb_free(&sb);
                }
            }
            pe_decref(S, result);
        }
        if (r == 0 && (q->flags & RQ_GLOBALS)) {
            if (encode_globals(S, code, &w->glob)) r = pe_raise_nomem(S);
            else rflags |= RS_GLOBALS;
        }
        pe_globals_release(S);
        if (r) {
            rflags = 0;
            exitc = run_failed(w, abs_mem, user_mem);
            status = ST_ERROR;
        } else if ((q->flags & RQ_ECHO) && (rflags & RS_REPR)) {
            capture_write(&w->cout, w->repr.p, w->repr.len);
            capture_write(&w->cout, "\n", 1);
        }
    }
    pe_reset(S); /* run objects may point into the code */
    pe_code_release_in(S, code); /* a last reference frees into S's block cache */
    pe_set_output(S, NULL, NULL, NULL, NULL);
    if (S->mem_peak - base > RECYCLE_PEAK) {
        /* a heavy run: give its memory back (the state keeps stack chunks
         * and freed blocks) so the budget bounds what the daemon holds */
        pe_state *fresh = worker_state_new(d);
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
        if (dbuf_put(&w->etype, "LimitError", 10) || dbuf_put(&w->emsg, err, strlen(err))) goto oom;
        dbuf_clear(&w->serr);
        if (dbuf_printf(&w->serr, "LimitError: %s\n", err)) goto oom;
    } else if (status == ST_ERROR && w->exc_is_limit && exitc == 1) {
        status = ST_LIMIT;
    } else if (status == ST_BAD_REQUEST) {
        dbuf_clear(&w->serr);
        if (dbuf_printf(&w->serr, "pyexpr daemon: bad request: %s\n", err)) goto oom;
    }
    /* no partial output after an output overflow or a bad request; a
     * LimitError the program raised (steps, memory, time) keeps what it
     * printed before, as direct execution does */
    if (status != ST_OK && status != ST_ERROR && (status != ST_LIMIT || w->cout.overflow || w->cerr.overflow))
        o->len = so_start;
    put_le32((unsigned char *)o->p + so_len_at, (uint32_t)(o->len - so_start));
    if (dbuf_blob(o, w->serr.p, w->serr.len) ||
        dbuf_blob(o, (rflags & RS_REPR) ? w->repr.p : NULL, (rflags & RS_REPR) ? w->repr.len : 0) ||
        dbuf_blob(o, w->etype.p, w->etype.len) || dbuf_blob(o, w->emsg.p, w->emsg.len) ||
        ((rflags & RS_VALUE) && dbuf_put(o, w->val.p, w->val.len)) ||
        ((rflags & RS_GLOBALS) && dbuf_put(o, w->glob.p, w->glob.len)))
        goto oom;
    resp_end(o, at, status, exitc, rflags);
    atomic_fetch_add_explicit(&d->n_runs, 1, memory_order_relaxed);
    if (status != ST_OK) atomic_fetch_add_explicit(&d->n_errors, 1, memory_order_relaxed);
    if (status == ST_LIMIT) atomic_fetch_add_explicit(&d->n_limit, 1, memory_order_relaxed);
    return;
oom:
    if (at != SIZE_MAX) o->len = at;
    atomic_fetch_add_explicit(&d->n_errors, 1, memory_order_relaxed);
    (void)resp_simple(o, ST_SERVER_ERROR, 1, NULL, 0, "pyexpr daemon: out of memory\n");
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
        int r = dbuf_printf(b, "{\"running\":true,\"pid\":%ld,\"version\":\"%s\",\"socket\":",
                            (long)getpid(), PYEXPR_VERSION);
        r |= dbuf_json_str(b, d->conf.sock);
        r |= dbuf_printf(b, ",\"pidfile\":");
        r |= dbuf_json_str(b, d->conf.pidfile);
        r |= dbuf_printf(b, ",\"log_file\":");
        r |= d->conf.foreground && !d->conf.logfile_set ? dbuf_printf(b, "null")
                                                         : dbuf_json_str(b, d->conf.logfile);
        r |= dbuf_printf(
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
    return dbuf_printf(
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
static void handle_frame(worker *w, conn *c, const unsigned char *p, size_t n) {
    daemon_t *d = w->d;
    dbuf *o = &c->out;
    req q;
    char err[256];
    atomic_fetch_add_explicit(&d->n_requests, 1, memory_order_relaxed);
    if (req_parse(p, n, &q, err, sizeof err)) {
        atomic_fetch_add(&d->n_proto, 1);
        atomic_fetch_add(&d->n_errors, 1);
        dlog("conn %" PRIu64 " (pid %ld): bad request: %s", c->id, (long)c->peer_pid, err);
        char msg[300];
        snprintf(msg, sizeof msg, "pyexpr daemon: bad request: %s\n", err);
        (void)resp_simple(o, ST_BAD_REQUEST, 1, NULL, 0, msg);
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
        dlog("cache cleared (%zu entries, %zu bytes) on request of pid %ld", cs.currsize, cs.bytes,
             (long)c->peer_pid);
        r = dbuf_printf(&body, "{\"cleared_entries\":%zu,\"cleared_bytes\":%zu}\n", cs.currsize, cs.bytes);
        break;
    }
    case OP_PING:
    case OP_STOP:
        r = dbuf_printf(&body, "{\"pid\":%ld,\"version\":\"%s\",\"pidfile\":", (long)getpid(),
                        PYEXPR_VERSION);
        r |= dbuf_json_str(&body, d->conf.pidfile);
        r |= dbuf_printf(&body, ",\"socket\":");
        r |= dbuf_json_str(&body, d->conf.sock);
        r |= dbuf_printf(&body, "}\n");
        if (q.op == OP_STOP) {
            dlog("stop requested by pid %ld", (long)c->peer_pid);
            kill(getpid(), SIGTERM); /* the supervisor runs the graceful stop */
        }
        break;
    }
    if (r || resp_simple(o, ST_OK, 0, body.p, body.len, NULL))
        (void)resp_simple(o, ST_SERVER_ERROR, 1, NULL, 0, "pyexpr daemon: out of memory\n");
    dbuf_free(&body);
}

/* ------------------------------------------------------------------ */
/* Connections                                                         */
/* ------------------------------------------------------------------ */

static void conn_close(daemon_t *d, conn *c) {
    pthread_mutex_lock(&d->reg_mu);
    c->prev->next = c->next;
    c->next->prev = c->prev;
    pthread_mutex_unlock(&d->reg_mu);
    if (close(c->fd) < 0 && errno != EINTR) dlog("close: %s", strerror(errno));
    atomic_fetch_sub(&d->nconns, 1);
    dbuf_free(&c->in);
    dbuf_free(&c->out);
    free(c);
}

/* A framing error: log, answer with BAD_REQUEST (best effort), and close
 * once that is sent. Input is dropped. */
static void conn_proto_error(daemon_t *d, conn *c, const char *fmt, ...) PE_PRINTF(3, 4);
static void conn_proto_error(daemon_t *d, conn *c, const char *fmt, ...) {
    char msg[256], line[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    atomic_fetch_add(&d->n_proto, 1);
    atomic_fetch_add(&d->n_errors, 1);
    dlog("conn %" PRIu64 " (pid %ld): %s; closing connection", c->id, (long)c->peer_pid, msg);
    snprintf(line, sizeof line, "pyexpr daemon: %s\n", msg);
    (void)resp_simple(&c->out, ST_BAD_REQUEST, 1, NULL, 0, line);
    dbuf_clear(&c->in);
    c->closing = true;
}

/* Runs every complete frame in c->in while unsent output is below OUT_HIGH. */
static void conn_frames(worker *w, conn *c) {
    daemon_t *d = w->d;
    dbuf *in = &c->in;
    while (!c->closing && dbuf_avail(&c->out) < OUT_HIGH) {
        size_t avail = dbuf_avail(in);
        if (avail < 4) break;
        const unsigned char *p = (const unsigned char *)in->p + in->off;
        uint32_t flen = get_le32(p);
        if (flen > d->conf.max_frame) {
            conn_proto_error(d, c, "frame of %" PRIu32 " bytes exceeds the limit (%zu bytes)", flen,
                             d->conf.max_frame);
            return;
        }
        if (avail >= 6 && (p[4] != PD_MAGIC || p[5] != PD_VERSION)) {
            conn_proto_error(d, c, "bad magic/version bytes 0x%02x 0x%02x (not a pyexpr v%d frame)",
                             p[4], p[5], PD_VERSION);
            return;
        }
        if (flen < PD_HDR) {
            conn_proto_error(d, c, "frame of %" PRIu32 " bytes is shorter than the header", flen);
            return;
        }
        if (avail - 4 < flen) break;
        handle_frame(w, c, p + 4, flen);
        in->off += 4 + (size_t)flen;
    }
    if (in->off == in->len) {
        dbuf_clear(in);
        if (in->cap > BUF_KEEP) dbuf_free(in);
    }
}

/* Sends pending output. 1 progress made, 0 none, -1 fatal. */
static int conn_flush(conn *c) {
    int progress = 0;
    while (dbuf_avail(&c->out)) {
        ssize_t n = send(c->fd, c->out.p + c->out.off, dbuf_avail(&c->out), MSG_NOSIGNAL);
        if (n > 0) {
            c->out.off += (size_t)n;
            progress = 1;
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return progress;
        return -1;
    }
    dbuf_clear(&c->out);
    if (c->out.cap > BUF_KEEP) dbuf_free(&c->out);
    return progress;
}

/* Reads once into c->in. >0 bytes, 0 EOF, -1 EAGAIN, -2 error, -3 no memory.
 * *drained: the read did not fill the space (the kernel queue is empty). */
static ssize_t conn_read(daemon_t *d, conn *c, bool *drained) {
    dbuf *in = &c->in;
    size_t want = READ_CHUNK, avail = dbuf_avail(in);
    if (avail >= 4) { /* make room for the whole announced frame at once */
        size_t need = 4 + (size_t)get_le32((const unsigned char *)in->p + in->off);
        if (need <= d->conf.max_frame + 4 && need > avail + want) want = need - avail;
    }
    if (dbuf_reserve(in, want)) return -3;
    size_t space = in->cap - in->len;
    for (;;) {
        ssize_t n = read(c->fd, in->p + in->len, space);
        if (n > 0) {
            in->len += (size_t)n;
            *drained = (size_t)n < space;
            return n;
        }
        if (n == 0) return 0;
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return -1;
        return -2;
    }
}

/* ThreadSanitizer models epoll_ctl(fd) as an access to the descriptor and
 * cannot see that the kernel orders it before the event it causes; for it
 * the hand-off below also waits for the arming call to return. */
#if defined(__SANITIZE_THREAD__)
#define PD_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define PD_TSAN 1
#endif
#endif
#ifndef PD_TSAN
#define PD_TSAN 0
#endif

/* Re-arms c (oneshot) and gives it up: the release store publishes every
 * access this worker made to c; from then on another worker may own c, so
 * only locals are used after it. (handoff stays even; under TSan it is odd
 * until epoll_ctl returned, see conn_acquire.) */
static void conn_arm(daemon_t *d, conn *c) {
    struct epoll_event ev = {0};
    ev.events = EPOLLONESHOT | EPOLLRDHUP;
    if (dbuf_avail(&c->out)) ev.events |= EPOLLOUT;
    if (!c->eof && !c->closing && dbuf_avail(&c->out) < OUT_HIGH) ev.events |= EPOLLIN;
    ev.data.ptr = c;
    int fd = c->fd, ep = d->ep;
    uint64_t id = c->id;
    atomic_fetch_add_explicit(&c->handoff, PD_TSAN ? 1 : 2, memory_order_release);
    if (epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev) < 0) {
        /* not armed: no other worker can have it, it is still ours */
        int e = errno;
        atomic_fetch_add_explicit(&c->handoff, PD_TSAN ? 1 : 0, memory_order_acquire);
        dlog("conn %" PRIu64 ": epoll_ctl: %s; closing", id, strerror(e));
        conn_close(d, c);
        return;
    }
    if (PD_TSAN) atomic_fetch_add_explicit(&c->handoff, 1, memory_order_release);
}

/* Taking c over from the worker that armed it (pairs with conn_arm). */
static void conn_acquire(conn *c) {
    for (unsigned spins = 0; atomic_load_explicit(&c->handoff, memory_order_acquire) & 1;)
        if (++spins > 64) sched_yield();
}

/* A worker owns c (its oneshot event fired): read, run, write, re-arm. */
static void conn_serve(worker *w, conn *c) {
    daemon_t *d = w->d;
    bool may_read = true, progress = false;
    conn_acquire(c);
    for (;;) {
        conn_frames(w, c);
        if (dbuf_avail(&c->out)) {
            int f = conn_flush(c);
            if (f < 0) {
                if (!atomic_load(&c->timed_out))
                    dlog("conn %" PRIu64 " (pid %ld): send failed (%s) with %zu response bytes "
                         "unsent; closing",
                         c->id, (long)c->peer_pid, strerror(errno), dbuf_avail(&c->out));
                conn_close(d, c);
                return;
            }
            progress |= f > 0;
        }
        if (c->closing) {
            if (!dbuf_avail(&c->out)) {
                conn_close(d, c);
                return;
            }
            break; /* wait for EPOLLOUT */
        }
        if (dbuf_avail(&c->out) >= OUT_HIGH) break;
        if (dbuf_avail(&c->in) >= 4 && dbuf_avail(&c->in) - 4 >= get_le32((const unsigned char *)c->in.p + c->in.off))
            continue; /* output drained: more complete frames to run */
        if (c->eof) {
            if (dbuf_avail(&c->out)) break;
            if (dbuf_avail(&c->in) && !atomic_load(&c->timed_out)) {
                atomic_fetch_add(&d->n_proto, 1);
                dlog("conn %" PRIu64 " (pid %ld): client disconnected mid-request (%zu bytes of an "
                     "unfinished frame dropped)",
                     c->id, (long)c->peer_pid, dbuf_avail(&c->in));
            }
            conn_close(d, c);
            return;
        }
        if (!may_read) break;
        bool drained = false;
        ssize_t n = conn_read(d, c, &drained);
        if (n > 0) {
            progress = true;
            may_read = !drained;
            continue;
        }
        if (n == 0) {
            c->eof = true;
            continue;
        }
        if (n == -1) break;
        if (n == -3) {
            dlog("conn %" PRIu64 ": out of memory for input; closing", c->id);
        } else if (!atomic_load(&c->timed_out)) {
            dlog("conn %" PRIu64 " (pid %ld): read failed: %s; closing", c->id, (long)c->peer_pid,
                 strerror(errno));
        }
        conn_close(d, c);
        return;
    }
    /* I/O deadline: while a frame is half received or output is unsent,
     * the client must make progress within io_timeout */
    if (dbuf_avail(&c->out) || dbuf_avail(&c->in)) {
        if (progress || !atomic_load(&c->deadline))
            atomic_store(&c->deadline, now_ns() + (int64_t)(d->conf.io_timeout * 1e9));
    } else {
        atomic_store(&c->deadline, 0);
    }
    conn_arm(d, c);
}

/* Accepts pending connections (the listen fd is oneshot too). */
static void do_accept(worker *w) {
    daemon_t *d = w->d;
    pthread_mutex_lock(&d->listen_mu);
    if (d->listen_fd < 0) {
        pthread_mutex_unlock(&d->listen_mu);
        return;
    }
    for (int i = 0; i < 64; i++) {
        int fd = accept4(d->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) break;
            dlog("accept: %s", strerror(errno));
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                struct timespec ts = {0, 10 * 1000000}; /* let some connections close */
                nanosleep(&ts, NULL);
            }
            break;
        }
        struct ucred cr;
        socklen_t cl = sizeof cr;
        if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &cl) < 0) {
            dlog("SO_PEERCRED: %s; connection refused", strerror(errno));
            close(fd);
            atomic_fetch_add(&d->n_rejected, 1);
            continue;
        }
        if (cr.uid != geteuid()) {
            dlog("connection from uid %u (pid %ld) rejected: only uid %u may connect", (unsigned)cr.uid,
                 (long)cr.pid, (unsigned)geteuid());
            close(fd);
            atomic_fetch_add(&d->n_rejected, 1);
            continue;
        }
        if (atomic_load(&d->nconns) >= d->conf.max_conns) {
            dlog("connection from pid %ld rejected: %u connections open (--max-connections)",
                 (long)cr.pid, d->conf.max_conns);
            close(fd);
            atomic_fetch_add(&d->n_rejected, 1);
            continue;
        }
        conn *c = calloc(1, sizeof *c);
        if (!c) {
            dlog("out of memory for a connection; refused");
            close(fd);
            continue;
        }
        c->fd = fd;
        c->peer_pid = cr.pid;
        c->id = atomic_fetch_add(&d->next_conn_id, 1) + 1;
        atomic_init(&c->deadline, 0);
        atomic_init(&c->timed_out, 0);
        atomic_init(&c->handoff, 0);
        pthread_mutex_lock(&d->reg_mu);
        c->next = d->reg.next;
        c->prev = &d->reg;
        d->reg.next->prev = c;
        d->reg.next = c;
        pthread_mutex_unlock(&d->reg_mu);
        atomic_fetch_add(&d->nconns, 1);
        atomic_fetch_add(&d->n_conns_total, 1);
        struct epoll_event ev = {0};
        ev.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
        ev.data.ptr = c;
        atomic_fetch_add_explicit(&c->handoff, 2, memory_order_release); /* even: c is set up */
        if (epoll_ctl(d->ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
            dlog("epoll_ctl(ADD): %s; connection dropped", strerror(errno));
            conn_close(d, c);
        }
    }
    struct epoll_event ev = {0};
    ev.events = EPOLLIN | EPOLLONESHOT;
    ev.data.ptr = &d->listen_tag;
    if (epoll_ctl(d->ep, EPOLL_CTL_MOD, d->listen_fd, &ev) < 0)
        dlog("epoll_ctl(listen): %s", strerror(errno));
    pthread_mutex_unlock(&d->listen_mu);
}

/* ------------------------------------------------------------------ */
/* Workers                                                             */
/* ------------------------------------------------------------------ */

static void *worker_main(void *arg) {
    worker *w = arg;
    daemon_t *d = w->d;
    int64_t last_active = now_ns();
    while (!atomic_load_explicit(&d->exiting, memory_order_acquire)) {
        struct epoll_event ev;
        int n = epoll_wait(d->ep, &ev, 1, 1000);
        if (n < 0) {
            if (errno == EINTR) continue;
            dlog("worker %u: epoll_wait: %s; worker exits", w->idx, strerror(errno));
            break;
        }
        if (n == 0) {
            if (w->extra && now_ns() - last_active > EXTRA_IDLE_NS) break;
            continue;
        }
        last_active = now_ns();
        if (ev.data.ptr == &d->wake_tag) continue;
        if (ev.data.ptr == &d->listen_tag) do_accept(w);
        else conn_serve(w, ev.data.ptr);
    }
    atomic_store(&w->state, W_EXITED);
    return NULL;
}

static void worker_free(worker *w) {
    if (!w) return;
    pe_state_free(w->S);
    dbuf_free(&w->serr);
    dbuf_free(&w->repr);
    dbuf_free(&w->val);
    dbuf_free(&w->etype);
    dbuf_free(&w->emsg);
    dbuf_free(&w->fname);
    dbuf_free(&w->glob);
    free(w);
}

/* Starts a worker in a free slot. 0 ok, -1 (logged) otherwise. */
static int spawn_worker(daemon_t *d, bool extra) {
    pthread_mutex_lock(&d->workers_mu);
    unsigned slot = d->conf.max_workers;
    for (unsigned i = 0; i < d->conf.max_workers; i++)
        if (!d->workers[i]) {
            slot = i;
            break;
        }
    pthread_mutex_unlock(&d->workers_mu);
    if (slot == d->conf.max_workers) return -1;
    worker *w = calloc(1, sizeof *w);
    if (!w || !(w->S = worker_state_new(d))) {
        free(w);
        dlog("out of memory starting a worker");
        return -1;
    }
    w->d = d;
    w->idx = slot;
    w->extra = extra;
    atomic_init(&w->busy_since, 0);
    atomic_init(&w->state, W_RUNNING);
    pthread_attr_t at;
    int e = pthread_attr_init(&at);
    if (!e) e = pthread_attr_setstacksize(&at, d->stack_size);
    if (!e) e = pthread_create(&w->th, &at, worker_main, w);
    pthread_attr_destroy(&at);
    if (e) {
        dlog("pthread_create: %s", strerror(e));
        worker_free(w);
        return -1;
    }
    pthread_mutex_lock(&d->workers_mu);
    d->workers[slot] = w;
    pthread_mutex_unlock(&d->workers_mu);
    return 0;
}

/* Joins workers that left (idle extras). */
static void reap_workers(daemon_t *d) {
    for (unsigned i = 0; i < d->conf.max_workers; i++) {
        worker *w = d->workers[i];
        if (!w || atomic_load(&w->state) != W_EXITED) continue;
        pthread_join(w->th, NULL);
        pthread_mutex_lock(&d->workers_mu);
        d->workers[i] = NULL;
        pthread_mutex_unlock(&d->workers_mu);
        if (w->extra) dlog("extra worker %u idle; stopped", i);
        worker_free(w);
    }
}

/* While every worker has been inside one request for STUCK_NS (slow
 * scripts, or native work that cannot see the deadline), add one. */
static void maybe_grow(daemon_t *d, int64_t now) {
    unsigned running = 0, stuck = 0;
    for (unsigned i = 0; i < d->conf.max_workers; i++) {
        worker *w = d->workers[i];
        if (!w || atomic_load(&w->state) != W_RUNNING) continue;
        running++;
        int64_t b = atomic_load(&w->busy_since);
        if (b && now - b > STUCK_NS) stuck++;
    }
    if (running && stuck == running && running < d->conf.max_workers) {
        if (spawn_worker(d, true) == 0)
            dlog("all %u workers busy for over %lld ms: started worker %u", running,
                 (long long)(STUCK_NS / 1000000), running + 1);
    }
}

/* ------------------------------------------------------------------ */
/* Supervisor                                                          */
/* ------------------------------------------------------------------ */

/* Drops connections whose client made no I/O progress in time. */
static void sweep_deadlines(daemon_t *d, int64_t now) {
    pthread_mutex_lock(&d->reg_mu);
    for (conn *c = d->reg.next; c != &d->reg; c = c->next) {
        int64_t dl = atomic_load(&c->deadline);
        if (!dl || now < dl || atomic_load(&c->timed_out)) continue;
        atomic_store(&c->timed_out, 1);
        atomic_fetch_add(&d->n_proto, 1);
        dlog("conn %" PRIu64 " (pid %ld): no I/O progress for %g s (client not reading its "
             "response, or stalled mid-frame); dropping it",
             c->id, (long)c->peer_pid, d->conf.io_timeout);
        if (shutdown(c->fd, SHUT_RDWR) < 0) dlog("shutdown: %s", strerror(errno));
    }
    pthread_mutex_unlock(&d->reg_mu);
}

/* Only remove path if it is still the file we created. */
static void unlink_if_ours(const char *path, ino_t ino) {
    struct stat st;
    if (ino && lstat(path, &st) == 0 && st.st_ino == ino && unlink(path) < 0)
        dlog("unlink %s: %s", path, strerror(errno));
}

/* Graceful stop, part 1: no new connections; every connection's read side
 * is shut so idle clients see EOF, while requests already being run
 * finish and their responses are sent. */
static void begin_stop(daemon_t *d, const char *why) {
    atomic_store(&d->stopping, 1);
    pthread_mutex_lock(&d->budget_mu); /* requests waiting for budget give up */
    pthread_cond_broadcast(&d->budget_cv);
    pthread_mutex_unlock(&d->budget_mu);
    d->stop_deadline = now_ns() + (int64_t)(d->conf.stop_timeout * 1e9);
    dlog("stopping (%s): finishing in-flight requests", why);
    pthread_mutex_lock(&d->listen_mu);
    if (d->listen_fd >= 0) {
        if (epoll_ctl(d->ep, EPOLL_CTL_DEL, d->listen_fd, NULL) < 0)
            dlog("epoll_ctl(DEL listen): %s", strerror(errno));
        close(d->listen_fd);
        d->listen_fd = -1;
        unlink_if_ours(d->conf.sock, d->sock_ino);
    }
    pthread_mutex_unlock(&d->listen_mu);
    pthread_mutex_lock(&d->reg_mu);
    for (conn *c = d->reg.next; c != &d->reg; c = c->next)
        if (shutdown(c->fd, SHUT_RD) < 0 && errno != ENOTCONN) dlog("shutdown: %s", strerror(errno));
    pthread_mutex_unlock(&d->reg_mu);
}

static void reopen_log(daemon_t *d) {
    if (d->conf.foreground && !d->conf.logfile_set) return;
    int fd = open(d->conf.logfile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        dlog("SIGHUP: cannot reopen %s: %s", d->conf.logfile, strerror(errno));
        return;
    }
    if (dup2(fd, 2) < 0 || (!d->conf.foreground && dup2(fd, 1) < 0))
        dlog("dup2: %s", strerror(errno));
    close(fd);
    dlog("log reopened (SIGHUP)");
}

/* Supervises until stopped; then stops workers and frees everything.
 * Returns the process exit status. */
static int supervise(daemon_t *d) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    bool forced = false;
    for (;;) {
        struct timespec ts = {0, 100 * 1000000};
        int sig = sigtimedwait(&set, NULL, &ts);
        if (sig == SIGTERM || sig == SIGINT) {
            const char *name = sig == SIGTERM ? "SIGTERM" : "SIGINT";
            if (!atomic_load(&d->stopping)) {
                begin_stop(d, name);
            } else {
                dlog("%s again: not waiting for in-flight requests", name);
                forced = true;
            }
        } else if (sig == SIGHUP) {
            reopen_log(d);
        } else if (sig < 0 && errno != EAGAIN && errno != EINTR) {
            dlog("sigtimedwait: %s", strerror(errno));
        }
        int64_t now = now_ns();
        sweep_deadlines(d, now);
        reap_workers(d);
        if (!atomic_load(&d->stopping)) {
            maybe_grow(d, now);
            continue;
        }
        if (atomic_load(&d->nconns) == 0 || forced) break;
        if (now >= d->stop_deadline) {
            dlog("stop timeout (%g s): %u connection(s) still open", d->conf.stop_timeout,
                 atomic_load(&d->nconns));
            break;
        }
    }
    /* part 2: stop the workers */
    atomic_store_explicit(&d->exiting, 1, memory_order_release);
    uint64_t one = 1;
    if (write(d->wake_fd, &one, sizeof one) < 0) dlog("eventfd write: %s", strerror(errno));
    unsigned stuck = 0;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += forced ? 1 : 5;
    for (unsigned i = 0; i < d->conf.max_workers; i++) {
        worker *w = d->workers[i];
        if (!w) continue;
        int e = pthread_timedjoin_np(w->th, NULL, &until);
        if (e) {
            stuck++;
            continue;
        }
        d->workers[i] = NULL;
        worker_free(w);
    }
    unlink_if_ours(d->conf.pidfile, d->pid_ino);
    if (stuck) {
        /* a worker is inside native code that never checks limits: its
         * state cannot be freed safely; leave without tidying memory */
        dlog("%u worker(s) still busy; exiting without waiting for them", stuck);
        _exit(0);
    }
    for (conn *c = d->reg.next, *n; c != &d->reg; c = n) {
        n = c->next;
        conn_close(d, c);
    }
    pe_cache_free(d->cache);
    free(d->workers);
    close(d->ep);
    close(d->wake_fd);
    close(d->pid_fd);
    dlog("stopped (served %" PRIu64 " requests)", atomic_load(&d->n_requests));
    pthread_mutex_destroy(&d->listen_mu);
    pthread_mutex_destroy(&d->reg_mu);
    pthread_mutex_destroy(&d->workers_mu);
    pthread_mutex_destroy(&d->budget_mu);
    pthread_cond_destroy(&d->budget_cv);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Start-up                                                            */
/* ------------------------------------------------------------------ */

/* Takes the pidfile lock. 0 ok; 1 another daemon holds it (*other = its
 * pid); -1 error (msg in err). */
static int lock_pidfile(daemon_t *d, long *other, char *err, size_t esz) {
    int fd = open(d->conf.pidfile, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        snprintf(err, esz, "cannot open pidfile %s: %s", d->conf.pidfile, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
        snprintf(err, esz, "pidfile %s is not a regular file owned by us", d->conf.pidfile);
        close(fd);
        return -1;
    }
    char buf[32] = {0};
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    long old = n > 0 ? strtol(buf, NULL, 10) : 0;
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        int e = errno;
        close(fd);
        if (e == EWOULDBLOCK) {
            *other = old;
            return 1;
        }
        snprintf(err, esz, "flock %s: %s", d->conf.pidfile, strerror(e));
        return -1;
    }
    if (old > 0 && old != (long)getpid())
        dlog("replacing stale pidfile %s (pid %ld %s)", d->conf.pidfile, old,
             kill((pid_t)old, 0) == 0 ? "holds no lock" : "is not running");
    int len = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) < 0 || pwrite(fd, buf, (size_t)len, 0) != len) {
        snprintf(err, esz, "writing pidfile %s: %s", d->conf.pidfile, strerror(errno));
        close(fd);
        return -1;
    }
    d->pid_fd = fd;
    d->pid_ino = st.st_ino;
    return 0;
}

static void set_timeouts(int fd, double t) {
    struct timeval tv = {(time_t)t, (suseconds_t)((t - floor(t)) * 1e6)};
    (void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    (void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

/* A blocking connection with send/receive timeouts of `timeout` seconds
 * (they bound connect() too: a live peer with a full backlog gives EAGAIN). */
static int connect_unix(const char *path, double timeout) {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    set_timeouts(fd, timeout);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
    for (;;) {
        if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0) return fd;
        if (errno != EINTR) break;
    }
    int e = errno;
    close(fd);
    errno = e;
    return -1;
}

/* Binds the listening socket, replacing a stale one. 0 ok, -1 (err). */
static int open_listener(daemon_t *d, char *err, size_t esz) {
    const char *path = d->conf.sock;
    struct stat st;
    if (lstat(path, &st) == 0) {
        if (!S_ISSOCK(st.st_mode)) {
            snprintf(err, esz, "%s exists and is not a socket; not replacing it", path);
            return -1;
        }
        int fd = connect_unix(path, 2.0);
        if (fd >= 0 || errno == EAGAIN) {
            if (fd >= 0) close(fd);
            snprintf(err, esz, "%s is in use by another process (a daemon with another pidfile?)", path);
            return -1;
        }
        if (errno != ECONNREFUSED && errno != ENOENT) {
            snprintf(err, esz, "cannot probe %s: %s", path, strerror(errno));
            return -1;
        }
        if (unlink(path) < 0 && errno != ENOENT) {
            snprintf(err, esz, "cannot remove stale socket %s: %s", path, strerror(errno));
            return -1;
        }
        dlog("removed stale socket %s (no daemon was listening)", path);
    }
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        snprintf(err, esz, "socket: %s", strerror(errno));
        return -1;
    }
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
    mode_t old = umask(0177); /* the socket is created 0600, no window */
    int r = bind(fd, (struct sockaddr *)&sa, sizeof sa);
    int e = errno;
    umask(old);
    if (r < 0) {
        snprintf(err, esz, "bind %s: %s", path, strerror(e));
        close(fd);
        return -1;
    }
    if (chmod(path, 0600) < 0 || lstat(path, &st) < 0 || listen(fd, 4096) < 0) {
        snprintf(err, esz, "setting up %s: %s", path, strerror(errno));
        unlink(path);
        close(fd);
        return -1;
    }
    d->listen_fd = fd;
    d->sock_ino = st.st_ino;
    return 0;
}

static size_t worker_stack_size(void) {
    struct rlimit rl;
    size_t sz = (size_t)8 << 20; /* what the CLI's main thread normally gets */
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur > sz)
        sz = rl.rlim_cur > ((rlim_t)256 << 20) ? (size_t)256 << 20 : (size_t)rl.rlim_cur;
    return sz;
}

/* Sets the daemon up and serves until stopped. ready_fd (or -1) gets
 * "OK <pid>\n", "RUNNING <pid>\n" or "ERR <message>\n" once start-up is
 * decided. Returns the exit status. */
static int daemon_run(dconf *cf, int ready_fd) {
    static daemon_t D; /* one per process; the supervisor's home */
    daemon_t *d = &D;
    memset(d, 0, sizeof *d);
    d->conf = *cf;
    d->ep = d->wake_fd = d->listen_fd = d->pid_fd = -1;
    d->reg.next = d->reg.prev = &d->reg;
    char err[PATH_MAX + 256];
    long other = 0;
    signal(SIGPIPE, SIG_IGN);
    int lk = lock_pidfile(d, &other, err, sizeof err);
    if (lk == 1) {
        if (ready_fd >= 0) say(ready_fd, "RUNNING %ld\n", other);
        else say(2, "pyexpr: a daemon is already running (pid %ld, pidfile %s)\n", other, cf->pidfile);
        return ready_fd >= 0 ? 0 : 1;
    }
    if (lk < 0 || open_listener(d, err, sizeof err) < 0) goto fail;
    d->cache = pe_cache_new(cf->cache_entries, cf->cache_bytes);
    d->workers = calloc(cf->max_workers, sizeof *d->workers);
    d->ep = epoll_create1(EPOLL_CLOEXEC);
    d->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (!d->cache || !d->workers || d->ep < 0 || d->wake_fd < 0) {
        snprintf(err, sizeof err, "start-up failed: %s", d->ep < 0 || d->wake_fd < 0 ? strerror(errno) : "out of memory");
        goto fail;
    }
    struct epoll_event ev = {0};
    ev.events = EPOLLIN | EPOLLONESHOT;
    ev.data.ptr = &d->listen_tag;
    struct epoll_event wev = {0};
    wev.events = EPOLLIN; /* level-triggered: once written, wakes every worker */
    wev.data.ptr = &d->wake_tag;
    if (epoll_ctl(d->ep, EPOLL_CTL_ADD, d->listen_fd, &ev) < 0 ||
        epoll_ctl(d->ep, EPOLL_CTL_ADD, d->wake_fd, &wev) < 0) {
        snprintf(err, sizeof err, "epoll_ctl: %s", strerror(errno));
        goto fail;
    }
    pthread_mutex_init(&d->listen_mu, NULL);
    pthread_mutex_init(&d->reg_mu, NULL);
    pthread_mutex_init(&d->workers_mu, NULL);
    pthread_mutex_init(&d->budget_mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&d->budget_cv, &ca);
    pthread_condattr_destroy(&ca);
    /* signals go to the supervisor only (workers inherit the mask) */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    d->stack_size = worker_stack_size();
    d->started_ns = now_ns();
    d->started_wall = time(NULL);
    dlog("pyexpr %s daemon listening on %s (pid %ld, %u workers, timeout %g s, max_memory %zu, "
         "memory_budget %zu)",
         PYEXPR_VERSION, cf->sock, (long)getpid(), cf->workers, cf->limits.timeout,
         cf->limits.max_memory, cf->memory_budget);
    for (unsigned i = 0; i < cf->workers; i++) {
        if (spawn_worker(d, false) < 0) {
            snprintf(err, sizeof err, "cannot start worker threads");
            atomic_store(&d->stopping, 1);
            begin_stop(d, "start-up failure");
            supervise(d);
            if (ready_fd >= 0) say(ready_fd, "ERR %s\n", err);
            return 1;
        }
    }
    if (ready_fd >= 0) {
        say(ready_fd, "OK %ld\n", (long)getpid());
        close(ready_fd);
    }
    return supervise(d);
fail:
    dlog("cannot start: %s", err);
    if (ready_fd >= 0) say(ready_fd, "ERR %s\n", err);
    else say(2, "pyexpr: cannot start the daemon: %s\n", err);
    if (d->listen_fd >= 0) {
        close(d->listen_fd);
        unlink_if_ours(cf->sock, d->sock_ino);
    }
    if (d->pid_fd >= 0) {
        unlink_if_ours(cf->pidfile, d->pid_ino);
        close(d->pid_fd);
    }
    if (d->ep >= 0) close(d->ep);
    if (d->wake_fd >= 0) close(d->wake_fd);
    pe_cache_free(d->cache);
    free(d->workers);
    return 1;
}

/* ------------------------------------------------------------------ */
/* Client side                                                         */
/* ------------------------------------------------------------------ */

typedef struct resp {
    int status, exitc;
    uint32_t flags;
    const char *out, *err, *repr, *etype, *emsg;
    uint32_t outn, errn, reprn, etypen, emsgn;
} resp;

static double client_timeout(void) {
    const char *e = getenv("PYEXPR_DAEMON_TIMEOUT");
    double t = e && *e ? strtod(e, NULL) : 60.0;
    return t > 0 && isfinite(t) ? t : 60.0;
}

static int read_full(int fd, void *buf, size_t n) {
    char *p = buf;
    while (n) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/* Sends a request (iov) and reads the response into *raw, parsed into *rp.
 * 0 ok; -1 no answer: the request could not be sent, or the daemon closed
 * the connection before the first byte of an answer; -2 the request was
 * sent but no (valid) answer came: a timeout (errno EAGAIN) or a broken
 * response. */
static int client_call(int fd, struct iovec *iov, int niov, dbuf *raw, resp *rp) {
    while (niov) {
        struct msghdr mh = {.msg_iov = iov, .msg_iovlen = (size_t)niov};
        ssize_t n = sendmsg(fd, &mh, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        while (niov && (size_t)n >= iov->iov_len) {
            n -= (ssize_t)iov->iov_len;
            iov++;
            niov--;
        }
        if (niov) {
            iov->iov_base = (char *)iov->iov_base + n;
            iov->iov_len -= (size_t)n;
        }
    }
    unsigned char h[4];
    ssize_t got;
    do
        got = recv(fd, h, 1, 0);
    while (got < 0 && errno == EINTR);
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return -2;
    if (got != 1) return -1; /* closed (or reset) without answering */
    if (read_full(fd, h + 1, 3)) return -2;
    size_t n = get_le32(h);
    if (n < 8 || n > CLIENT_MAX_RESPONSE || dbuf_reserve(raw, n) || read_full(fd, raw->p, n)) return -2;
    raw->len = n;
    rd r = {(const unsigned char *)raw->p, (const unsigned char *)raw->p + n, false};
    if (rd_u8(&r) != PD_MAGIC || rd_u8(&r) != PD_VERSION) return -2;
    rp->status = rd_u8(&r);
    rp->exitc = rd_u8(&r);
    rp->flags = rd_u32(&r);
    rp->out = rd_blob(&r, &rp->outn);
    rp->err = rd_blob(&r, &rp->errn);
    rp->repr = rd_blob(&r, &rp->reprn);
    rp->etype = rd_blob(&r, &rp->etypen);
    rp->emsg = rd_blob(&r, &rp->emsgn);
    return r.bad ? -2 : 0;
}

/* A request without payload (STATUS, CLEAR_CACHE, PING, STOP). */
static int client_simple(const char *sock, int op, int mode, double timeout, dbuf *raw, resp *rp) {
    int fd = connect_unix(sock, timeout);
    if (fd < 0) return -1;
    unsigned char req[4 + PD_HDR] = {0};
    put_le32(req, PD_HDR);
    req[4] = PD_MAGIC;
    req[5] = PD_VERSION;
    req[6] = (unsigned char)op;
    req[7] = (unsigned char)mode;
    struct iovec iov = {req, sizeof req};
    int r = client_call(fd, &iov, 1, raw, rp);
    close(fd);
    return r ? -1 : 0;
}

/* `pyexpr --via-daemon` (pe_cli.h). The program is sent at most once and
 * never run here after the daemon may have run it: only "no daemon took
 * it" answers -1. */
int pe_daemon_run_remote(const char *src, size_t len, const char *filename, const pe_limits *lim,
                         int *status) {
    dconf cf;
    conf_defaults(&cf);
    char err[PATH_MAX + 128];
    size_t fnlen = strlen(filename);
    size_t limlen = lim ? 24 : 0;
    if (fnlen > MAX_FILENAME || len > DEF_MAX_FRAME - PD_HDR - 8 - limlen - fnlen) return -1;
    if (resolve_paths(&cf, false, err, sizeof err)) return -1;
    double timeout = client_timeout();
    int fd = connect_unix(cf.sock, timeout);
    if (fd < 0) return -1;
    unsigned char h[4 + PD_HDR + 4], t[4], l[24];
    put_le32(h, (uint32_t)(PD_HDR + 4 + fnlen + 4 + len + limlen));
    h[4] = PD_MAGIC;
    h[5] = PD_VERSION;
    h[6] = OP_RUN;
    h[7] = PE_MODE_CALC;
    put_le32(h + 8, RQ_ECHO | (lim ? RQ_LIMITS : 0));
    put_le32(h + 12, (uint32_t)fnlen);
    put_le32(t, (uint32_t)len);
    if (lim) { /* 0 = the daemon's own limit; a request can only tighten it */
        uint64_t steps = lim->max_steps, mem = lim->max_memory;
        double ms = ceil(lim->timeout * 1000.0);
        uint32_t tms = lim->timeout > 0 ? (ms >= 4294967295.0 ? 0 : ms < 1 ? 1 : (uint32_t)ms) : 0;
        for (int i = 0; i < 8; i++) l[i] = (unsigned char)(steps >> (8 * i));
        for (int i = 0; i < 8; i++) l[8 + i] = (unsigned char)(mem >> (8 * i));
        put_le32(l + 16, lim->max_depth);
        put_le32(l + 20, tms);
    }
    struct iovec iov[5] = {{h, sizeof h}, {(void *)filename, fnlen}, {t, 4}, {(void *)src, len},
                           {l, limlen}};
    dbuf raw = {0};
    resp rp;
    int r = client_call(fd, iov, lim ? 5 : 4, &raw, &rp);
    close(fd);
    if (r == 0 && (rp.status == ST_UNAVAILABLE || rp.status == ST_BAD_REQUEST)) {
        r = -1; /* not run: stopping, or a frame over the daemon's --max-frame */
    } else if (r == 0) { /* the answer, a LimitError included */
        (void)write_all(1, rp.out, rp.outn);
        (void)write_all(2, rp.err, rp.errn);
        *status = rp.exitc;
        if (rp.status == ST_ERROR && rp.exitc == 130 && rp.etypen == 17 &&
            !memcmp(rp.etype, "KeyboardInterrupt", 17)) { /* as the direct run: end by SIGINT */
            dbuf_free(&raw);
            signal(SIGINT, SIG_DFL);
            kill(getpid(), SIGINT);
            return 0;
        }
    } else if (r == -2) {
        say(2, "pyexpr: the daemon took the program but no answer came (timeout %g s, "
               "PYEXPR_DAEMON_TIMEOUT, or the connection broke); not running it again here\n",
            timeout);
        *status = 1;
        r = 0;
    }
    dbuf_free(&raw);
    return r;
}

/* Is the pidfile held by a live daemon? 1 yes (*pid), 0 no, -1 no file. */
static int pidfile_locked(const char *path, long *pid) {
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return -1;
    char buf[32] = {0};
    ssize_t n = read(fd, buf, sizeof buf - 1);
    *pid = n > 0 ? strtol(buf, NULL, 10) : 0;
    int held = flock(fd, LOCK_SH | LOCK_NB) < 0 && errno == EWOULDBLOCK;
    close(fd);
    return held;
}

/* Removes a stale socket / pidfile (no live daemon behind them). */
static void remove_stale(const dconf *cf, bool *removed) {
    long pid;
    struct stat st;
    if (pidfile_locked(cf->pidfile, &pid) == 0 && unlink(cf->pidfile) == 0) *removed = true;
    if (lstat(cf->sock, &st) == 0 && S_ISSOCK(st.st_mode)) {
        int fd = connect_unix(cf->sock, 2.0);
        if (fd >= 0) close(fd);
        else if (errno == ECONNREFUSED && unlink(cf->sock) == 0) *removed = true;
    }
}

static int cmd_status(dconf *cf) {
    dbuf raw = {0};
    resp rp;
    if (client_simple(cf->sock, OP_STATUS, cf->json ? 0 : 1, ADMIN_TIMEOUT, &raw, &rp) == 0 && rp.status == ST_OK) {
        (void)write_all(1, rp.out, rp.outn);
        dbuf_free(&raw);
        return 0;
    }
    dbuf_free(&raw);
    long pid = 0;
    int held = pidfile_locked(cf->pidfile, &pid);
    if (cf->json) {
        dbuf b = {0};
        int r = dbuf_printf(&b, "{\"running\":false,\"socket\":");
        r |= dbuf_json_str(&b, cf->sock);
        r |= dbuf_printf(&b, ",\"pid\":%ld,\"stale\":%s}\n", held == 1 ? pid : 0L,
                         held == 0 ? "true" : "false");
        if (!r) (void)write_all(1, b.p, b.len);
        dbuf_free(&b);
    } else if (held == 1) {
        say(1, "pyexpr daemon: not answering on %s (pid %ld holds %s)\n", cf->sock, pid, cf->pidfile);
    } else {
        say(1, "pyexpr daemon: no daemon running (socket %s%s)\n", cf->sock,
            held == 0 ? "; a stale pidfile is left" : "");
    }
    return 3;
}

static int cmd_clear(dconf *cf) {
    dbuf raw = {0};
    resp rp;
    int r = client_simple(cf->sock, OP_CLEAR_CACHE, 0, ADMIN_TIMEOUT, &raw, &rp);
    if (r == 0 && rp.status == ST_OK) {
        if (cf->json) (void)write_all(1, rp.out, rp.outn);
        else say(1, "pyexpr daemon: cache cleared\n");
    } else {
        say(2, "pyexpr: no daemon running (socket %s)\n", cf->sock);
    }
    dbuf_free(&raw);
    return r == 0 && rp.status == ST_OK ? 0 : 1;
}

/* Has process pid exited (gone, or a zombie its parent has not reaped)? */
static bool pid_exited(long pid) {
    if (pid <= 0) return true;
    if (kill((pid_t)pid, 0) < 0) return errno == ESRCH;
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return false;
    buf[n] = 0;
    const char *p = strrchr(buf, ')');
    return p && p[1] == ' ' && p[2] == 'Z';
}

/* Waits until the daemon owning pidfile is gone: its lock released (or the
 * file removed), then its process exited. */
static bool wait_gone(const char *pidfile, long pid, double secs) {
    int64_t until = now_ns() + (int64_t)(secs * 1e9);
    bool unlocked = false;
    while (now_ns() < until) {
        long p;
        if (!unlocked) unlocked = pidfile_locked(pidfile, &p) != 1;
        if (unlocked && pid_exited(pid)) return true;
        struct timespec ts = {0, 2 * 1000000};
        nanosleep(&ts, NULL);
    }
    return false;
}

/* Extracts "pidfile":"..." (no escapes expected in our own paths) and pid. */
static void parse_ping(const char *s, size_t n, long *pid, char *pidfile, size_t psz) {
    char tmp[PATH_MAX + 256];
    snprintf(tmp, sizeof tmp, "%.*s", (int)(n < sizeof tmp ? n : sizeof tmp - 1), s);
    const char *p = strstr(tmp, "\"pid\":");
    if (p) *pid = strtol(p + 6, NULL, 10);
    p = strstr(tmp, "\"pidfile\":\"");
    if (p) {
        p += 11;
        const char *e = strchr(p, '"');
        if (e && (size_t)(e - p) < psz) snprintf(pidfile, psz, "%.*s", (int)(e - p), p);
    }
}

static int cmd_stop(dconf *cf) {
    dbuf raw = {0};
    resp rp;
    long pid = 0;
    char pidfile[PATH_MAX];
    snprintf(pidfile, sizeof pidfile, "%s", cf->pidfile);
    double wait = cf->stop_timeout + 5;
    if (client_simple(cf->sock, OP_STOP, 0, ADMIN_TIMEOUT, &raw, &rp) == 0 && rp.status == ST_OK) {
        parse_ping(rp.out, rp.outn, &pid, pidfile, sizeof pidfile);
        dbuf_free(&raw);
        if (wait_gone(pidfile, pid, wait)) {
            say(1, "pyexpr daemon stopped (pid %ld)\n", pid);
            return 0;
        }
        say(2, "pyexpr: the daemon (pid %ld) did not stop within %g s\n", pid, wait);
        return 1;
    }
    dbuf_free(&raw);
    int held = pidfile_locked(cf->pidfile, &pid);
    if (held == 1 && pid > 0) { /* alive but not answering on the socket: signal it */
        if (kill((pid_t)pid, SIGTERM) < 0) {
            say(2, "pyexpr: cannot signal daemon pid %ld: %s\n", pid, strerror(errno));
            return 1;
        }
        if (wait_gone(cf->pidfile, pid, wait)) {
            say(1, "pyexpr daemon stopped (pid %ld, by SIGTERM)\n", pid);
            return 0;
        }
        say(2, "pyexpr: the daemon (pid %ld) did not stop within %g s\n", pid, wait);
        return 1;
    }
    bool removed = false;
    remove_stale(cf, &removed);
    say(1, "pyexpr daemon: no daemon running%s\n", removed ? " (removed a stale socket/pidfile)" : "");
    return 0;
}

/* `pyexpr --daemon` without --foreground: double fork, setsid, stdio to
 * the log; returns once the daemon accepts connections (or failed). */
static int cmd_start_detached(dconf *cf) {
    dbuf raw = {0};
    resp rp;
    if (client_simple(cf->sock, OP_PING, 0, 3.0, &raw, &rp) == 0 && rp.status == ST_OK) {
        long pid = 0;
        char pf[PATH_MAX] = "";
        parse_ping(rp.out, rp.outn, &pid, pf, sizeof pf);
        dbuf_free(&raw);
        say(1, "pyexpr daemon already running (pid %ld, socket %s)\n", pid, cf->sock);
        return 0;
    }
    dbuf_free(&raw);
    int pfd[2];
    if (pipe2(pfd, O_CLOEXEC) < 0) {
        say(2, "pyexpr: pipe: %s\n", strerror(errno));
        return 1;
    }
    pid_t p = fork();
    if (p < 0) {
        say(2, "pyexpr: fork: %s\n", strerror(errno));
        close(pfd[0]);
        close(pfd[1]);
        return 1;
    }
    if (p == 0) {
        close(pfd[0]);
        if (setsid() < 0) _exit(1);
        pid_t q = fork();
        if (q < 0) _exit(1);
        if (q > 0) _exit(0);
        /* the daemon: no controlling terminal, not a session leader */
        umask(077);
        if (chdir("/") < 0) _exit(1);
        int nul = open("/dev/null", O_RDWR | O_CLOEXEC);
        int log = open(cf->logfile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (nul < 0 || log < 0) {
            say(pfd[1], "ERR cannot open %s: %s\n", log < 0 ? cf->logfile : "/dev/null", strerror(errno));
            _exit(1);
        }
        if (dup2(nul, 0) < 0 || dup2(log, 1) < 0 || dup2(log, 2) < 0) {
            say(pfd[1], "ERR dup2: %s\n", strerror(errno));
            _exit(1);
        }
        close(nul);
        close(log);
#ifdef SYS_close_range
        /* descriptors inherited from whoever started us (pipes of a test
         * harness, say) must not be held open for the daemon's lifetime */
        if (pfd[1] > 3) (void)syscall(SYS_close_range, 3u, (unsigned)pfd[1] - 1, 0u);
        (void)syscall(SYS_close_range, (unsigned)pfd[1] + 1, ~0u, 0u);
#endif
        exit(daemon_run(cf, pfd[1]));
    }
    close(pfd[1]);
    int st;
    while (waitpid(p, &st, 0) < 0 && errno == EINTR) {
    }
    char msg[PATH_MAX + 300];
    size_t got = 0;
    int64_t until = now_ns() + 30 * 1000000000LL;
    while (got < sizeof msg - 1) {
        int64_t left = (until - now_ns()) / 1000000;
        if (left <= 0) break;
        struct pollfd pf = {pfd[0], POLLIN, 0};
        int pr = poll(&pf, 1, (int)left);
        if (pr < 0 && errno == EINTR) continue;
        if (pr <= 0) break;
        ssize_t n = read(pfd[0], msg + got, sizeof msg - 1 - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += (size_t)n;
        if (memchr(msg, '\n', got)) break;
    }
    close(pfd[0]);
    msg[got] = 0;
    char *nl = strchr(msg, '\n');
    if (nl) *nl = 0;
    if (!strncmp(msg, "OK ", 3)) {
        say(1, "pyexpr daemon started (pid %s, socket %s, log %s)\n", msg + 3, cf->sock, cf->logfile);
        return 0;
    }
    if (!strncmp(msg, "RUNNING ", 8)) {
        say(1, "pyexpr daemon already running (pid %s, socket %s)\n", msg + 8, cf->sock);
        return 0;
    }
    if (!strncmp(msg, "ERR ", 4)) say(2, "pyexpr: cannot start the daemon: %s\n", msg + 4);
    else say(2, "pyexpr: the daemon did not report start-up (see %s)\n", cf->logfile);
    return 1;
}

/* ------------------------------------------------------------------ */
/* Command line                                                        */
/* ------------------------------------------------------------------ */

static const char daemon_usage[] =
    "usage: pyexpr --daemon [--foreground] [options]   start the daemon\n"
    "       pyexpr --daemon-status [--json]            pid, uptime, requests, cache, memory\n"
    "       pyexpr --stop-daemon                       graceful stop\n"
    "       pyexpr --clear-cache                       empty the daemon's compile cache\n"
    "       pyexpr --via-daemon -c CODE | FILE | -     run through the daemon (runs here only\n"
    "                                                  if no daemon takes it; PYEXPR_DAEMON=1)\n"
    "Options (SIZE takes K/M/G suffixes; SECONDS may be fractional, 0 = none):\n"
    "  --socket PATH          socket (default $PYEXPR_SOCKET, $XDG_RUNTIME_DIR/pyexpr.sock,\n"
    "                         else ${TMPDIR:-/tmp}/pyexpr-UID/pyexpr.sock)\n"
    "  --pidfile PATH         default SOCKET.pid\n"
    "  --log-file PATH        default SOCKET.log (with --foreground: stderr)\n"
    "  --workers N            worker threads (default: CPUs, at least 2)\n"
    "  --max-workers N        upper bound while scripts are stuck (default 64)\n"
    "  --timeout SECONDS      wall time per request (default 1)\n"
    "  --max-memory SIZE      memory per request (default 256M; 0 = unlimited)\n"
    "  --max-steps N          bytecode steps per request (default 0 = unlimited)\n"
    "  --max-depth N          Python call depth (default 1000)\n"
    "  --max-output SIZE      stdout/stderr/repr per request (default 16M)\n"
    "  --max-frame SIZE       largest request frame (default 16M)\n"
    "  --cache-entries N      compile cache entries (default 1024)\n"
    "  --cache-bytes SIZE     compile cache bytes (default 64M)\n"
    "  --max-connections N    (default 1024)\n"
    "  --io-timeout SECONDS   drop a client that stalls mid-frame or stops reading (default 10)\n"
    "  --stop-timeout SECONDS graceful-stop bound (default 30)\n"
    "  --memory-budget SIZE   sum of --max-memory over the requests running at once\n"
    "                         (default 1G; 0 = none); --max-memory is capped to it\n"
    "  --budget-wait SECONDS  a request waits this long for budget, then is refused\n"
    "                         with a LimitError (default 1)\n"
    "See docs/daemon.md.\n";

int pe_cli_parse_size(const char *s, size_t *out) {
    char *e;
    errno = 0;
    double v = strtod(s, &e);
    if (e == s || errno || v < 0 || !isfinite(v)) return -1;
    double m = 1;
    if (*e == 'k' || *e == 'K') m = 1024.0, e++;
    else if (*e == 'm' || *e == 'M') m = 1024.0 * 1024, e++;
    else if (*e == 'g' || *e == 'G') m = 1024.0 * 1024 * 1024, e++;
    if (*e == 'i' || *e == 'B') e += *e == 'i' ? (e[1] == 'B' ? 2 : 1) : 1;
    if (*e || v * m > (double)SIZE_MAX / 2) return -1;
    *out = (size_t)(v * m);
    return 0;
}

int pe_cli_parse_secs(const char *s, double *out) {
    char *e;
    errno = 0;
    double v = strtod(s, &e);
    if (e == s || *e || errno || v < 0 || !isfinite(v) || v > 1e7) return -1;
    *out = v;
    return 0;
}

int pe_cli_parse_uint(const char *s, unsigned long long max, unsigned long long *out) {
    char *e;
    errno = 0;
    if (*s == '-') return -1;
    unsigned long long v = strtoull(s, &e, 10);
    if (e == s || *e || errno || v > max) return -1;
    *out = v;
    return 0;
}

static int opt_error(const char *fmt, const char *a) {
    say(2, fmt, a);
    say(2, "Try `pyexpr --daemon --help' for more information.\n");
    return 2;
}

enum { CMD_NONE, CMD_START, CMD_STATUS, CMD_STOP, CMD_CLEAR };

/* Daemon options that take a value (`--opt VALUE` or `--opt=VALUE`), in
 * the order of pe_daemon_main's switch. */
static const char *const valued[] = {
    "--socket", "--pidfile", "--log-file", "--workers", "--max-workers", "--timeout",
    "--max-memory", "--max-steps", "--max-depth", "--max-output", "--max-frame",
    "--cache-entries", "--cache-bytes", "--max-connections", "--io-timeout",
    "--stop-timeout", "--memory-budget", "--budget-wait", NULL};

static bool is_valued(const char *a) {
    for (int k = 0; valued[k]; k++)
        if (!strcmp(valued[k], a)) return true;
    return false;
}

/* Handles the daemon commands; -1 when argv is not one (main.c goes on). */
int pe_daemon_main(int argc, char **argv) {
    int cmd = CMD_NONE;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !a[1] || !strncmp(a, "-c", 2)) break; /* program and its args */
        if (is_valued(a)) { /* its value is not the program (e.g. --timeout 5 --daemon) */
            i++;
            continue;
        }
        if (!strcmp(a, "--daemon")) cmd = CMD_START;
        else if (!strcmp(a, "--daemon-status")) cmd = CMD_STATUS;
        else if (!strcmp(a, "--stop-daemon")) cmd = CMD_STOP;
        else if (!strcmp(a, "--clear-cache")) cmd = CMD_CLEAR;
    }
    if (cmd == CMD_NONE) return -1;
    dconf cf;
    conf_defaults(&cf);
    int ncmd = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = NULL;
        char name[64];
        const char *eq = strchr(a, '=');
        if (!strncmp(a, "--", 2) && eq && (size_t)(eq - a) < sizeof name) {
            snprintf(name, sizeof name, "%.*s", (int)(eq - a), a);
            val = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", a);
        }
        if (!strcmp(name, "-h") || !strcmp(name, "--help")) {
            say(1, "%s", daemon_usage);
            return 0;
        }
        if (!strcmp(name, "--daemon") || !strcmp(name, "--daemon-status") ||
            !strcmp(name, "--stop-daemon") || !strcmp(name, "--clear-cache")) {
            ncmd++;
            continue;
        }
        if (!strcmp(name, "--foreground")) {
            cf.foreground = true;
            continue;
        }
        if (!strcmp(name, "--json")) {
            cf.json = true;
            continue;
        }
        int k = 0;
        while (valued[k] && strcmp(valued[k], name)) k++;
        if (!valued[k]) return opt_error("pyexpr: unknown daemon option %s\n", a);
        if (!val) {
            if (i + 1 >= argc) return opt_error("pyexpr: option %s needs a value\n", a);
            val = argv[++i];
        }
        unsigned long long u = 0;
        size_t sz = 0;
        double secs = 0;
        int bad = 0;
        switch (k) {
        case 0:
            bad = !*val || strlen(val) >= sizeof cf.sock;
            if (!bad) snprintf(cf.sock, sizeof cf.sock, "%s", val), cf.sock_set = true;
            break;
        case 1:
            bad = !*val || strlen(val) >= sizeof cf.pidfile;
            if (!bad) snprintf(cf.pidfile, sizeof cf.pidfile, "%s", val), cf.pidfile_set = true;
            break;
        case 2:
            bad = !*val || strlen(val) >= sizeof cf.logfile;
            if (!bad) snprintf(cf.logfile, sizeof cf.logfile, "%s", val), cf.logfile_set = true;
            break;
        case 3:
            bad = pe_cli_parse_uint(val, 1024, &u) || !u;
            cf.workers = (unsigned)u;
            break;
        case 4:
            bad = pe_cli_parse_uint(val, 4096, &u) || !u;
            cf.max_workers = (unsigned)u;
            break;
        case 5:
            bad = pe_cli_parse_secs(val, &secs);
            cf.limits.timeout = secs;
            break;
        case 6:
            bad = pe_cli_parse_size(val, &sz);
            cf.limits.max_memory = sz;
            break;
        case 7:
            bad = pe_cli_parse_uint(val, UINT64_MAX, &u);
            cf.limits.max_steps = u;
            break;
        case 8:
            bad = pe_cli_parse_uint(val, 1000000, &u);
            cf.limits.max_depth = (uint32_t)u;
            break;
        case 9:
            bad = pe_cli_parse_size(val, &sz) || sz < 1024 || sz > ((size_t)1 << 30);
            cf.max_output = sz;
            break;
        case 10:
            bad = pe_cli_parse_size(val, &sz) || sz < 64 || sz > ((size_t)1 << 30);
            cf.max_frame = sz;
            break;
        case 11:
            bad = pe_cli_parse_uint(val, SIZE_MAX, &u);
            cf.cache_entries = (size_t)u;
            break;
        case 12:
            bad = pe_cli_parse_size(val, &sz);
            cf.cache_bytes = sz;
            break;
        case 13:
            bad = pe_cli_parse_uint(val, 1000000, &u) || !u;
            cf.max_conns = (unsigned)u;
            break;
        case 14:
            bad = pe_cli_parse_secs(val, &secs) || secs == 0;
            cf.io_timeout = secs;
            break;
        case 15:
            bad = pe_cli_parse_secs(val, &secs);
            cf.stop_timeout = secs;
            break;
        case 16:
            bad = pe_cli_parse_size(val, &sz);
            cf.memory_budget = sz;
            break;
        case 17:
            bad = pe_cli_parse_secs(val, &secs);
            cf.budget_wait = secs;
            break;
        }
        if (bad) return opt_error("pyexpr: bad value for %s\n", a);
    }
    if (ncmd != 1)
        return opt_error("%s", "pyexpr: give exactly one of --daemon, --daemon-status, "
                               "--stop-daemon, --clear-cache\n");
    if (cf.max_workers < cf.workers) cf.max_workers = cf.workers;
    /* one request may never need more than the whole budget */
    if (cf.memory_budget && (!cf.limits.max_memory || cf.limits.max_memory > cf.memory_budget))
        cf.limits.max_memory = cf.memory_budget;
    char err[PATH_MAX + 256];
    /* pidfile/logfile given as relative paths: absolute (the daemon chdirs to /) */
    char cwd[PATH_MAX];
    if ((cf.pidfile_set && cf.pidfile[0] != '/') || (cf.logfile_set && cf.logfile[0] != '/')) {
        if (!getcwd(cwd, sizeof cwd)) return opt_error("pyexpr: getcwd failed%s\n", "");
        char tmp[PATH_MAX];
        if (cf.pidfile_set && cf.pidfile[0] != '/') {
            if ((size_t)snprintf(tmp, sizeof tmp, "%s/%s", cwd, cf.pidfile) >= sizeof tmp)
                return opt_error("pyexpr: path too long: %s\n", cf.pidfile);
            memcpy(cf.pidfile, tmp, sizeof tmp);
        }
        if (cf.logfile_set && cf.logfile[0] != '/') {
            if ((size_t)snprintf(tmp, sizeof tmp, "%s/%s", cwd, cf.logfile) >= sizeof tmp)
                return opt_error("pyexpr: path too long: %s\n", cf.logfile);
            memcpy(cf.logfile, tmp, sizeof tmp);
        }
    }
    int rp = resolve_paths(&cf, cmd == CMD_START, err, sizeof err);
    if (rp == -2) { /* never started: nothing to ask */
        switch (cmd) {
        case CMD_STATUS:
            if (cf.json) {
                dbuf b = {0};
                int r = dbuf_printf(&b, "{\"running\":false,\"socket\":");
                r |= dbuf_json_str(&b, cf.sock);
                r |= dbuf_printf(&b, ",\"pid\":0,\"stale\":false}\n");
                if (!r) (void)write_all(1, b.p, b.len);
                dbuf_free(&b);
            } else {
                say(1, "pyexpr daemon: no daemon running (socket %s)\n", cf.sock);
            }
            return 3;
        case CMD_STOP: say(1, "pyexpr daemon: no daemon running (socket %s)\n", cf.sock); return 0;
        default: say(2, "pyexpr: no daemon running (socket %s)\n", cf.sock); return 1;
        }
    }
    if (rp) {
        if (cmd == CMD_START) {
            say(2, "pyexpr: cannot start the daemon: %s\n", err);
            return 1;
        }
        if (cmd == CMD_STATUS) {
            if (cf.json) say(1, "{\"running\":false,\"error\":\"%s\"}\n", "no usable socket path");
            else say(1, "pyexpr daemon: no daemon running (%s)\n", err);
            return 3;
        }
        if (cmd == CMD_STOP) {
            say(1, "pyexpr daemon: no daemon running (%s)\n", err);
            return 0;
        }
        say(2, "pyexpr: no daemon running (%s)\n", err);
        return 1;
    }
    switch (cmd) {
    case CMD_START:
        if (cf.foreground) {
            if (cf.logfile_set) {
                int fd = open(cf.logfile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
                if (fd < 0 || dup2(fd, 2) < 0) {
                    say(2, "pyexpr: cannot open log file %s: %s\n", cf.logfile, strerror(errno));
                    return 1;
                }
                close(fd);
            }
            return daemon_run(&cf, -1);
        }
        return cmd_start_detached(&cf);
    case CMD_STATUS: return cmd_status(&cf);
    case CMD_STOP: return cmd_stop(&cf);
    default: return cmd_clear(&cf);
    }
}
