/*
 * procpool.c - worker PROCESSES for front ends that must survive a crash
 * of the engine (the MCP server, csrc/mcp/): a child made by fork(2) that
 * talks to its parent over a socketpair with length-prefixed frames
 * (u32 little-endian length, then the body). The daemon's own workers are
 * threads (workers.c); this is the process flavour of the same machinery,
 * sharing its buffers (dbuf) and readers (rd).
 *
 * The parent keeps one pd_proc per child: pd_proc_spawn starts it,
 * pd_proc_send writes a frame, pd_proc_read / pd_proc_frame collect the
 * answer without blocking (the parent polls p->fd), pd_proc_kill ends it
 * (SIGKILL, reaped). The child runs fn(fd, ud) and exits with its status;
 * it reads its requests with pd_frame_read and answers with pd_frame_write.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon_internal.h"

int pd_frame_write(int fd, const void *body, size_t n) {
    unsigned char h[4];
    if (n > UINT32_MAX) return -1;
    put_le32(h, (uint32_t)n);
    return pd_write_all(fd, h, 4) || pd_write_all(fd, body, n) ? -1 : 0;
}

/* Blocking: the next frame's body into b (cleared first). 1 a frame, 0 EOF
 * before one, -1 error or a frame over max bytes. */
int pd_frame_read(int fd, dbuf *b, size_t max) {
    unsigned char h[4];
    size_t got = 0;
    dbuf_clear(b);
    while (got < 4) {
        ssize_t r = read(fd, h + got, 4 - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return r == 0 && got == 0 ? 0 : -1;
        got += (size_t)r;
    }
    size_t n = get_le32(h);
    if (n > max || pd_dbuf_reserve(b, n + 1)) return -1;
    while (b->len < n) {
        ssize_t r = read(fd, b->p + b->len, n - b->len);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        b->len += (size_t)r;
    }
    b->p[b->len] = 0;
    return 1;
}

int pd_proc_spawn(pd_proc *p, pd_child_fn fn, void *ud) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(sv[0]);
        close(sv[1]);
        return -1;
    }
    if (pid == 0) {
        close(sv[0]);
        /* the child dies with its parent, never outlives it */
        (void)prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() == 1) _exit(0);
        _exit(fn(sv[1], ud));
    }
    close(sv[1]);
    (void)fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
    p->pid = pid;
    p->fd = sv[0];
    p->calls = 0;
    dbuf_clear(&p->in);
    return 0;
}

int pd_proc_status(pd_proc *p) {
    int st = 0;
    if (p->pid > 0) {
        while (waitpid(p->pid, &st, 0) < 0 && errno == EINTR) {
        }
    }
    return st;
}

int pd_proc_kill(pd_proc *p) {
    int st = 0;
    if (p->pid > 0) {
        (void)kill(p->pid, SIGKILL);
        st = pd_proc_status(p);
    }
    if (p->fd >= 0) close(p->fd);
    p->pid = -1;
    p->fd = -1;
    dbuf_clear(&p->in);
    return st;
}

int pd_proc_send(pd_proc *p, const void *body, size_t n) {
    /* the socket is non-blocking for reading: write in blocking mode */
    int fl = fcntl(p->fd, F_GETFL);
    (void)fcntl(p->fd, F_SETFL, fl & ~O_NONBLOCK);
    int r = pd_frame_write(p->fd, body, n);
    (void)fcntl(p->fd, F_SETFL, fl);
    if (!r) p->calls++;
    return r;
}

/* Reads what is available into p->in. 0 ok (maybe nothing), -1 EOF or
 * error (the child is gone). */
int pd_proc_read(pd_proc *p) {
    for (;;) {
        if (pd_dbuf_reserve(&p->in, READ_CHUNK)) return -1;
        ssize_t r = read(p->fd, p->in.p + p->in.len, p->in.cap - p->in.len);
        if (r > 0) {
            p->in.len += (size_t)r;
            continue;
        }
        if (r < 0 && errno == EINTR) continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
        return -1;
    }
}

/* 1 with *body / *n set to a complete frame in p->in (valid until the
 * next pd_proc_read; consume it with pd_proc_consume), else 0. */
int pd_proc_frame(pd_proc *p, const char **body, size_t *n) {
    if (dbuf_avail(&p->in) < 4) return 0;
    size_t len = get_le32((const unsigned char *)p->in.p + p->in.off);
    if (dbuf_avail(&p->in) - 4 < len) return 0;
    *body = p->in.p + p->in.off + 4;
    *n = len;
    return 1;
}

void pd_proc_consume(pd_proc *p, size_t n) {
    p->in.off += 4 + n;
    if (p->in.off == p->in.len) dbuf_clear(&p->in);
}
