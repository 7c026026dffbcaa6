/*
 * conn.c - connections: framing, reads and writes, the EPOLLONESHOT hand-
 * off, accept.
 * Part of the daemon (csrc/daemon/, docs/daemon.md); shared declarations
 * in daemon_internal.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "daemon_internal.h"

/* ------------------------------------------------------------------ */
/* Connections                                                         */
/* ------------------------------------------------------------------ */

void pd_conn_close(daemon_t *d, conn *c) {
    pthread_mutex_lock(&d->reg_mu);
    c->prev->next = c->next;
    c->next->prev = c->prev;
    pthread_mutex_unlock(&d->reg_mu);
    if (close(c->fd) < 0 && errno != EINTR) pd_log("close: %s", strerror(errno));
    atomic_fetch_sub(&d->nconns, 1);
    pd_dbuf_free(&c->in);
    pd_dbuf_free(&c->out);
    free(c);
}

/* A framing error: log, answer with BAD_REQUEST (best effort), and close
 * once that is sent. Input is dropped. */
static void conn_proto_error(daemon_t *d, conn *c, const char *fmt, ...) PD_PRINTF(3, 4);
static void conn_proto_error(daemon_t *d, conn *c, const char *fmt, ...) {
    char msg[256], line[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    atomic_fetch_add(&d->n_proto, 1);
    atomic_fetch_add(&d->n_errors, 1);
    pd_log("conn %" PRIu64 " (pid %ld): %s; closing connection", c->id, (long)c->peer_pid, msg);
    snprintf(line, sizeof line, "pyexpr daemon: %s\n", msg);
    (void)pd_resp_simple(&c->out, ST_BAD_REQUEST, 1, NULL, 0, line);
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
        pd_handle_frame(w, c, p + 4, flen);
        in->off += 4 + (size_t)flen;
    }
    if (in->off == in->len) {
        dbuf_clear(in);
        if (in->cap > BUF_KEEP) pd_dbuf_free(in);
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
    if (c->out.cap > BUF_KEEP) pd_dbuf_free(&c->out);
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
    if (pd_dbuf_reserve(in, want)) return -3;
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
        pd_log("conn %" PRIu64 ": epoll_ctl: %s; closing", id, strerror(e));
        pd_conn_close(d, c);
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
void pd_conn_serve(worker *w, conn *c) {
    daemon_t *d = w->d;
    bool may_read = true, progress = false;
    conn_acquire(c);
    for (;;) {
        conn_frames(w, c);
        if (dbuf_avail(&c->out)) {
            int f = conn_flush(c);
            if (f < 0) {
                if (!atomic_load(&c->timed_out))
                    pd_log("conn %" PRIu64 " (pid %ld): send failed (%s) with %zu response bytes "
                         "unsent; closing",
                         c->id, (long)c->peer_pid, strerror(errno), dbuf_avail(&c->out));
                pd_conn_close(d, c);
                return;
            }
            progress |= f > 0;
        }
        if (c->closing) {
            if (!dbuf_avail(&c->out)) {
                pd_conn_close(d, c);
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
                pd_log("conn %" PRIu64 " (pid %ld): client disconnected mid-request (%zu bytes of an "
                     "unfinished frame dropped)",
                     c->id, (long)c->peer_pid, dbuf_avail(&c->in));
            }
            pd_conn_close(d, c);
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
            pd_log("conn %" PRIu64 ": out of memory for input; closing", c->id);
        } else if (!atomic_load(&c->timed_out)) {
            pd_log("conn %" PRIu64 " (pid %ld): read failed: %s; closing", c->id, (long)c->peer_pid,
                 strerror(errno));
        }
        pd_conn_close(d, c);
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
void pd_accept(worker *w) {
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
            pd_log("accept: %s", strerror(errno));
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                struct timespec ts = {0, 10 * 1000000}; /* let some connections close */
                nanosleep(&ts, NULL);
            }
            break;
        }
        struct ucred cr;
        socklen_t cl = sizeof cr;
        if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &cl) < 0) {
            pd_log("SO_PEERCRED: %s; connection refused", strerror(errno));
            close(fd);
            atomic_fetch_add(&d->n_rejected, 1);
            continue;
        }
        if (cr.uid != geteuid()) {
            pd_log("connection from uid %u (pid %ld) rejected: only uid %u may connect", (unsigned)cr.uid,
                 (long)cr.pid, (unsigned)geteuid());
            close(fd);
            atomic_fetch_add(&d->n_rejected, 1);
            continue;
        }
        if (atomic_load(&d->nconns) >= d->conf.max_conns) {
            pd_log("connection from pid %ld rejected: %u connections open (--max-connections)",
                 (long)cr.pid, d->conf.max_conns);
            close(fd);
            atomic_fetch_add(&d->n_rejected, 1);
            continue;
        }
        conn *c = calloc(1, sizeof *c);
        if (!c) {
            pd_log("out of memory for a connection; refused");
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
            pd_log("epoll_ctl(ADD): %s; connection dropped", strerror(errno));
            pd_conn_close(d, c);
        }
    }
    struct epoll_event ev = {0};
    ev.events = EPOLLIN | EPOLLONESHOT;
    ev.data.ptr = &d->listen_tag;
    if (epoll_ctl(d->ep, EPOLL_CTL_MOD, d->listen_fd, &ev) < 0)
        pd_log("epoll_ctl(listen): %s", strerror(errno));
    pthread_mutex_unlock(&d->listen_mu);
}
