/*
 * sessions.c - daemon sessions (docs/daemon.md "Sessions"): a RUN frame
 * with the SESSION flag names a session; its globals live on between
 * requests, as at the MCP server's run_python (docs/mcp.md) and at Python's
 * prompt. Each session has its own interpreter state (pe_session), so it
 * can be run by whichever worker thread takes the request: one request at
 * a time (run_mu), the table under sess_mu. Sessions idle for
 * DEF_SESSION_IDLE are dropped by the supervisor; at most DEF_MAX_SESSIONS
 * live at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon_internal.h"

static void sess_free(dsess *s) {
    pe_session_free(s->S, s->sess);
    pe_state_free(s->S);
    pthread_mutex_destroy(&s->run_mu);
    free(s->id);
    free(s);
}

dsess *pd_session_acquire(daemon_t *d, const char *id, size_t n, char *err, size_t esz) {
    pthread_mutex_lock(&d->sess_mu);
    dsess *s = d->sessions;
    while (s && !(s->idlen == n && !memcmp(s->id, id, n))) s = s->next;
    if (!s) {
        if (d->nsessions >= DEF_MAX_SESSIONS) {
            pthread_mutex_unlock(&d->sess_mu);
            snprintf(err, esz, "too many sessions (at most %d): drop one first", DEF_MAX_SESSIONS);
            return NULL;
        }
        s = calloc(1, sizeof *s);
        if (s && (s->id = malloc(n + 1)) && (s->S = pd_worker_state_new(d)) &&
            (s->sess = pe_session_new(s->S))) {
            memcpy(s->id, id, n);
            s->id[n] = 0;
            s->idlen = n;
            pthread_mutex_init(&s->run_mu, NULL);
            s->next = d->sessions;
            d->sessions = s;
            d->nsessions++;
        } else {
            if (s && s->S) pe_state_free(s->S);
            if (s) free(s->id);
            free(s);
            pthread_mutex_unlock(&d->sess_mu);
            snprintf(err, esz, "out of memory creating a session");
            return NULL;
        }
    }
    s->refs++;
    pthread_mutex_unlock(&d->sess_mu);
    pthread_mutex_lock(&s->run_mu); /* requests of one session run one at a time */
    return s;
}

/* Unlinks s (under sess_mu); freed now if idle, else by its last release. */
static void unlink_locked(daemon_t *d, dsess *s) {
    for (dsess **pp = &d->sessions; *pp; pp = &(*pp)->next)
        if (*pp == s) {
            *pp = s->next;
            d->nsessions--;
            s->dropped = true;
            break;
        }
    if (!s->refs) sess_free(s);
}

void pd_session_release(daemon_t *d, dsess *s) {
    s->last = now_ns();
    pthread_mutex_unlock(&s->run_mu);
    pthread_mutex_lock(&d->sess_mu);
    if (--s->refs == 0 && s->dropped) sess_free(s);
    pthread_mutex_unlock(&d->sess_mu);
}

int pd_session_drop(daemon_t *d, const char *id, size_t n) {
    pthread_mutex_lock(&d->sess_mu);
    dsess *s = d->sessions;
    while (s && !(s->idlen == n && !memcmp(s->id, id, n))) s = s->next;
    if (s) unlink_locked(d, s);
    pthread_mutex_unlock(&d->sess_mu);
    return s != NULL;
}

void pd_sessions_expire(daemon_t *d, int64_t now) {
    pthread_mutex_lock(&d->sess_mu);
    for (dsess *s = d->sessions, *next; s; s = next) {
        next = s->next;
        if (!s->refs && now - s->last > (int64_t)(DEF_SESSION_IDLE * 1e9)) unlink_locked(d, s);
    }
    pthread_mutex_unlock(&d->sess_mu);
}

void pd_sessions_free(daemon_t *d) {
    while (d->sessions) {
        dsess *s = d->sessions;
        d->sessions = s->next;
        sess_free(s);
    }
    d->nsessions = 0;
}
