/*
 * clock.c - the `clock=` keyword of eval/exec/Code.eval/Code.exec: the wall
 * clock the program reads (time.time(), datetime's now()/today(), ...)
 * through pe_set_clock.
 *
 *   clock=None        the host's real clock (the default)
 *   clock=SECONDS     a fixed clock: an int or float, seconds since the epoch
 *   clock=callable    a virtual clock: called with no arguments each time the
 *                     program reads the clock, returns seconds (int/float)
 *
 * With a clock set, unseeded `random` takes its seed from the clock instead
 * of the host's entropy, so a fixed clock makes a run reproducible. The
 * clock is set for one run only (states are pooled). A callable that
 * raises or returns something else fails the call with its exception after
 * the run (the engine's clock hook cannot fail: it reads 0 meanwhile).
 */
#include "ext_internal.h"

#include <math.h>

/* Parses the keyword's value. 0, or -1 with TypeError. */
int px_clock_parse(PyObject *v, px_clock *ck) {
    ck->fn = NULL;
    ck->set = v != Py_None;
    if (!ck->set) return 0;
    if (PyCallable_Check(v)) {
        ck->fn = v; /* borrowed: the caller's argument outlives the run */
        return 0;
    }
    if (!PyBool_Check(v) && (PyLong_Check(v) || PyFloat_Check(v))) {
        double t = PyFloat_AsDouble(v);
        if (t == -1.0 && PyErr_Occurred()) return -1;
        if (!(fabs(t) < 9.2e9)) {
            PyErr_SetString(PyExc_ValueError, "clock must be within 9.2e9 seconds of the epoch");
            return -1;
        }
        ck->fixed_ns = (int64_t)(t * 1e9);
        return 0;
    }
    PyErr_Format(PyExc_TypeError,
                 "clock must be None, a number of seconds or a callable, not %.200s",
                 Py_TYPE(v)->tp_name);
    return -1;
}

static int64_t px_clock_fixed(void *ud) { return ((const px_clock *)ud)->fixed_ns; }

/* The callable, with the GIL taken back if the run released it. */
static int64_t px_clock_call(void *ud) {
    px_clock *ck = ud;
    if (ck->error) return 0;
    PyThreadState *saved;
    px_gil_acquire(ck->c, &saved);
    int64_t ns = 0;
    PyObject *r = PyObject_CallNoArgs(ck->fn);
    if (r && (PyBool_Check(r) || !(PyLong_Check(r) || PyFloat_Check(r)))) {
        PyErr_Format(PyExc_TypeError, "clock() must return a number of seconds, not %.200s",
                     Py_TYPE(r)->tp_name);
        Py_CLEAR(r);
    }
    if (r) {
        double t = PyFloat_AsDouble(r);
        if (!PyErr_Occurred() && fabs(t) < 9.2e9) ns = (int64_t)(t * 1e9);
        else if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "clock() must be within 9.2e9 seconds of the epoch");
        Py_DECREF(r);
    }
    if (PyErr_Occurred()) ck->error = px_fetch_exc();
    px_gil_restore(ck->c, saved);
    return ns;
}

void px_clock_install(px_ctx *c, px_clock *ck) {
    ck->c = c;
    ck->error = NULL;
    if (ck->set) pe_set_clock(c->S, ck->fn ? px_clock_call : px_clock_fixed, ck);
}

/* Removes the clock; a failed callable's exception replaces res. */
PyObject *px_clock_finish(px_ctx *c, px_clock *ck, PyObject *res) {
    if (!ck->set) return res;
    pe_set_clock(c->S, NULL, NULL);
    if (!ck->error) return res;
    Py_XDECREF(res);
    if (PyErr_Occurred()) PyErr_Clear();
    px_restore_exc(ck->error);
    ck->error = NULL;
    return NULL;
}
