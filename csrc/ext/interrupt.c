/*
 * interrupt.c - Ctrl-C while a run has released the GIL (pe_interrupt from
 * a chained SIGINT handler, Python's handlers run by the interrupt hook).
 */
#include "ext_internal.h"

#include <errno.h>

#if PX_HAVE_SIGACTION
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <time.h>
#endif

/*
 * A program that runs with the GIL released in the main thread must stop on
 * Ctrl-C as Python code does. While such a run lasts, a SIGINT handler is
 * chained in front of the current one (Python's): it calls pe_interrupt on
 * the running state (async-signal-safe), which the VM's limit check polls at
 * every loop back-edge and call, then calls the previous handler, which
 * records the signal for Python. The VM then calls the interrupt hook
 * px_on_interrupt (pe_set_interrupt_hook), which takes the GIL
 * and runs Python's signal handlers (PyErr_CheckSignals) where CPython would
 * run them: between two bytecodes. What they raise (KeyboardInterrupt from
 * the default handler) enters the program like a host function's exception
 * and leaves the run as the very same object; a handler that returns lets
 * the program go on. The previous handler is put back when the run ends
 * (unless a host function installed another one meanwhile).
 *
 * sigaction costs about a microsecond per call here, more than a short run,
 * so runs do not install the handler themselves: a run only publishes its
 * flag (a mutex and two stores), and a watcher thread, which ticks every
 * PX_SIG_TICK_MS while main-thread runs happen and sleeps otherwise,
 * installs the handler for a run that has lasted a tick. A SIGINT in a run's
 * first tick only reaches Python's handler: Python raises KeyboardInterrupt
 * when the run returns (or a second Ctrl-C interrupts it).
 *
 * Signal dispositions are process-wide, so this is the extension's only
 * process-global mutable data (under px_sig_mu; the handler reads
 * px_sig_run and px_sig_prev only). Nothing is installed when SIGINT is
 * ignored or has its default action, for "cheap" runs (which keep the GIL
 * and end in bounded time) or in other threads (Python delivers
 * KeyboardInterrupt to the main thread only).
 */
#if PX_HAVE_SIGACTION
#define PX_SIG_TICK_MS 20
#define PX_SIG_IDLE_TICKS 50 /* the watcher sleeps after a second without runs */

static pthread_mutex_t px_sig_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t px_sig_cv = PTHREAD_COND_INITIALIZER;
static pe_state *_Atomic px_sig_run; /* the state of the main thread's run, or NULL */
static struct sigaction px_sig_prev;       /* the handler chained behind ours */
static uint64_t px_sig_gen;                /* main-thread runs started */
static unsigned px_sig_depth;              /* nested main-thread runs */
static bool px_sig_installed, px_sig_watching, px_sig_idle;

static void px_sigint(int sig, siginfo_t *info, void *uc) {
    int saved = errno;
    pe_state *S = atomic_load(&px_sig_run);
    if (S) pe_interrupt(S);
    if (px_sig_prev.sa_flags & SA_SIGINFO) {
        if (px_sig_prev.sa_sigaction) px_sig_prev.sa_sigaction(sig, info, uc);
    } else if (px_sig_prev.sa_handler != SIG_DFL && px_sig_prev.sa_handler != SIG_IGN) {
        px_sig_prev.sa_handler(sig);
    }
    errno = saved;
}

/* (px_sig_mu held) Chains px_sigint in front of the current handler. */
static bool px_sig_install(void) {
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = px_sigint;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    /* swap in one call, so that a handler installed meanwhile by the main
     * thread (signal.signal in a host function) cannot be lost */
    if (sigaction(SIGINT, &sa, &old) != 0) return false;
    if (!(old.sa_flags & SA_SIGINFO) && (old.sa_handler == SIG_DFL || old.sa_handler == SIG_IGN)) {
        sigaction(SIGINT, &old, NULL); /* ignored or fatal: nothing to chain to */
        return false;
    }
    px_sig_prev = old; /* (until here a SIGINT sees the previous run's: the same, Python's) */
    px_sig_installed = true;
    return true;
}

/* (px_sig_mu held) Puts the previous handler back. */
static void px_sig_uninstall(void) {
    struct sigaction cur;
    px_sig_installed = false;
    if (sigaction(SIGINT, &px_sig_prev, &cur) == 0 &&
        ((cur.sa_flags & SA_SIGINFO) == 0 || cur.sa_sigaction != px_sigint))
        sigaction(SIGINT, &cur, NULL); /* a host function installed its own: keep it */
}

/* The watcher thread (never touches Python). */
static void *px_sig_watch(void *arg) {
    (void)arg;
    unsigned idle = 0;
    uint64_t declined = 0;
    pthread_mutex_lock(&px_sig_mu);
    for (;;) {
        if (!atomic_load(&px_sig_run)) {
            if (++idle > PX_SIG_IDLE_TICKS) {
                px_sig_idle = true;
                while (px_sig_idle) pthread_cond_wait(&px_sig_cv, &px_sig_mu);
                idle = 0;
                continue;
            }
        } else {
            idle = 0;
        }
        uint64_t gen = px_sig_gen;
        bool running = atomic_load(&px_sig_run) != NULL;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += PX_SIG_TICK_MS * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&px_sig_cv, &px_sig_mu, &ts);
        /* the same run for a whole tick: arm Ctrl-C. (No interrupt is
         * requested here: only a real SIGINT requests one.) */
        if (running && atomic_load(&px_sig_run) && gen == px_sig_gen && !px_sig_installed &&
            declined != gen && !px_sig_install())
            declined = gen;
    }
    return NULL;
}

static void px_sig_atfork_child(void) {
    /* the child has no watcher; the lock may have been held by it */
    pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
    memcpy(&px_sig_mu, &mu, sizeof mu);
    memcpy(&px_sig_cv, &cv, sizeof cv);
    px_sig_watching = false;
    px_sig_idle = false;
}

/* (px_sig_mu held) Starts the watcher with every signal blocked. */
static void px_sig_start_watcher(void) {
    static bool atfork;
    if (!atfork) atfork = pthread_atfork(NULL, NULL, px_sig_atfork_child) == 0;
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    pthread_t t;
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) == 0) {
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        pthread_attr_setstacksize(&attr, 64 * 1024);
        px_sig_watching = pthread_create(&t, &attr, px_sig_watch, NULL) == 0;
        pthread_attr_destroy(&attr);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}
#endif

/* The interrupt hook (pe_set_interrupt_hook): run Python's signal handlers. */
static int px_on_interrupt(pe_state *S, void *ud) {
    px_ctx *c = ud;
    (void)S;
    PyThreadState *ts;
    px_gil_acquire(c, &ts);
    if (c->olen) px_flush(c);
    int r = 0;
    if (PyErr_CheckSignals() < 0) {
        px_host_failed(c->ms, c);
        r = -1;
    }
    px_gil_restore(c, ts);
    return r;
}

/* Publishes a run of c in this thread for Ctrl-C (GIL held). */
void px_sig_enter(px_mod *ms, px_ctx *c, px_sigsave *sv) {
    sv->active = false;
    sv->prev = NULL;
#if PX_HAVE_SIGACTION
    if (!ms->signals || PyThread_get_thread_ident() != ms->main_ident) return;
    sv->active = true;
    pe_set_interrupt_hook(c->S, px_on_interrupt, c);
    pthread_mutex_lock(&px_sig_mu);
    sv->prev = atomic_load(&px_sig_run);
    atomic_store(&px_sig_run, c->S);
    px_sig_gen++;
    px_sig_depth++;
    if (!px_sig_watching) {
        px_sig_start_watcher();
    } else if (px_sig_idle) {
        px_sig_idle = false;
        pthread_cond_signal(&px_sig_cv);
    }
    pthread_mutex_unlock(&px_sig_mu);
#else
    (void)ms;
    (void)c;
    (void)px_on_interrupt;
#endif
}

void px_sig_leave(px_ctx *c, const px_sigsave *sv) {
#if PX_HAVE_SIGACTION
    if (!sv->active) return;
    pthread_mutex_lock(&px_sig_mu);
    atomic_store(&px_sig_run, sv->prev);
    if (--px_sig_depth == 0 && px_sig_installed) px_sig_uninstall();
    pthread_mutex_unlock(&px_sig_mu);
    pe_set_interrupt_hook(c->S, NULL, NULL);
#else
    (void)c;
    (void)sv;
#endif
}
