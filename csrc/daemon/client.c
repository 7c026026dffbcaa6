/*
 * client.c - the client side: --via-daemon, --daemon-status, --stop-daemon,
 * --clear-cache, detached start.
 * Part of the daemon (csrc/daemon/, docs/daemon.md); shared declarations
 * in daemon_internal.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "daemon_internal.h"

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
    if (n < 8 || n > CLIENT_MAX_RESPONSE || pd_dbuf_reserve(raw, n) || read_full(fd, raw->p, n)) return -2;
    raw->len = n;
    rd r = {(const unsigned char *)raw->p, (const unsigned char *)raw->p + n, false};
    if (pd_rd_u8(&r) != PD_MAGIC || pd_rd_u8(&r) != PD_VERSION) return -2;
    rp->status = pd_rd_u8(&r);
    rp->exitc = pd_rd_u8(&r);
    rp->flags = pd_rd_u32(&r);
    rp->out = pd_rd_blob(&r, &rp->outn);
    rp->err = pd_rd_blob(&r, &rp->errn);
    rp->repr = pd_rd_blob(&r, &rp->reprn);
    rp->etype = pd_rd_blob(&r, &rp->etypen);
    rp->emsg = pd_rd_blob(&r, &rp->emsgn);
    return r.bad ? -2 : 0;
}

/* A request without payload (STATUS, CLEAR_CACHE, PING, STOP). */
static int client_simple(const char *sock, int op, int mode, double timeout, dbuf *raw, resp *rp) {
    int fd = pd_connect_unix(sock, timeout);
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
    pd_conf_defaults(&cf);
    char err[PATH_MAX + 128];
    size_t fnlen = strlen(filename);
    size_t limlen = lim ? 24 : 0;
    if (fnlen > MAX_FILENAME || len > DEF_MAX_FRAME - PD_HDR - 8 - limlen - fnlen) return -1;
    if (pd_resolve_paths(&cf, false, err, sizeof err)) return -1;
    double timeout = client_timeout();
    int fd = pd_connect_unix(cf.sock, timeout);
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
        (void)pd_write_all(1, rp.out, rp.outn);
        (void)pd_write_all(2, rp.err, rp.errn);
        *status = rp.exitc;
        if (rp.status == ST_ERROR && rp.exitc == 130 && rp.etypen == 17 &&
            !memcmp(rp.etype, "KeyboardInterrupt", 17)) { /* as the direct run: end by SIGINT */
            pd_dbuf_free(&raw);
            signal(SIGINT, SIG_DFL);
            kill(getpid(), SIGINT);
            return 0;
        }
    } else if (r == -2) {
        pd_say(2, "pyexpr: the daemon took the program but no answer came (timeout %g s, "
               "PYEXPR_DAEMON_TIMEOUT, or the connection broke); not running it again here\n",
            timeout);
        *status = 1;
        r = 0;
    }
    pd_dbuf_free(&raw);
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
        int fd = pd_connect_unix(cf->sock, 2.0);
        if (fd >= 0) close(fd);
        else if (errno == ECONNREFUSED && unlink(cf->sock) == 0) *removed = true;
    }
}

int pd_cmd_status(dconf *cf) {
    dbuf raw = {0};
    resp rp;
    if (client_simple(cf->sock, OP_STATUS, cf->json ? 0 : 1, ADMIN_TIMEOUT, &raw, &rp) == 0 && rp.status == ST_OK) {
        (void)pd_write_all(1, rp.out, rp.outn);
        pd_dbuf_free(&raw);
        return 0;
    }
    pd_dbuf_free(&raw);
    long pid = 0;
    int held = pidfile_locked(cf->pidfile, &pid);
    if (cf->json) {
        dbuf b = {0};
        int r = pd_dbuf_printf(&b, "{\"running\":false,\"socket\":");
        r |= pd_dbuf_json_str(&b, cf->sock);
        r |= pd_dbuf_printf(&b, ",\"pid\":%ld,\"stale\":%s}\n", held == 1 ? pid : 0L,
                         held == 0 ? "true" : "false");
        if (!r) (void)pd_write_all(1, b.p, b.len);
        pd_dbuf_free(&b);
    } else if (held == 1) {
        pd_say(1, "pyexpr daemon: not answering on %s (pid %ld holds %s)\n", cf->sock, pid, cf->pidfile);
    } else {
        pd_say(1, "pyexpr daemon: no daemon running (socket %s%s)\n", cf->sock,
            held == 0 ? "; a stale pidfile is left" : "");
    }
    return 3;
}

int pd_cmd_clear(dconf *cf) {
    dbuf raw = {0};
    resp rp;
    int r = client_simple(cf->sock, OP_CLEAR_CACHE, 0, ADMIN_TIMEOUT, &raw, &rp);
    if (r == 0 && rp.status == ST_OK) {
        if (cf->json) (void)pd_write_all(1, rp.out, rp.outn);
        else pd_say(1, "pyexpr daemon: cache cleared\n");
    } else {
        pd_say(2, "pyexpr: no daemon running (socket %s)\n", cf->sock);
    }
    pd_dbuf_free(&raw);
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

int pd_cmd_stop(dconf *cf) {
    dbuf raw = {0};
    resp rp;
    long pid = 0;
    char pidfile[PATH_MAX];
    snprintf(pidfile, sizeof pidfile, "%s", cf->pidfile);
    double wait = cf->stop_timeout + 5;
    if (client_simple(cf->sock, OP_STOP, 0, ADMIN_TIMEOUT, &raw, &rp) == 0 && rp.status == ST_OK) {
        parse_ping(rp.out, rp.outn, &pid, pidfile, sizeof pidfile);
        pd_dbuf_free(&raw);
        if (wait_gone(pidfile, pid, wait)) {
            pd_say(1, "pyexpr daemon stopped (pid %ld)\n", pid);
            return 0;
        }
        pd_say(2, "pyexpr: the daemon (pid %ld) did not stop within %g s\n", pid, wait);
        return 1;
    }
    pd_dbuf_free(&raw);
    int held = pidfile_locked(cf->pidfile, &pid);
    if (held == 1 && pid > 0) { /* alive but not answering on the socket: signal it */
        if (kill((pid_t)pid, SIGTERM) < 0) {
            pd_say(2, "pyexpr: cannot signal daemon pid %ld: %s\n", pid, strerror(errno));
            return 1;
        }
        if (wait_gone(cf->pidfile, pid, wait)) {
            pd_say(1, "pyexpr daemon stopped (pid %ld, by SIGTERM)\n", pid);
            return 0;
        }
        pd_say(2, "pyexpr: the daemon (pid %ld) did not stop within %g s\n", pid, wait);
        return 1;
    }
    bool removed = false;
    remove_stale(cf, &removed);
    pd_say(1, "pyexpr daemon: no daemon running%s\n", removed ? " (removed a stale socket/pidfile)" : "");
    return 0;
}

/* `pyexpr --daemon` without --foreground: double fork, setsid, stdio to
 * the log; returns once the daemon accepts connections (or failed). */
int pd_cmd_start_detached(dconf *cf) {
    dbuf raw = {0};
    resp rp;
    if (client_simple(cf->sock, OP_PING, 0, 3.0, &raw, &rp) == 0 && rp.status == ST_OK) {
        long pid = 0;
        char pf[PATH_MAX] = "";
        parse_ping(rp.out, rp.outn, &pid, pf, sizeof pf);
        pd_dbuf_free(&raw);
        pd_say(1, "pyexpr daemon already running (pid %ld, socket %s)\n", pid, cf->sock);
        return 0;
    }
    pd_dbuf_free(&raw);
    int pfd[2];
    if (pipe2(pfd, O_CLOEXEC) < 0) {
        pd_say(2, "pyexpr: pipe: %s\n", strerror(errno));
        return 1;
    }
    pid_t p = fork();
    if (p < 0) {
        pd_say(2, "pyexpr: fork: %s\n", strerror(errno));
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
            pd_say(pfd[1], "ERR cannot open %s: %s\n", log < 0 ? cf->logfile : "/dev/null", strerror(errno));
            _exit(1);
        }
        if (dup2(nul, 0) < 0 || dup2(log, 1) < 0 || dup2(log, 2) < 0) {
            pd_say(pfd[1], "ERR dup2: %s\n", strerror(errno));
            _exit(1);
        }
        close(nul);
        close(log);
#ifdef SYS_close_range
        /* descriptors inherited from whoever started us (pipes of a test
         * harness, pd_say) must not be held open for the daemon's lifetime */
        if (pfd[1] > 3) (void)syscall(SYS_close_range, 3u, (unsigned)pfd[1] - 1, 0u);
        (void)syscall(SYS_close_range, (unsigned)pfd[1] + 1, ~0u, 0u);
#endif
        exit(pd_daemon_run(cf, pfd[1]));
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
        pd_say(1, "pyexpr daemon started (pid %s, socket %s, log %s)\n", msg + 3, cf->sock, cf->logfile);
        return 0;
    }
    if (!strncmp(msg, "RUNNING ", 8)) {
        pd_say(1, "pyexpr daemon already running (pid %s, socket %s)\n", msg + 8, cf->sock);
        return 0;
    }
    if (!strncmp(msg, "ERR ", 4)) pd_say(2, "pyexpr: cannot start the daemon: %s\n", msg + 4);
    else pd_say(2, "pyexpr: the daemon did not report start-up (see %s)\n", cf->logfile);
    return 1;
}
