/*
 * start.c - start-up: pidfile lock, listening socket, threads.
 * Part of the daemon (csrc/daemon/, docs/daemon.md); shared declarations
 * in daemon_internal.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "daemon_internal.h"

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
        pd_log("replacing stale pidfile %s (pid %ld %s)", d->conf.pidfile, old,
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
int pd_connect_unix(const char *path, double timeout) {
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
        int fd = pd_connect_unix(path, 2.0);
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
        pd_log("removed stale socket %s (no daemon was listening)", path);
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
int pd_daemon_run(dconf *cf, int ready_fd) {
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
        if (ready_fd >= 0) pd_say(ready_fd, "RUNNING %ld\n", other);
        else pd_say(2, "pyexpr: a daemon is already running (pid %ld, pidfile %s)\n", other, cf->pidfile);
        return ready_fd >= 0 ? 0 : 1;
    }
    if (lk < 0 || open_listener(d, err, sizeof err) < 0) goto fail;
    d->cache = pe_cache_new(cf->cache_entries, cf->cache_bytes);
    d->exc_limit = pe_exception_type_lookup("LimitError");
    d->exc_kbi = pe_exception_type_lookup("KeyboardInterrupt");
    d->exc_memory = pe_exception_type_lookup("MemoryError");
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
    pthread_mutex_init(&d->sess_mu, NULL);
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
    pd_log("pyexpr %s daemon listening on %s (pid %ld, %u workers, timeout %g s, max_memory %zu, "
         "memory_budget %zu)",
         PYEXPR_VERSION, cf->sock, (long)getpid(), cf->workers, cf->limits.timeout,
         cf->limits.max_memory, cf->memory_budget);
    for (unsigned i = 0; i < cf->workers; i++) {
        if (pd_spawn_worker(d, false) < 0) {
            snprintf(err, sizeof err, "cannot start worker threads");
            atomic_store(&d->stopping, 1);
            pd_begin_stop(d, "start-up failure");
            pd_supervise(d);
            if (ready_fd >= 0) pd_say(ready_fd, "ERR %s\n", err);
            return 1;
        }
    }
    if (ready_fd >= 0) {
        pd_say(ready_fd, "OK %ld\n", (long)getpid());
        close(ready_fd);
    }
    return pd_supervise(d);
fail:
    pd_log("cannot start: %s", err);
    if (ready_fd >= 0) pd_say(ready_fd, "ERR %s\n", err);
    else pd_say(2, "pyexpr: cannot start the daemon: %s\n", err);
    if (d->listen_fd >= 0) {
        close(d->listen_fd);
        pd_unlink_if_ours(cf->sock, d->sock_ino);
    }
    if (d->pid_fd >= 0) {
        pd_unlink_if_ours(cf->pidfile, d->pid_ino);
        close(d->pid_fd);
    }
    if (d->ep >= 0) close(d->ep);
    if (d->wake_fd >= 0) close(d->wake_fd);
    pe_cache_free(d->cache);
    free(d->workers);
    return 1;
}
