/*
 * mod_time.c - `_time`: the clocks and sleep() behind the `time` module
 * (csrc/lib/time.py, which adds struct_time, gmtime and strftime) and
 * datetime's now()/today().
 *
 *   time(), time_ns()                   the wall clock (UTC seconds since the epoch):
 *                                       the host's pe_set_clock hook, else the real one
 *   monotonic(), monotonic_ns()         CLOCK_MONOTONIC
 *   perf_counter(), perf_counter_ns()   CLOCK_MONOTONIC (CPython's choice on Linux)
 *   process_time(), process_time_ns()   CLOCK_PROCESS_CPUTIME_ID
 *   sleep(secs)                         waits; the wait counts against the run's
 *                                       timeout (a sleep past the deadline ends in
 *                                       the time LimitError when the deadline
 *                                       comes) and Ctrl-C interrupts it
 */
#include <errno.h>
#include <math.h>
#include <time.h>

#include "cont_internal.h"
#include "pe_dunder.h"
#include "pe_module.h"

#define TFN(name) PE_MODFN(name)

/* The clock id's reading in ns; the wall clock is the host's hook when one
 * is set (pe_set_clock). */
static int64_t clock_ns(pe_state *S, clockid_t id) {
    if (id == CLOCK_REALTIME && S->clock_fn) return S->clock_fn(S->clock_ud);
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0) return 0;
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* One clock function: fname() -> float seconds or int nanoseconds. */
static int clock_result(pe_state *S, const char *fname, int argc, pe_obj *kw, clockid_t id,
                        int ns, pe_val *out) {
    if (pe_cont_noargs(S, fname, argc, kw)) return -1;
    int64_t t = clock_ns(S, id);
    *out = ns ? pe_int(t) : pe_float((double)t * 1e-9);
    return 0;
}

#define CLOCK_FN(fn, pyname, id, ns)                                                           \
    TFN(fn) {                                                                                  \
        (void)argv;                                                                            \
        return clock_result(S, pyname, argc, kw, id, ns, out);                                 \
    }

CLOCK_FN(t_time, "time", CLOCK_REALTIME, 0)
CLOCK_FN(t_time_ns, "time_ns", CLOCK_REALTIME, 1)
CLOCK_FN(t_monotonic, "monotonic", CLOCK_MONOTONIC, 0)
CLOCK_FN(t_monotonic_ns, "monotonic_ns", CLOCK_MONOTONIC, 1)
CLOCK_FN(t_perf_counter, "perf_counter", CLOCK_MONOTONIC, 0)
CLOCK_FN(t_perf_counter_ns, "perf_counter_ns", CLOCK_MONOTONIC, 1)
CLOCK_FN(t_process_time, "process_time", CLOCK_PROCESS_CPUTIME_ID, 0)
CLOCK_FN(t_process_time_ns, "process_time_ns", CLOCK_PROCESS_CPUTIME_ID, 1)

/* sleep(secs): CPython's argument checks and messages, then a wait in
 * slices of at most 50 ms so that Ctrl-C and the run's deadline end it. */
TFN(t_sleep) {
    if (pe_cont_onearg(S, "time.sleep", argc, kw)) return -1;
    pe_val a = argv[0];
    double secs;
    if (a.tag == PE_TFLOAT) {
        secs = a.u.f;
        if (isnan(secs)) return pe_raise(S, PE_EXC(ValueError), "Invalid value NaN (not a number)");
    } else if (a.tag == PE_TINT || a.tag == PE_TBOOL) {
        secs = (double)a.u.i;
    } else if (pe_is_intlike(a)) {
        secs = pe_int_sign(a) < 0 ? -1.0 : 1e300;
    } else {
        return pe_raise_not_index(S, a);
    }
    if (secs < 0) return pe_raise(S, PE_EXC(ValueError), "sleep length must be non-negative");
    if (secs > 9.2e9)
        return pe_raise(S, PE_EXC(OverflowError), "timestamp too large to convert to C _PyTime_t");
    double end = pe_now() + secs;
    for (;;) {
        if (pe_check_interrupt_and_time(S)) return -1;
        double left = end - pe_now();
        if (left <= 0) break;
        if (left > 0.05) left = 0.05;
        if (S->deadline > 0) {
            double to_deadline = S->deadline - pe_now();
            if (to_deadline < left) left = to_deadline > 0 ? to_deadline : 0;
        }
        struct timespec ts = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
        while (nanosleep(&ts, &ts) != 0 && errno == EINTR && !S->interrupted) {
        }
    }
    *out = pe_none();
    return 0;
}

static const pe_cfunc time_functions[] = {
    PE_METHOD("monotonic", t_monotonic), PE_METHOD("monotonic_ns", t_monotonic_ns),
    PE_METHOD("perf_counter", t_perf_counter), PE_METHOD("perf_counter_ns", t_perf_counter_ns),
    PE_METHOD("process_time", t_process_time), PE_METHOD("process_time_ns", t_process_time_ns),
    PE_METHOD("sleep", t_sleep), PE_METHOD("time", t_time), PE_METHOD("time_ns", t_time_ns),
    PE_METHOD_END,
};

int pe_mod_time_init(pe_state *S, pe_val mod) {
    return pe_module_add_functions(S, mod, time_functions);
}
