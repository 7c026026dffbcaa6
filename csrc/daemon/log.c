/*
 * log.c - the daemon log: one write(2) per line, rate limited.
 * Part of the daemon (csrc/daemon/, docs/daemon.md); shared declarations
 * in daemon_internal.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "daemon_internal.h"

/* ------------------------------------------------------------------ */
/* Logging: one write(2) per line to fd 2 (the log file when detached), */
/* at most LOG_RATE lines a second (the rest are counted, then reported) */
/* ------------------------------------------------------------------ */

#define LOG_RATE 200
static _Atomic int64_t log_sec;
static _Atomic unsigned log_count, log_dropped;

void pd_log(const char *fmt, ...) {
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
    (void)pd_write_all(2, buf, n);
}
