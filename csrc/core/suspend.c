/*
 * suspend.c - external calls that suspend the run (pyexpr.h "External
 * calls and suspended runs", docs/embedding.md). An external function is a
 * host function of its own class (capi_host.c) whose callback, instead of
 * running host code, records the call and asks the VM to return: it
 * returns -1 with no exception and susp.req set, which the dispatch loop's
 * (cold) error path turns into "return 1" with every frame left in place.
 * pe_resume drops the call's values from the top frame's stack, pushes the
 * result and re-enters the loop on the same frames: no C stack is kept
 * across a pause, as generators keep none across a yield.
 *
 * Only the top-level loop may suspend (a nested one - a sort key, a
 * __repr__, a generator resumed by a builtin, an import - has C frames
 * under it that cannot be kept): the callback checks that the call is
 * made by the instruction of the top frame, with the arguments on that
 * frame's stack, and that no frame below it is a nested run's entry.
 */
#include "capi.h"
#include "pe_cont.h"
#include "pe_str.h"

static void pending_clear(pe_state *S) {
    pe_susp *s = &S->susp;
    pe_drop(S, &s->name);
    pe_drop(S, &s->args);
    pe_drop(S, &s->kwargs);
}

/* Can the run suspend at the instruction the top frame is executing? */
static bool top_level(pe_state *S) {
    if (!S->susp.enabled || S->c_depth || S->nrepr || !S->nframes) return false;
    const pe_frame *f0 = &S->frames[0];
    if (!(f0->entry & PE_FR_ENTRY) || f0->func || (f0->entry & PE_FR_GEN)) return false;
    if (f0->globals != S->globals) return false;
    for (uint32_t i = 1; i < S->nframes; i++)
        if (S->frames[i].entry & PE_FR_ENTRY) return false;
    return true;
}

/* The number of stack values of the top frame's call instruction that a
 * resume drops, or 0 when argv/callee are not that instruction's (the
 * external function is called by native code). */
static uint32_t call_npop(pe_state *S, const pe_val *argv, int argc, const void *self) {
    const pe_frame *f = &S->frames[S->nframes - 1];
    uint32_t w = f->pc[-1], arg = PE_ARGOF(w);
    const pe_val *sp = f->sp;
    switch (PE_OPOF(w)) {
    case PE_OP_CALL:
    case PE_OP_CALL_METHOD: /* a plain callable: laid out as CALL */
        return (uint32_t)argc == arg && argv == sp - arg ? arg + 1 : 0;
    case PE_OP_CALL_KW:
        return (uint32_t)argc == arg && argv == sp - 1 - arg ? arg + 2 : 0;
    case PE_OP_CALL_EX:
        return sp[-2].tag == PE_TOBJ && sp[-2].u.o == self ? 2 : 0;
    default:
        return 0;
    }
}

static int count_call(pe_state *S) {
    pe_susp *s = &S->susp;
    if (s->max_calls && s->ncalls >= s->max_calls)
        return pe_raise(S, PE_EXC(LimitError),
                        "external call limit exceeded (max_external_calls=%llu)",
                        (unsigned long long)s->max_calls);
    s->ncalls++;
    return 0;
}

int pe_external_call(pe_state *S, void *ud, int argc, const pe_value *argvp, pe_value kwv,
                     pe_value *result) {
    (void)result;
    pe_val self = pe_obj_val((pe_obj *)ud);
    const char *name = pe_external_name(self);
    const pe_val *argv = pe_vals_of(argvp);
    pe_val kwnames = pe_val_of(kwv);
    uint32_t npop = top_level(S) ? call_npop(S, argv, argc, ud) : 0;
    if (!npop)
        return pe_raise(S, PE_EXC(RuntimeError),
                        "external function '%s' cannot be called here: only calls made by the "
                        "script itself can suspend, not calls from a nested run (a sort key, a "
                        "__repr__, map(), a generator resumed by a builtin)",
                        name);
    if (count_call(S)) return -1;
    uint32_t nkw = kwnames.tag == PE_TOBJ ? (uint32_t)PE_TUPLE(kwnames)->n : 0;
    uint32_t npos = (uint32_t)argc - nkw;
    pe_val args = pe_undef(), kwargs = pe_undef(), nm = pe_undef();
    if (pe_tuple_new(S, npos, &args)) goto fail;
    for (uint32_t i = 0; i < npos; i++) {
        pe_incref(argv[i]);
        PE_TUPLE(args)->items[i] = argv[i];
    }
    if (pe_dict_new(S, &kwargs)) goto fail;
    for (uint32_t i = 0; i < nkw; i++)
        if (pe_dict_set(S, PE_DICT(kwargs), PE_TUPLE(kwnames)->items[i], argv[npos + i]))
            goto fail;
    if (pe_str_from_cstr(S, name, &nm)) goto fail;
    pending_clear(S);
    pe_susp *s = &S->susp;
    s->kind = PE_PENDING_CALL;
    s->npop = npop;
    s->gslot = -1;
    s->name = nm;
    s->args = args;
    s->kwargs = kwargs;
    s->req = true;
    return -1;
fail:
    pe_decref(S, args);
    pe_decref(S, kwargs);
    pe_decref(S, nm);
    return -1;
}

int pe_suspend_name(pe_state *S, pe_frame *f, uint32_t slot) {
    /* (called by LOAD_GLOBAL, whose pc the frame has not saved yet) */
    if (!top_level(S) || f != &S->frames[S->nframes - 1] || f->globals != S->globals ||
        slot >= S->nglobals)
        return 0;
    if (count_call(S)) return -1;
    pe_val args = pe_undef(), kwargs = pe_undef();
    if (pe_tuple_new(S, 0, &args) || pe_dict_new(S, &kwargs)) {
        pe_decref(S, args);
        return -1;
    }
    pending_clear(S);
    pe_susp *s = &S->susp;
    s->kind = PE_PENDING_NAME;
    s->npop = 0;
    s->gslot = slot;
    s->name = pe_obj_val(S->code->gnames[slot]);
    pe_incref(s->name);
    s->args = args;
    s->kwargs = kwargs;
    s->req = true;
    return -1;
}

/* ------------------------------------------------------------------ */
/* The run's side                                                      */
/* ------------------------------------------------------------------ */

int pe_suspend_after(pe_state *S, int rc, pe_val r, pe_value *result) {
    pe_susp *s = &S->susp;
    s->enabled = false;
    if (rc == 1) {
        s->suspended = true;
        /* the host's time is not the run's */
        s->time_left = S->deadline > 0 ? S->deadline - pe_now() : -1;
        S->deadline = 0;
        return PE_SUSPENDED;
    }
    s->ncalls = 0;
    if (pe_gen_finalize_all(S) && !rc) {
        pe_decref(S, r);
        rc = -1;
    }
    S->deadline = 0;
    if (rc) return -1;
    if (result) *result = pe_value_of(r);
    else pe_decref(S, r);
    return 0;
}

void pe_suspend_abandon(pe_state *S) {
    pe_susp *s = &S->susp;
    if (!s->suspended) return;
    s->suspended = false;
    s->ncalls = 0;
    pending_clear(S);
    pe_vm_abandon(S);
}

static int not_suspended(pe_state *S, const char *fn) {
    return pe_raise(S, PE_EXC(SystemError), "%s: no run is suspended", fn);
}

/* Continues the suspended run; throw_: raising the pending exception at
 * the call (the call's values stay on the stack, as for a call that
 * raised). */
static int resume(pe_state *S, bool throw_, pe_val v, pe_value *result) {
    pe_susp *s = &S->susp;
    pe_frame *f = &S->frames[S->nframes - 1];
    if (!throw_) {
        pe_incref(v);
        for (uint32_t i = 0; i < s->npop; i++) pe_decref(S, *--f->sp);
        *f->sp++ = v;
        if (s->kind == PE_PENDING_NAME && s->gslot >= 0 && (uint64_t)s->gslot < S->nglobals)
            pe_assign(S, &S->globals[s->gslot], v);
    }
    pending_clear(S);
    s->suspended = false;
    S->deadline = s->time_left >= 0 ? pe_now() + s->time_left : 0;
    s->enabled = true;
    pe_val r = pe_none();
    int rc = pe_vm_continue(S, throw_, &r);
    return pe_suspend_after(S, rc, r, result);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

int pe_external_declare(pe_state *S, const char *name, size_t len) {
    if (!S->run_begun)
        return pe_raise(S, PE_EXC(SystemError), "pe_external_declare: no run begun (pe_run_begin)");
    int64_t slot = pe_code_global_slot(S->code, name, len);
    if (slot < 0) return 0;
    pe_value v;
    if (pe_make_external(S, name, len, &v)) return -1;
    pe_drop(S, &S->globals[slot]);
    S->globals[slot] = pe_val_of(v);
    return 1;
}

void pe_set_suspend_names(pe_state *S, int on) { S->susp.names = on != 0; }

void pe_set_max_external_calls(pe_state *S, uint64_t max_calls) { S->susp.max_calls = max_calls; }

int pe_run_suspended(const pe_state *S) { return S->susp.suspended; }

int pe_pending_call(pe_state *S, pe_pending *out) {
    pe_susp *s = &S->susp;
    if (!s->suspended) return not_suspended(S, "pe_pending_call");
    out->kind = s->kind;
    out->name = PE_STR(s->name)->data;
    out->name_len = PE_STR(s->name)->len;
    out->args = pe_value_of(s->args);
    out->kwargs = pe_value_of(s->kwargs);
    out->seq = s->ncalls;
    return 0;
}

int pe_resume(pe_state *S, pe_value value, pe_value *result) {
    if (!S->susp.suspended) return not_suspended(S, "pe_resume");
    return resume(S, false, pe_val_of(value), result);
}

int pe_resume_raise(pe_state *S, pe_value *result) {
    if (!S->susp.suspended) return not_suspended(S, "pe_resume_raise");
    if (S->exc.tag == PE_TUNDEF)
        pe_raise(S, PE_EXC(SystemError), "pe_resume_raise: no exception pending");
    return resume(S, true, pe_undef(), result);
}

int pe_resume_error(pe_state *S, int type_id, const char *msg, pe_value *result) {
    if (!S->susp.suspended) return not_suspended(S, "pe_resume_error");
    pe_value args = pe_value_none(), exc;
    if (msg) {
        pe_value m;
        if (pe_make_str(S, msg, strlen(msg), &m)) return resume(S, true, pe_undef(), result);
        int r = pe_make_tuple(S, 1, &m, &args);
        pe_value_release(S, m);
        if (r) return resume(S, true, pe_undef(), result);
    }
    if (pe_make_exception(S, type_id, args, &exc) == 0) {
        pe_raise_value(S, exc);
        pe_value_release(S, exc);
    }
    pe_value_release(S, args);
    return resume(S, true, pe_undef(), result);
}
