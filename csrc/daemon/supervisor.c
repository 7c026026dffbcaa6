/*
 * supervisor.c - the supervisor: signals, I/O deadlines, graceful stop.
 * Part of the daemon (csrc/daemon/, docs/daemon.md); shared declarations
 * in daemon_internal.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "daemon_internal.h"

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
        pd_log("conn %" PRIu64 " (pid %ld): no I/O progress for %g s (client not reading its "
             "response, or stalled mid-frame); dropping it",
             c->id, (long)c->peer_pid, d->conf.io_timeout);
        if (shutdown(c->fd, SHUT_RDWR) < 0) pd_log("shutdown: %s", strerror(errno));
    }
    pthread_mutex_unlock(&d->reg_mu);
}

/* Only remove path if it is still the file we created. */
void pd_unlink_if_ours(const char *path, ino_t ino) {
    struct stat st;
    if (ino && lstat(path, &st) == 0 && st.st_ino == ino && unlink(path) < 0)
        pd_log("unlink %s: %s", path, strerror(errno));
}

/* Graceful stop, part 1: no new connections; every connection's read side
 * is shut so idle clients see EOF, while requests already being run
 * finish and their responses are sent. */
void pd_begin_stop(daemon_t *d, const char *why) {
    atomic_store(&d->stopping, 1);
    pthread_mutex_lock(&d->budget_mu); /* requests waiting for budget give up */
    pthread_cond_broadcast(&d->budget_cv);
    pthread_mutex_unlock(&d->budget_mu);
    d->stop_deadline = now_ns() + (int64_t)(d->conf.stop_timeout * 1e9);
    pd_log("stopping (%s): finishing in-flight requests", why);
    pthread_mutex_lock(&d->listen_mu);
    if (d->listen_fd >= 0) {
        if (epoll_ctl(d->ep, EPOLL_CTL_DEL, d->listen_fd, NULL) < 0)
            pd_log("epoll_ctl(DEL listen): %s", strerror(errno));
        close(d->listen_fd);
        d->listen_fd = -1;
        pd_unlink_if_ours(d->conf.sock, d->sock_ino);
    }
    pthread_mutex_unlock(&d->listen_mu);
    pthread_mutex_lock(&d->reg_mu);
    for (conn *c = d->reg.next; c != &d->reg; c = c->next)
        if (shutdown(c->fd, SHUT_RD) < 0 && errno != ENOTCONN) pd_log("shutdown: %s", strerror(errno));
    pthread_mutex_unlock(&d->reg_mu);
}

static void reopen_log(daemon_t *d) {
    if (d->conf.foreground && !d->conf.logfile_set) return;
    int fd = open(d->conf.logfile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        pd_log("SIGHUP: cannot reopen %s: %s", d->conf.logfile, strerror(errno));
        return;
    }
    if (dup2(fd, 2) < 0 || (!d->conf.foreground && dup2(fd, 1) < 0))
        pd_log("dup2: %s", strerror(errno));
    close(fd);
    pd_log("log reopened (SIGHUP)");
}

/* Supervises until stopped; then stops workers and frees everything.
 * Returns the process exit status. */
int pd_supervise(daemon_t *d) {
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
                pd_begin_stop(d, name);
            } else {
                pd_log("%s again: not waiting for in-flight requests", name);
                forced = true;
            }
        } else if (sig == SIGHUP) {
            reopen_log(d);
        } else if (sig < 0 && errno != EAGAIN && errno != EINTR) {
            pd_log("sigtimedwait: %s", strerror(errno));
        }
        int64_t now = now_ns();
        sweep_deadlines(d, now);
        pd_sessions_expire(d, now);
        pd_reap_workers(d);
        if (!atomic_load(&d->stopping)) {
            pd_maybe_grow(d, now);
            continue;
        }
        if (atomic_load(&d->nconns) == 0 || forced) break;
        if (now >= d->stop_deadline) {
            pd_log("stop timeout (%g s): %u connection(s) still open", d->conf.stop_timeout,
                 atomic_load(&d->nconns));
            break;
        }
    }
    /* part 2: stop the workers */
    atomic_store_explicit(&d->exiting, 1, memory_order_release);
    uint64_t one = 1;
    if (write(d->wake_fd, &one, sizeof one) < 0) pd_log("eventfd write: %s", strerror(errno));
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
        pd_worker_free(w);
    }
    pd_unlink_if_ours(d->conf.pidfile, d->pid_ino);
    if (stuck) {
        /* a worker is inside native code that never checks limits: its
         * state cannot be freed safely; leave without tidying memory */
        pd_log("%u worker(s) still busy; exiting without waiting for them", stuck);
        _exit(0);
    }
    for (conn *c = d->reg.next, *n; c != &d->reg; c = n) {
        n = c->next;
        pd_conn_close(d, c);
    }
    pd_sessions_free(d);
    pe_cache_free(d->cache);
    free(d->workers);
    close(d->ep);
    close(d->wake_fd);
    close(d->pid_fd);
    pd_log("stopped (served %" PRIu64 " requests)", atomic_load(&d->n_requests));
    pthread_mutex_destroy(&d->listen_mu);
    pthread_mutex_destroy(&d->reg_mu);
    pthread_mutex_destroy(&d->workers_mu);
    pthread_mutex_destroy(&d->budget_mu);
    pthread_mutex_destroy(&d->sess_mu);
    pthread_cond_destroy(&d->budget_cv);
    return 0;
}
