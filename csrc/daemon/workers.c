/*
 * workers.c - worker threads: the epoll loop, starting, reaping, growing
 * under load.
 * Part of the daemon (csrc/daemon/, docs/daemon.md); shared declarations
 * in daemon_internal.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>

#include "daemon_internal.h"

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
            pd_log("worker %u: epoll_wait: %s; worker exits", w->idx, strerror(errno));
            break;
        }
        if (n == 0) {
            if (w->extra && now_ns() - last_active > EXTRA_IDLE_NS) break;
            continue;
        }
        last_active = now_ns();
        if (ev.data.ptr == &d->wake_tag) continue;
        if (ev.data.ptr == &d->listen_tag) pd_accept(w);
        else pd_conn_serve(w, ev.data.ptr);
    }
    atomic_store(&w->state, W_EXITED);
    return NULL;
}

void pd_worker_free(worker *w) {
    if (!w) return;
    pe_state_free(w->S);
    dbuf *bufs[] = WORKER_BUFS(w);
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++) pd_dbuf_free(bufs[i]);
    free(w->gsnap);
    free(w);
}

/* Starts a worker in a free slot. 0 ok, -1 (logged) otherwise. */
int pd_spawn_worker(daemon_t *d, bool extra) {
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
    if (!w || !(w->S = pd_worker_state_new(d))) {
        free(w);
        pd_log("out of memory starting a worker");
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
        pd_log("pthread_create: %s", strerror(e));
        pd_worker_free(w);
        return -1;
    }
    pthread_mutex_lock(&d->workers_mu);
    d->workers[slot] = w;
    pthread_mutex_unlock(&d->workers_mu);
    return 0;
}

/* Joins workers that left (idle extras). */
void pd_reap_workers(daemon_t *d) {
    for (unsigned i = 0; i < d->conf.max_workers; i++) {
        worker *w = d->workers[i];
        if (!w || atomic_load(&w->state) != W_EXITED) continue;
        pthread_join(w->th, NULL);
        pthread_mutex_lock(&d->workers_mu);
        d->workers[i] = NULL;
        pthread_mutex_unlock(&d->workers_mu);
        if (w->extra) pd_log("extra worker %u idle; stopped", i);
        pd_worker_free(w);
    }
}

/* While every worker has been inside one request for STUCK_NS (slow
 * scripts, or native work that cannot see the deadline), add one. */
void pd_maybe_grow(daemon_t *d, int64_t now) {
    unsigned running = 0, stuck = 0;
    for (unsigned i = 0; i < d->conf.max_workers; i++) {
        worker *w = d->workers[i];
        if (!w || atomic_load(&w->state) != W_RUNNING) continue;
        running++;
        int64_t b = atomic_load(&w->busy_since);
        if (b && now - b > STUCK_NS) stuck++;
    }
    if (running && stuck == running && running < d->conf.max_workers) {
        if (pd_spawn_worker(d, true) == 0)
            pd_log("all %u workers busy for over %lld ms: started worker %u", running,
                 (long long)(STUCK_NS / 1000000), running + 1);
    }
}
