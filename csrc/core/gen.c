/*
 * gen.c - generator objects: iteration, send, throw, close, finalization.
 *
 * A generator owns its function and, while suspended, a saved copy of its
 * frame's window (pe_gen.saved: locals, cells, free variables, then the
 * live value stack). vm.c pushes a frame and copies the window in to
 * resume it (pe_vm_gen_resume from C; FOR_ITER and SEND inside the loop,
 * without C recursion), and copies it back out at YIELD_VALUE. This file
 * is the object side: CPython 3.11's Objects/genobject.c semantics and
 * messages (gen_send_ex, _gen_throw, gen_close), written from them.
 */
#include <stdio.h>
#include <string.h>

#include "pe_vm.h"
#include "pe_dunder.h"

pe_gen *pe_gen_new(pe_state *S, pe_func *f, uint32_t cap) {
    pe_val *saved = pe_mem_alloc(S, (cap ? cap : 1) * sizeof(pe_val));
    if (!saved) return NULL;
    pe_gen *g = (pe_gen *)pe_obj_new(S, &pe_type_generator, sizeof(pe_gen));
    if (!g) {
        pe_mem_free(S, saved, (cap ? cap : 1) * sizeof(pe_val));
        return NULL;
    }
    pe_incref_obj(&f->ob);
    g->func = f;
    g->saved = saved;
    g->nsaved = 0;
    g->cap = cap ? cap : 1;
    g->pc = 0;
    g->state = PE_GEN_CREATED;
    g->exc_state = pe_undef();
    g->outer_handled = pe_undef();
    return g;
}

static const char *gen_qualname(const pe_gen *g) {
    return g->func ? ((pe_str *)g->func->code->qualname)->data : "?";
}

static int gen_repr(pe_state *S, pe_val v, pe_sb *sb) {
    (void)S;
    pe_gen *g = (pe_gen *)v.u.o;
    return pe_sb_printf(sb, "<generator object %s at %p>", gen_qualname(g), (void *)g);
}

/* Drops the saved window (a finished or discarded generator). */
static void gen_release_frame(pe_state *S, pe_gen *g) {
    uint32_t n = g->nsaved;
    g->nsaved = 0;
    g->state = PE_GEN_CLOSED;
    for (uint32_t i = 0; i < n; i++) pe_decref(S, g->saved[i]);
    pe_val e = g->exc_state;
    g->exc_state = pe_undef();
    pe_decref(S, e);
}

static int already_executing(pe_state *S) {
    return pe_raise(S, PE_EXC(ValueError), "generator already executing");
}

/* StopIteration for a generator's return value: StopIteration() for None,
 * else StopIteration(value) (a tuple or an exception stays one argument). */
/* Raises t() (no arguments, as PyErr_SetNone). */
static int raise_stop(pe_state *S, pe_val value) {
    if (value.tag == PE_TNONE) return pe_raise_args(S, PE_EXC(StopIteration), 0, NULL);
    return pe_raise_with_arg(S, PE_EXC(StopIteration), value);
}

/* Resumes g sending v (or, thrown, with the pending exception thrown at
 * its yield): 0 yielded (*out), -1 error (StopIteration(value) when it
 * returned). */
static int resume(pe_state *S, pe_gen *g, pe_val v, bool thrown, pe_val *out) {
    pe_val r;
    int k = pe_vm_gen_resume(S, g, v, thrown, &r);
    if (k < 0) return -1;
    if (k == 1) {
        *out = r;
        return 0;
    }
    raise_stop(S, r);
    pe_decref(S, r);
    return -1;
}

int pe_gen_send(pe_state *S, pe_gen *g, pe_val v, pe_val *out) {
    if (g->state == PE_GEN_RUNNING) return already_executing(S);
    if (g->state == PE_GEN_CLOSED) return raise_stop(S, pe_none());
    if (g->state == PE_GEN_CREATED && v.tag != PE_TNONE)
        return pe_raise(S, PE_EXC(TypeError),
                        "can't send non-None value to a just-started generator");
    return resume(S, g, v, false, out);
}

/* The iterator protocol: 1 yielded, 0 exhausted (a return value is
 * dropped, as for loops do), -1 error. */
static int gen_next(pe_state *S, pe_val it, pe_val *out) {
    pe_gen *g = (pe_gen *)it.u.o;
    if (g->state == PE_GEN_RUNNING) return already_executing(S);
    if (g->state == PE_GEN_CLOSED) return 0;
    pe_val r;
    int k = pe_vm_gen_resume(S, g, pe_none(), false, &r);
    if (k < 0) return -1;
    if (k == 1) {
        *out = r;
        return 1;
    }
    pe_decref(S, r);
    return 0;
}

/* The receiver of the yield from g is suspended in, or NULL. A yield
 * from's YIELD_VALUE (arg 1) follows its SEND, the receiver on the
 * saved stack's top. */
static pe_val *gen_yf(pe_gen *g) {
    if (g->state != PE_GEN_SUSPENDED || g->pc < 2 || !g->nsaved) return NULL;
    uint32_t w = g->func->code->code[g->pc - 1];
    if (PE_OPOF(w) != PE_OP_YIELD_VALUE || PE_ARGOF(w) != 1) return NULL;
    return &g->saved[g->nsaved - 1];
}

static int gen_close_impl(pe_state *S, pe_gen *g);
static int gen_throw_impl(pe_state *S, pe_gen *g, int argc, const pe_val *argv, pe_val *out);

/* Resumes g with the pending exception thrown at its yield: 0 yielded
 * (*out), -1 error (StopIteration(value) when it returned). */
static int throw_here(pe_state *S, pe_gen *g, pe_val *out) {
    return resume(S, g, pe_undef(), true, out);
}

/* recv.<name>(argc args): 1 called (*out), 0 recv has no such attribute
 * (AttributeError cleared) when quiet, -1 error. */
static int call_attr(pe_state *S, pe_val recv, const char *name, int argc, const pe_val *argv,
                     bool quiet, pe_val *out) {
    pe_val n, m;
    if (pe_str_from_cstr(S, name, &n)) return -1;
    int r = pe_getattr(S, recv, n.u.o, &m);
    pe_decref(S, n);
    if (r) {
        if (!quiet || !pe_exc_matches(S, PE_EXC(AttributeError))) return -1;
        pe_exc_clear(S);
        return 0;
    }
    r = pe_call(S, m, argc, argv, NULL, out);
    pe_decref(S, m);
    return r ? -1 : 1;
}

/* Closes the receiver of a yield from: a generator's close(), or the
 * receiver's own close method if it has one (CPython's gen_close_iter). */
static int close_iter(pe_state *S, pe_val recv) {
    if (pe_recursion_enter(S, "")) return -1;
    pe_val res = pe_none();
    int r = PE_IS_GEN(recv) ? gen_close_impl(S, (pe_gen *)recv.u.o)
                            : call_attr(S, recv, "close", 0, NULL, true, &res) < 0 ? -1 : 0;
    pe_decref(S, res);
    pe_recursion_leave(S);
    return r;
}

int pe_next_keep_stop(pe_state *S, pe_val it, pe_val *out) {
    if (pe_type_special(pe_typeof(it), PE_DU_next).tag == PE_TUNDEF) return pe_next(S, it, out);
    int r = pe_du_call(S, it, PE_DU_next, 0, NULL, out);
    return r < 0 ? -1 : 1;
}

int pe_yield_from_other(pe_state *S, pe_val recv, pe_val v, pe_val *out) {
    if (v.tag == PE_TNONE && pe_typeof(recv)->next) {
        int r = pe_next_keep_stop(S, recv, out);
        if (r == 0) *out = pe_none();
        return r;
    }
    return call_attr(S, recv, "send", 1, &v, false, out);
}

static bool is_exc_class(pe_val v);
static bool is_exc_instance(pe_val v);
static int throw_exception(pe_state *S, int argc, const pe_val *argv, pe_val *exc);

/* throw()'s first argument matches GeneratorExit (a class or an instance) */
static bool throws_generator_exit(pe_val typ) {
    const pe_type *t = is_exc_class(typ) ? (const pe_type *)typ.u.o
                       : is_exc_instance(typ) ? typ.u.o->type : NULL;
    return t && pe_type_is_subtype(t, PE_EXC(GeneratorExit));
}

/* CPython's _gen_throw: throw(*argv) goes to the innermost receiver of a
 * yield from chain (a generator's throw, or a receiver's own throw method
 * with the arguments as given); GeneratorExit closes the receiver first;
 * the arguments become an exception where it lands. 0 with a yielded
 * value, or -1. */
static int gen_throw_impl(pe_state *S, pe_gen *g, int argc, const pe_val *argv, pe_val *out) {
    if (g->state == PE_GEN_RUNNING) return already_executing(S);
    pe_val *yf = gen_yf(g);
    if (yf) {
        pe_val recv = *yf;
        if (throws_generator_exit(argv[0])) {
            pe_incref(recv);
            int r = close_iter(S, recv);
            pe_decref(S, recv);
            if (r < 0) return throw_here(S, g, out); /* the close error instead */
        } else {
            pe_incref(recv);
            int r = pe_recursion_enter(S, "");
            if (r == 0) {
                g->state = PE_GEN_RUNNING; /* a throw reaching g meanwhile is refused */
                if (PE_IS_GEN(recv)) r = gen_throw_impl(S, (pe_gen *)recv.u.o, argc, argv, out);
                else if ((r = call_attr(S, recv, "throw", argc, argv, true, out)) > 0) r = 0;
                else if (r == 0) r = 1; /* no throw method: thrown here */
                g->state = PE_GEN_SUSPENDED;
                pe_recursion_leave(S);
            }
            if (r >= 0) {
                pe_decref(S, recv);
                if (r == 0) return 0;
                goto here;
            }
            /* the receiver finished: pop it, continue after the yield from
             * with its StopIteration value or its exception */
            yf = gen_yf(g);
            if (yf && yf->tag == PE_TOBJ && yf->u.o == recv.u.o) {
                g->nsaved--;
                pe_decref(S, *yf);
                uint32_t send = g->func->code->code[g->pc - 2];
                PE_ASSERT(PE_OPOF(send) == PE_OP_SEND);
                g->pc = PE_ARGOF(send);
            }
            pe_decref(S, recv);
            if (pe_exc_matches(S, PE_EXC(StopIteration))) {
                pe_exc *e = PE_EXCOBJ(S->exc);
                pe_tuple *a = e->args.tag == PE_TOBJ ? PE_TUPLE(e->args) : NULL;
                pe_val v = a && a->n ? a->items[0] : pe_none();
                pe_incref(v);
                pe_exc_clear(S);
                int k = pe_gen_send(S, g, v, out);
                pe_decref(S, v);
                return k;
            }
            return throw_here(S, g, out);
        }
    }
here:;
    pe_val exc;
    if (throw_exception(S, argc, argv, &exc)) return -1;
    /* PyErr_Restore: no __context__ from the thrower (the generator's own
     * handled exception is chained when it resumes, vm.c) */
    pe_val old = S->exc;
    S->exc = exc;
    pe_decref(S, old);
    if (g->state == PE_GEN_CLOSED) return -1;
    return throw_here(S, g, out);
}

/* CPython's gen_close: GeneratorExit at the yield; yielding again is a
 * RuntimeError; GeneratorExit or StopIteration coming out is success. */
static int gen_close_impl(pe_state *S, pe_gen *g) {
    if (g->state == PE_GEN_CLOSED) return 0;
    if (g->state == PE_GEN_CREATED) {
        gen_release_frame(S, g);
        return 0;
    }
    if (g->state == PE_GEN_RUNNING) return already_executing(S);
    pe_val *yf = gen_yf(g);
    int err = 0;
    if (yf) {
        pe_val recv = *yf;
        pe_incref(recv);
        g->state = PE_GEN_RUNNING;
        err = close_iter(S, recv);
        g->state = PE_GEN_SUSPENDED;
        pe_decref(S, recv);
    }
    if (!err && pe_raise_args(S, PE_EXC(GeneratorExit), 0, NULL)) {
        if (!pe_exc_matches(S, PE_EXC(GeneratorExit))) return -1;
    }
    pe_val r;
    int k = pe_vm_gen_resume(S, g, pe_undef(), true, &r);
    if (k == 1) {
        pe_decref(S, r);
        return pe_raise(S, PE_EXC(RuntimeError), "generator ignored GeneratorExit");
    }
    if (k == 0) {
        pe_decref(S, r);
        return 0;
    }
    if (pe_exc_matches(S, PE_EXC(StopIteration)) || pe_exc_matches(S, PE_EXC(GeneratorExit))) {
        pe_exc_clear(S);
        return 0;
    }
    return -1;
}

/* ------------------------------------------------------------------ */
/* Methods                                                             */
/* ------------------------------------------------------------------ */

static int m_send(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                  pe_val *out) {
    if (pe_no_kwargs(S, "generator.send", kw)) return -1;
    if (argc != 1)
        return pe_raise(S, PE_EXC(TypeError),
                        "generator.send() takes exactly one argument (%d given)", argc);
    return pe_gen_send(S, (pe_gen *)self.u.o, argv[0], out);
}

static int m_close(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                   pe_val *out) {
    (void)argv;
    if (pe_no_kwargs(S, "generator.close", kw)) return -1;
    if (argc != 0)
        return pe_raise(S, PE_EXC(TypeError), "generator.close() takes no arguments (%d given)",
                        argc);
    if (gen_close_impl(S, (pe_gen *)self.u.o)) return -1;
    *out = pe_none();
    return 0;
}

/* Exception classes and instances, built-in or (heap) subclasses. */
static bool is_exc_class(pe_val v) {
    return pe_is_kind(v, PE_K_TYPE) &&
           pe_type_is_subtype((const pe_type *)v.u.o, PE_EXC(BaseException));
}
static bool is_exc_instance(pe_val v) {
    return v.tag == PE_TOBJ && pe_type_is_subtype(v.u.o->type, PE_EXC(BaseException));
}

/* throw(type[, value[, traceback]]) -> the exception instance (new). */
static int throw_exception(pe_state *S, int argc, const pe_val *argv, pe_val *exc) {
    pe_val typ = argv[0];
    pe_val val = argc > 1 ? argv[1] : pe_none();
    if (argc > 2 && argv[2].tag != PE_TNONE)
        return pe_raise(S, PE_EXC(TypeError), "throw() third argument must be a traceback object");
    if (is_exc_class(typ)) {
        const pe_type *t = (const pe_type *)typ.u.o;
        if (is_exc_instance(val) && pe_type_is_subtype(val.u.o->type, t)) {
            pe_incref(val);
            *exc = val;
            return 0;
        }
        int r;
        if (val.tag == PE_TNONE) r = pe_call(S, typ, 0, NULL, NULL, exc);
        else if (pe_is_kind(val, PE_K_TUPLE))
            r = pe_call(S, typ, (int)PE_TUPLE(val)->n, PE_TUPLE(val)->items, NULL, exc);
        else r = pe_call(S, typ, 1, &val, NULL, exc);
        if (r) return r;
        if (!is_exc_instance(*exc)) { /* a user __new__ returned something else */
            pe_sb sb;
            pe_sb_init(&sb, S);
            const char *tn = pe_type_name(*exc);
            if (!pe_repr(S, typ, &sb))
                pe_raise(S, PE_EXC(TypeError),
                         "calling %.*s should have returned an instance of BaseException, not %s",
                         (int)(sb.len > 300 ? 300 : sb.len), sb.p, tn);
            pe_sb_free(&sb);
            pe_decref(S, *exc);
            *exc = pe_undef();
            return -1;
        }
        return 0;
    }
    if (is_exc_instance(typ)) {
        if (val.tag != PE_TNONE)
            return pe_raise(S, PE_EXC(TypeError), "instance exception may not have a separate value");
        pe_incref(typ);
        *exc = typ;
        return 0;
    }
    return pe_raise(S, PE_EXC(TypeError),
                    "exceptions must be classes or instances deriving from BaseException, not %s",
                    pe_type_name(typ));
}

static int m_throw(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                   pe_val *out) {
    if (pe_no_kwargs(S, "generator.throw", kw)) return -1;
    if (argc < 1 || argc > 3) return pe_arg_count_error(S, "throw", 1, 3, argc);
    return gen_throw_impl(S, (pe_gen *)self.u.o, argc, argv, out);
}

/* __name__, __qualname__, gi_running, gi_suspended, gi_yieldfrom
 * (gi_frame and gi_code: no frame or code objects in the subset). */
static int gen_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    (void)S;
    pe_gen *g = (pe_gen *)v.u.o;
    const char *n = ((pe_str *)name)->data;
    if ((!strcmp(n, "__name__") || !strcmp(n, "__qualname__")) && g->func) {
        pe_obj *s = n[2] == 'n' ? g->func->code->name : g->func->code->qualname;
        pe_incref_obj(s);
        *out = pe_obj_val(s);
    } else if (!strcmp(n, "gi_running")) {
        *out = pe_bool(g->state == PE_GEN_RUNNING);
    } else if (!strcmp(n, "gi_suspended")) {
        *out = pe_bool(g->state == PE_GEN_SUSPENDED);
    } else if (!strcmp(n, "gi_yieldfrom")) {
        pe_val *yf = gen_yf(g);
        *out = yf ? *yf : pe_none();
        pe_incref(*out);
    } else {
        return PE_NOTIMPL;
    }
    return 0;
}

static const pe_cfunc gen_methods[] = {
    PE_METHOD("send", m_send),
    PE_METHOD("throw", m_throw),
    PE_METHOD("close", m_close),
    PE_METHOD_END,
};

/* ------------------------------------------------------------------ */
/* Finalization                                                        */
/* ------------------------------------------------------------------ */

/* A suspended generator released during a run is closed first (its
 * finally blocks run, as in CPython); an exception that escapes is
 * reported as CPython's "Exception ignored in: ..." and dropped. Outside
 * a run (no frame: the end-of-run sweep, pe_reset) nothing runs: the
 * sweep clears every generator first, which marks it closed. */
/* Closes g, reporting an escaping exception as unraisable; a LimitError
 * or KeyboardInterrupt (the run's limits) is kept in *stop instead (when
 * stop is not NULL). */
static void gen_close_unraisable(pe_state *S, pe_gen *g, pe_val *stop) {
    pe_val saved_exc = S->exc;
    S->exc = pe_undef();
    if (gen_close_impl(S, g) < 0 && stop &&
        (pe_exc_matches(S, PE_EXC(LimitError)) || pe_exc_matches(S, PE_EXC(KeyboardInterrupt)))) {
        *stop = S->exc;
        S->exc = saved_exc;
        return;
    }
    if (S->exc.tag == PE_TOBJ) {
        pe_sb sb;
        pe_sb_init(&sb, S);
        pe_sb_puts(&sb, "Exception ignored in: ");
        gen_repr(S, pe_obj_val(&g->ob), &sb);
        pe_sb_putc(&sb, '\n');
        if (!sb.failed) S->err(S->err_ud, sb.p, sb.len);
        pe_sb_free(&sb);
        /* the unraisable hook prints the exception alone, no chain (it
         * is dropped right after) */
        pe_exc *e = PE_EXCOBJ(S->exc);
        if (is_exc_instance(S->exc) && !(e->ob.flags & PE_IMMORTAL)) {
            pe_val c = e->cause, x = e->context;
            e->cause = e->context = pe_undef();
            pe_decref(S, c);
            pe_decref(S, x);
        }
        pe_print_exception(S);
    }
    pe_exc_clear(S);
    S->exc = saved_exc;
}

static void gen_finalize(pe_state *S, pe_gen *g) {
    g->ob.rc = 1; /* alive while its finally blocks run */
    gen_close_unraisable(S, g, NULL);
    g->ob.rc--;
}

int pe_gen_finalize_all(pe_state *S) {
    size_t n = 0;
    for (pe_obj *o = S->heap.head.gc_next; o != &S->heap.head; o = o->gc_next)
        if (o->type == &pe_type_generator && ((pe_gen *)o)->state == PE_GEN_SUSPENDED) n++;
    if (!n) return 0;
    pe_val saved_exc = S->exc;
    S->exc = pe_undef();
    pe_obj **gens = pe_mem_alloc(S, n * sizeof(pe_obj *));
    if (!gens) { /* MemoryError: the run's error unless it has one */
        if (saved_exc.tag == PE_TUNDEF) return -1;
        pe_exc_clear(S);
        S->exc = saved_exc;
        return -1;
    }
    S->exc = saved_exc;
    size_t k = 0;
    /* new objects go first on the list: oldest first is from the back */
    for (pe_obj *o = S->heap.head.gc_prev; o != &S->heap.head && k < n; o = o->gc_prev)
        if (o->type == &pe_type_generator && ((pe_gen *)o)->state == PE_GEN_SUSPENDED) {
            pe_incref_obj(o);
            gens[k++] = o;
        }
    pe_val stop = pe_undef();
    for (size_t i = 0; i < k; i++) {
        pe_gen *g = (pe_gen *)gens[i];
        if (stop.tag == PE_TUNDEF && g->state == PE_GEN_SUSPENDED && g->func)
            gen_close_unraisable(S, g, &stop);
        pe_decref_obj(S, gens[i]);
    }
    pe_mem_free(S, gens, n * sizeof(pe_obj *));
    if (stop.tag == PE_TUNDEF) return 0;
    /* a limit ran out: no more script code; it is the run's error unless
     * the run already ended in one */
    if (S->exc.tag != PE_TUNDEF) pe_decref(S, stop);
    else S->exc = stop;
    return -1;
}

/* Heaps are swept between runs only: no generator runs then. */
static void gen_clear(pe_state *S, pe_obj *o) {
    pe_gen *g = (pe_gen *)o;
    gen_release_frame(S, g);
    pe_func *f = g->func;
    g->func = NULL;
    if (f) pe_decref_obj(S, &f->ob);
}

/* Through the trashcan: a chain of generators holding each other (each
 * closed in turn, or released) is freed without deep C recursion. */
static void gen_dealloc(pe_state *S, pe_obj *o) {
    if (pe_trash_begin(S, o)) return;
    pe_gen *g = (pe_gen *)o;
    if (g->state == PE_GEN_SUSPENDED && g->func && S->nframes > 0) {
        gen_finalize(S, g);
        if (g->ob.rc > 0) { /* kept alive by its finally block */
            pe_trash_end(S);
            return;
        }
    }
    gen_release_frame(S, g);
    if (g->func) pe_decref_obj(S, &g->func->ob);
    pe_mem_free(S, g->saved, g->cap * sizeof(pe_val));
    pe_obj_free(S, o, sizeof(pe_gen));
    pe_trash_end(S);
}

const pe_type pe_type_generator = {
    .ob = PE_STATIC_HEAD(&pe_type_type),
    .name = "generator",
    .kind = PE_K_ITER,
    .dealloc = gen_dealloc,
    .clear = gen_clear,
    .repr = gen_repr,
    .iter = pe_iter_self,
    .next = gen_next,
    .getattr = gen_getattr,
    .methods = gen_methods,
};

/* ------------------------------------------------------------------ */
/* iter(callable, sentinel)                                            */
/* ------------------------------------------------------------------ */

/* CPython's callable_iterator (Objects/iterobject.c): calls the callable
 * until it returns something equal to the sentinel (or raises
 * StopIteration); then it is exhausted for good. */
typedef struct pe_calliter {
    pe_obj ob;
    pe_val callable, sentinel; /* UNDEF once exhausted */
} pe_calliter;

static void calliter_clear(pe_state *S, pe_obj *o) {
    pe_calliter *c = (pe_calliter *)o;
    pe_drop(S, &c->callable);
    pe_drop(S, &c->sentinel);
}

static int calliter_next(pe_state *S, pe_val it, pe_val *out) {
    pe_calliter *c = (pe_calliter *)it.u.o;
    if (c->callable.tag == PE_TUNDEF) return 0;
    pe_val fn = c->callable, r;
    pe_incref(fn);
    int k = pe_call(S, fn, 0, NULL, NULL, &r);
    pe_decref(S, fn);
    if (k) {
        if (!pe_exc_matches(S, PE_EXC(StopIteration))) return -1;
        pe_exc_clear(S);
        calliter_clear(S, &c->ob);
        return 0;
    }
    if (c->sentinel.tag == PE_TUNDEF) { /* exhausted by a nested call */
        pe_decref(S, r);
        return 0;
    }
    int eq = pe_eq(S, c->sentinel, r);
    if (eq != 0) {
        pe_decref(S, r);
        if (eq < 0) return -1;
        calliter_clear(S, &c->ob);
        return 0;
    }
    *out = r;
    return 1;
}

static const pe_type pe_type_callable_iterator =
    PE_ITER_TYPE("callable_iterator", pe_calliter, calliter_next, calliter_clear);

int pe_calliter_new(pe_state *S, pe_val callable, pe_val sentinel, pe_val *out) {
    if (!pe_is_callable(callable))
        return pe_raise(S, PE_EXC(TypeError), "iter(v, w): v must be callable");
    pe_calliter *c = (pe_calliter *)pe_obj_new(S, &pe_type_callable_iterator, sizeof(pe_calliter));
    if (!c) return -1;
    pe_incref(callable);
    pe_incref(sentinel);
    c->callable = callable;
    c->sentinel = sentinel;
    *out = pe_obj_val(&c->ob);
    return 0;
}
