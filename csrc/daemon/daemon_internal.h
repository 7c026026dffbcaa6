/*
 * daemon_internal.h - `pyexpr --daemon`: a resident server answering evaluation
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
 *
 * Files (one per section of the former daemon.c): util.c (buffers, frame
 * reader), config.c (defaults, paths), log.c, values.c (typed values),
 * request.c (one request), conn.c (connections), workers.c, supervisor.c,
 * start.c (start-up), client.c (the command-line clients), cmdline.c
 * (pe_daemon_main). Functions shared between them carry the pd_ prefix.
 * The engine is used through pyexpr.h alone (included by ../cli/pe_cli.h):
 * the folder is compiled with -Icsrc/include only.
 */
#ifndef PD_DAEMON_INTERNAL_H
#define PD_DAEMON_INTERNAL_H

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/un.h>
#include <time.h>

#include "../cli/pe_cli.h"

#if defined(__GNUC__)
#define PD_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PD_PRINTF(a, b)
#endif

/* ------------------------------------------------------------------ */
/* Protocol constants (docs/daemon.md, pyexpr/client.py)                */
/* ------------------------------------------------------------------ */

#define PD_MAGIC 0x50 /* 'P' */
#define PD_VERSION 1
#define PD_HDR 8      /* magic, version, op, mode, u32 flags (after the length) */

enum { OP_RUN = 1, OP_STATUS = 2, OP_CLEAR_CACHE = 3, OP_PING = 4, OP_STOP = 5, OP_DROP_SESSION = 6 };
enum {
    RQ_NAMES = 1,
    RQ_LIMITS = 2,
    RQ_ECHO = 4,
    RQ_VALUE = 8,
    RQ_REPR = 16,
    RQ_GLOBALS = 32,
    RQ_SESSION = 64 /* the run uses (or makes) the session named in the frame */
};
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
#define DEF_MAX_SESSIONS 256     /* sessions at once (sessions.c) */
#define DEF_SESSION_IDLE 600.0   /* seconds unused before a session is dropped */
#define MAX_SESSION_ID 128
/* ------------------------------------------------------------------ */
/* Small utilities (util.c)                                            */
/* ------------------------------------------------------------------ */

static inline int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline void put_le32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static inline uint32_t get_le32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t get_le64(const unsigned char *p) {
    return (uint64_t)get_le32(p) | (uint64_t)get_le32(p + 4) << 32;
}

/* write(2) all of it (EINTR retried); -1 on error. */
int pd_write_all(int fd, const void *buf, size_t n);
/* printf to fd (one write, at most 2 KiB). */
void pd_say(int fd, const char *fmt, ...) PD_PRINTF(2, 3);

/* Growable byte buffer: data is p[off, len); off > 0 after partial sends.
 * The pd_dbuf_* appenders return 0, or -1 when out of memory. */
typedef struct dbuf {
    char *p;
    size_t off, len, cap;
} dbuf;

static inline size_t dbuf_avail(const dbuf *b) { return b->len - b->off; }
static inline void dbuf_clear(dbuf *b) { b->off = b->len = 0; }
void pd_dbuf_free(dbuf *b);
/* Moves unconsumed data to the front. */
void pd_dbuf_compact(dbuf *b);
/* Room for `extra` more bytes after len. */
int pd_dbuf_reserve(dbuf *b, size_t extra);
int pd_dbuf_put(dbuf *b, const void *s, size_t n);
int pd_dbuf_u8(dbuf *b, unsigned v);
int pd_dbuf_u32(dbuf *b, uint32_t v);
int pd_dbuf_u64(dbuf *b, uint64_t v);
/* u32 length + bytes */
int pd_dbuf_blob(dbuf *b, const void *s, size_t n);
int pd_dbuf_printf(dbuf *b, const char *fmt, ...) PD_PRINTF(2, 3);
/* A JSON string literal. */
int pd_dbuf_json_str(dbuf *b, const char *s);

/* Bounds-checked little-endian reader over a frame: reading past the end
 * sets bad and yields zeros. */
typedef struct rd {
    const unsigned char *p, *e;
    bool bad;
} rd;

static inline size_t rd_left(const rd *r) { return (size_t)(r->e - r->p); }
uint8_t pd_rd_u8(rd *r);
uint32_t pd_rd_u32(rd *r);
uint64_t pd_rd_u64(rd *r);
/* u32 length + bytes; NULL (bad set) when truncated. */
const char *pd_rd_blob(rd *r, uint32_t *n);
/* Strict UTF-8 (no surrogates, no overlong forms). */
bool pd_utf8_valid(const unsigned char *p, size_t n);

/* ------------------------------------------------------------------ */
/* Configuration and paths (config.c), logging (log.c)                 */
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

void pd_conf_defaults(dconf *cf);
/* Fills cf->sock (and the default pidfile/logfile beside it); see config.c.
 * 0 ok; -1 with a message in err; -2 (only when not `create`): no daemon
 * can be running (cf->sock still names the path it would have). */
int pd_resolve_paths(dconf *cf, bool create, char *err, size_t esz);

/* One line to fd 2 (the log file when detached), rate limited. */
void pd_log(const char *fmt, ...) PD_PRINTF(1, 2);

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

/* A session (sessions.c): its own state, run by one request at a time. */
typedef struct dsess {
    struct dsess *next;
    char *id;
    size_t idlen;
    pe_state *S;
    pe_session *sess;
    pthread_mutex_t run_mu;
    int64_t last;  /* monotonic ns of the last release */
    unsigned refs; /* requests holding it (under sess_mu) */
    bool dropped;  /* unlinked; freed by the last release */
} dsess;

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
    uintptr_t *gsnap; /* per global slot: the builtin it held before the run (GLOBALS) */
    uint32_t gsnap_cap;
    bool exc_is_limit;
    _Atomic int64_t busy_since; /* ns while running a request, else 0 */
    _Atomic int state;          /* W_* */
} worker;
/* The per-request buffers of worker w, for a loop over them:
 * `dbuf *bufs[] = WORKER_BUFS(w);` */
#define WORKER_BUFS(w) {&(w)->serr, &(w)->repr, &(w)->val, &(w)->etype, &(w)->emsg, &(w)->fname, &(w)->glob}

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
    pthread_mutex_t sess_mu;   /* the session table */
    dsess *sessions;
    unsigned nsessions;
    pe_cache *cache;
    int exc_limit, exc_kbi, exc_memory; /* exception type ids */
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

typedef struct req {
    int op, mode;
    uint32_t flags;
    const char *fn, *src;
    uint32_t fnlen, srclen;
    pe_limits lim;
    rd names;
    const char *sid; /* RQ_SESSION: the session's id */
    uint32_t sidlen;
} req;

/* ------------------------------------------------------------------ */
/* Shared between the files                                            */
/* ------------------------------------------------------------------ */

/* values.c (docs/daemon.md "Values") */
/* Decoding request names: the reader, the state the values are made in
 * (after pe_run_begin: the engine counts them toward the run's max_memory),
 * that max_memory (0: none) and the state's pe_memory_used when decoding
 * started (for the one allocation the engine does not see), and where
 * errors are described. */
typedef struct pd_vdec {
    rd *r;
    pe_state *S;
    size_t base, limit;
    char *err;
    size_t esz;
} pd_vdec;
/* One typed value (a NEW reference in *out). -1 with a message in err. */
int pd_val_decode(pd_vdec *c, int depth, pe_value *out);
/* Appends v's typed encoding. 0 ok; 1 not representable (other types,
 * nesting beyond VAL_MAX_DEPTH); -1 out of memory. */
int pd_val_encode(pe_state *S, dbuf *b, pe_value v, int depth);

/* request.c */
/* A response with no program output: stdout = body (e.g. JSON), stderr = err. */
int pd_resp_simple(dbuf *o, int status, int exitc, const char *body, size_t bodylen, const char *err);
/* Handles one complete frame (body without the length prefix). */
void pd_handle_frame(worker *w, conn *c, const unsigned char *p, size_t n);
/* The worker's state for the next request (NULL when out of memory). */
pe_state *pd_worker_state_new(daemon_t *d);

/* conn.c */
void pd_conn_close(daemon_t *d, conn *c);
/* A worker owns c (its oneshot event fired): read, run, write, re-arm. */
void pd_conn_serve(worker *w, conn *c);
/* Accepts pending connections (the listen fd is oneshot too). */
void pd_accept(worker *w);

/* workers.c */
void pd_worker_free(worker *w);
/* Starts a worker in a free slot. 0 ok, -1 (logged) otherwise. */
int pd_spawn_worker(daemon_t *d, bool extra);
/* Joins workers that left (idle extras). */
void pd_reap_workers(daemon_t *d);
/* While every worker is stuck in one request, adds one. */
void pd_maybe_grow(daemon_t *d, int64_t now);

/* supervisor.c */
/* Only remove path if it is still the file we created. */
void pd_unlink_if_ours(const char *path, ino_t ino);
/* Graceful stop, part 1: no new connections, idle clients see EOF. */
void pd_begin_stop(daemon_t *d, const char *why);
/* Supervises until stopped; then stops workers and frees everything.
 * Returns the process exit status. */
int pd_supervise(daemon_t *d);

/* start.c */
/* A blocking connection with send/receive timeouts of `timeout` seconds. */
int pd_connect_unix(const char *path, double timeout);
/* Sets the daemon up and serves until stopped; ready_fd (or -1) gets the
 * start-up verdict. Returns the exit status. */
int pd_daemon_run(dconf *cf, int ready_fd);

/* client.c: the daemon commands other than start-up in the foreground */
int pd_cmd_status(dconf *cf);
int pd_cmd_clear(dconf *cf);
int pd_cmd_stop(dconf *cf);
int pd_cmd_start_detached(dconf *cf);

/* sessions.c */
/* The session named id (made if new), locked for this request; NULL with
 * a message in err (too many sessions, out of memory). */
dsess *pd_session_acquire(daemon_t *d, const char *id, size_t n, char *err, size_t esz);
void pd_session_release(daemon_t *d, dsess *s);
/* 1 dropped, 0 no such session. */
int pd_session_drop(daemon_t *d, const char *id, size_t n);
void pd_sessions_expire(daemon_t *d, int64_t now);
void pd_sessions_free(daemon_t *d);

/* procpool.c: worker processes (fork + socketpair, u32-length frames) */
typedef struct pd_proc {
    pid_t pid; /* -1: none */
    int fd;    /* parent's end, non-blocking for reading */
    uint64_t calls;
    dbuf in;   /* what the child sent, not yet consumed */
} pd_proc;
/* Runs in the child with its end of the socketpair; returns the exit status. */
typedef int (*pd_child_fn)(int fd, void *ud);
int pd_frame_write(int fd, const void *body, size_t n);
int pd_frame_read(int fd, dbuf *b, size_t max);
int pd_proc_spawn(pd_proc *p, pd_child_fn fn, void *ud);
/* SIGKILL, reap, close; returns the wait status. */
int pd_proc_kill(pd_proc *p);
/* waitpid for a child that is gone (EOF seen); the wait status. */
int pd_proc_status(pd_proc *p);
int pd_proc_send(pd_proc *p, const void *body, size_t n);
int pd_proc_read(pd_proc *p);
int pd_proc_frame(pd_proc *p, const char **body, size_t *n);
void pd_proc_consume(pd_proc *p, size_t n);

#endif /* PD_DAEMON_INTERNAL_H */
