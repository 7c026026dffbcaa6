/*
 * coro.c - the await side of coroutines (async def): what GET_AWAITABLE,
 * GET_AITER and GET_ANEXT do (CPython 3.11's _PyCoro_GetAwaitableIter and
 * the async-for opcodes, written from their documented behaviour and
 * messages). The coroutine object itself is a generator of another type
 * (gen.c); an await is a yield from over the awaitable's iterator (the
 * compiler's SEND loop), so coroutines suspend and resume without C
 * recursion exactly as generators do.
 */
#include "pe_class.h"
#include "pe_module.h"
#include "pe_vm.h"

/* asyncio._host_awaitable(v): a host object awaited by a script that runs
 * on the host's event loop (pyexpr.eval_async) becomes a future of the
 * script's loop, which hands it to the host (csrc/lib/asyncio.py). */
static int host_awaitable(pe_state *S, pe_val v, pe_val *out) {
    pe_val m, fn;
    if (pe_import(S, "asyncio", &m)) return -1;
    int r = pe_module_get(S, m, "_host_awaitable", &fn);
    pe_decref(S, m);
    if (r) return -1;
    r = pe_call(S, fn, 1, &v, NULL, out);
    pe_decref(S, fn);
    return r ? -1 : 1;
}

/* The iterator an `await v` runs: a coroutine itself, or what v's type's
 * __await__ returns (an iterator, not a coroutine). 1 found (*out new), 0
 * v is not awaitable (nothing raised), -1 error. */
static bool is_agaw(pe_val v);

static int awaitable_iter(pe_state *S, pe_val v, pe_val *out) {
    if (PE_IS_CORO(v) || is_agaw(v)) {
        pe_incref(v);
        *out = v;
        return 1;
    }
    pe_val r;
    int k = pe_call_special(S, v, PE_DU_await, 0, NULL, &r);
    if (k == 0 && pe_is_kind(v, PE_K_HOST)) return host_awaitable(S, v, out);
    if (k <= 0) return k;
    if (PE_IS_CORO(r)) {
        pe_decref(S, r);
        return pe_raise(S, PE_EXC(TypeError), "__await__() returned a coroutine");
    }
    if (r.tag != PE_TOBJ || !r.u.o->type->next) {
        int e = pe_raise(S, PE_EXC(TypeError), "__await__() returned non-iterator of type '%s'",
                         pe_type_name(r));
        pe_decref(S, r);
        return e;
    }
    *out = r;
    return 1;
}

int pe_coro_get_awaitable(pe_state *S, pe_val *sp, uint32_t where) {
    pe_val v = sp[-1], it;
    int k = awaitable_iter(S, v, &it);
    if (k < 0) return -1;
    if (k == 0) {
        if (where)
            return pe_raise(S, PE_EXC(TypeError),
                            "'async with' received an object from __a%s__ that does not "
                            "implement __await__: %s",
                            where == 1 ? "enter" : "exit", pe_type_name(v));
        return pe_raise(S, PE_EXC(TypeError), "object %s can't be used in 'await' expression",
                        pe_type_name(v));
    }
    if (PE_IS_CORO(it)) {
        pe_gen *g = (pe_gen *)it.u.o;
        /* awaited by another await that is suspended in it */
        if (g->state == PE_GEN_SUSPENDED && g->pc >= 2 &&
            PE_OPOF(g->func->code->code[g->pc - 1]) == PE_OP_YIELD_VALUE &&
            PE_ARGOF(g->func->code->code[g->pc - 1]) == 1) {
            pe_decref(S, it);
            return pe_raise(S, PE_EXC(RuntimeError), "coroutine is being awaited already");
        }
    }
    pe_decref(S, v);
    sp[-1] = it;
    return 0;
}

static int agaw_new(pe_state *S, pe_val agen, int kind, pe_val arg, pe_val *out);

int pe_coro_get_aiter(pe_state *S, pe_val *sp) {
    pe_val v = sp[-1], it;
    if (PE_IS_AGEN(v)) return 0; /* its own iterator */
    int k = pe_call_special(S, v, PE_DU_aiter, 0, NULL, &it);
    if (k < 0) return -1;
    if (k == 0)
        return pe_raise(S, PE_EXC(TypeError),
                        "'async for' requires an object with __aiter__ method, got %s",
                        pe_type_name(v));
    if (pe_type_special(pe_typeof(it), PE_DU_anext).tag == PE_TUNDEF) {
        int e = pe_raise(S, PE_EXC(TypeError),
                         "'async for' received an object from __aiter__ that does not implement "
                         "__anext__: %s",
                         pe_type_name(it));
        pe_decref(S, it);
        return e;
    }
    pe_decref(S, v);
    sp[-1] = it;
    return 0;
}

int pe_coro_get_anext(pe_state *S, pe_val *sp) {
    pe_val aw, it;
    if (PE_IS_AGEN(sp[-1])) return agaw_new(S, sp[-1], 0 /* K_ASEND */, pe_none(), &sp[0]);
    int k = pe_call_special(S, sp[-1], PE_DU_anext, 0, NULL, &aw);
    if (k < 0) return -1;
    if (k == 0)
        return pe_raise(S, PE_EXC(TypeError),
                        "'async for' requires an iterator with __anext__ method, got %s",
                        pe_type_name(sp[-1]));
    k = awaitable_iter(S, aw, &it);
    if (k == 0)
        pe_raise(S, PE_EXC(TypeError), "'async for' received an invalid object from __anext__: %s",
                 pe_type_name(aw));
    pe_decref(S, aw);
    if (k <= 0) return -1;
    sp[0] = it;
    return 0;
}

/* ------------------------------------------------------------------ */
/* _pyexpr_async: what csrc/lib/asyncio.py needs from the engine       */
/* ------------------------------------------------------------------ */

/* iscoroutinefunction(f): f is an `async def` function (its code starts
 * by returning a coroutine). */
static int nargs(pe_state *S, const char *fn, pe_obj *kw, int argc, int lo, int hi);

static int m_iscoroutinefunction(pe_state *S, pe_val self, int argc, const pe_val *argv,
                                 pe_obj *kw, pe_val *out) {
    (void)self;
    if (nargs(S, "iscoroutinefunction", kw, argc, 1, 1)) return -1;
    bool r = false;
    if (pe_is_kind(argv[0], PE_K_FUNC)) {
        const pe_fcode *c = ((const pe_func *)argv[0].u.o)->code;
        r = c->ncode && PE_OPOF(c->code[0]) == PE_OP_RETURN_GENERATOR && PE_ARGOF(c->code[0]);
    }
    *out = pe_bool(r);
    return 0;
}

int pe_mod_pyexpr_async_init(pe_state *S, pe_val mod) {
    static const pe_cfunc fns[] = {PE_METHOD("iscoroutinefunction", m_iscoroutinefunction),
                                   PE_METHOD_END};
    return pe_module_add_functions(S, mod, fns);
}

/* ------------------------------------------------------------------ */
/* Async generators                                                    */
/* ------------------------------------------------------------------ */

/* A value an async generator yields (ASYNC_GEN_WRAP), told apart from the
 * values its awaits pass through to the event loop. */
typedef struct pe_agwrap {
    pe_obj ob;
    pe_val v;
} pe_agwrap;

static void agwrap_clear(pe_state *S, pe_obj *o) { pe_drop(S, &((pe_agwrap *)o)->v); }

static const pe_type pe_type_agwrap = PE_TYPE("async_generator_wrapped_value", OTHER,
                                              PE_DEALLOC_CLEARED(pe_agwrap),
                                              .clear = agwrap_clear);

int pe_agen_wrap(pe_state *S, pe_val *sp) {
    pe_agwrap *w = (pe_agwrap *)pe_obj_new(S, &pe_type_agwrap, sizeof(pe_agwrap));
    if (!w) return -1;
    w->v = sp[-1];
    sp[-1] = pe_obj_val(&w->ob);
    return 0;
}

static bool is_wrapped(pe_val v) { return v.tag == PE_TOBJ && v.u.o->type == &pe_type_agwrap; }

/* The awaitables of __anext__()/asend() (kind ASEND) and athrow()/aclose()
 * (ATHROW, ACLOSE): iterators an await runs, each usable once. */
enum { AW_INIT, AW_ITER, AW_CLOSED };
enum { K_ASEND, K_ATHROW, K_ACLOSE };
typedef struct pe_agaw {
    pe_obj ob;
    pe_val agen;
    pe_val arg; /* ASEND: the value to send; ATHROW: the exception instance */
    uint8_t state, kind;
} pe_agaw;

static void agaw_clear(pe_state *S, pe_obj *o) {
    pe_agaw *a = (pe_agaw *)o;
    pe_drop(S, &a->agen);
    pe_drop(S, &a->arg);
}

static int agaw_next(pe_state *S, pe_val it, pe_val *out);
static const pe_cfunc agaw_methods[];

static const pe_type pe_type_asend =
    PE_TYPE("async_generator_asend", ITER, PE_DEALLOC_CLEARED(pe_agaw), .clear = agaw_clear,
            .iter = pe_iter_self, .next = agaw_next, .methods = agaw_methods);
static const pe_type pe_type_athrow =
    PE_TYPE("async_generator_athrow", ITER, PE_DEALLOC_CLEARED(pe_agaw), .clear = agaw_clear,
            .iter = pe_iter_self, .next = agaw_next, .methods = agaw_methods);

static bool is_agaw(pe_val v) {
    return v.tag == PE_TOBJ && (v.u.o->type == &pe_type_asend || v.u.o->type == &pe_type_athrow);
}

static int agaw_new(pe_state *S, pe_val agen, int kind, pe_val arg, pe_val *out) {
    pe_agaw *a = (pe_agaw *)pe_obj_new(S, kind == K_ASEND ? &pe_type_asend : &pe_type_athrow,
                                       sizeof(pe_agaw));
    if (!a) return -1;
    pe_incref(agen);
    pe_incref(arg);
    a->agen = agen;
    a->arg = arg;
    a->state = AW_INIT;
    a->kind = (uint8_t)kind;
    *out = pe_obj_val(&a->ob);
    return 0;
}

/* CPython's async_gen_unwrap_value: rc/r from resuming the generator. A
 * wrapped value ends the awaitable (StopIteration(value)); the
 * generator's end is StopAsyncIteration; anything else passes through. */
static int unwrap(pe_state *S, pe_gen *g, int rc, pe_val r, pe_val *out) {
    if (rc < 0) {
        if (pe_exc_matches(S, PE_EXC(StopIteration))) { /* it returned */
            pe_exc_clear(S);
            pe_raise_args(S, PE_EXC(StopAsyncIteration), 0, NULL);
        }
        if (pe_exc_matches(S, PE_EXC(StopAsyncIteration)) ||
            pe_exc_matches(S, PE_EXC(GeneratorExit)))
            g->agflags |= PE_AG_CLOSED;
        g->agflags &= (uint16_t)~PE_AG_RUNNING_ASYNC;
        return -1;
    }
    if (is_wrapped(r)) {
        g->agflags &= (uint16_t)~PE_AG_RUNNING_ASYNC;
        pe_val v = ((pe_agwrap *)r.u.o)->v;
        if (v.tag == PE_TNONE) pe_raise_args(S, PE_EXC(StopIteration), 0, NULL);
        else pe_raise_with_arg(S, PE_EXC(StopIteration), v);
        pe_decref(S, r);
        return -1;
    }
    *out = r;
    return 0;
}

static const char *agaw_what(const pe_agaw *a) {
    return a->kind == K_ASEND ? "anext" : a->kind == K_ATHROW ? "athrow" : "aclose";
}

/* Sends v into the awaitable (thrown: the pending exception is thrown
 * instead): 0 with a value passed through to the event loop, -1 error
 * (StopIteration(value): the await's result). */
static int agaw_step(pe_state *S, pe_agaw *a, pe_val v, bool thrown, pe_val *out) {
    pe_gen *g = (pe_gen *)a->agen.u.o;
    if (a->state == AW_CLOSED) {
        if (thrown) pe_exc_clear(S);
        return pe_raise(S, PE_EXC(RuntimeError), "cannot reuse already awaited %s",
                        a->kind == K_ASEND ? "__anext__()/asend()" : "aclose()/athrow()");
    }
    if (a->kind != K_ASEND && g->state == PE_GEN_CLOSED) {
        if (thrown) pe_exc_clear(S);
        a->state = AW_CLOSED;
        return pe_raise_args(S, PE_EXC(StopIteration), 0, NULL);
    }
    pe_val r = pe_undef();
    int rc;
    if (a->state == AW_INIT) {
        if (thrown) {
            a->state = AW_CLOSED;
            return -1;
        }
        if (g->agflags & PE_AG_RUNNING_ASYNC) {
            a->state = AW_CLOSED;
            return pe_raise(S, PE_EXC(RuntimeError),
                            "%s(): asynchronous generator is already running", agaw_what(a));
        }
        if (g->agflags & PE_AG_CLOSED) {
            a->state = AW_CLOSED;
            return pe_raise_args(S, PE_EXC(StopAsyncIteration), 0, NULL);
        }
        a->state = AW_ITER;
        if (a->kind == K_ASEND) {
            if (v.tag == PE_TNONE) v = a->arg;
            if (g->state == PE_GEN_CREATED && v.tag != PE_TNONE) {
                a->state = AW_CLOSED;
                return pe_raise(S, PE_EXC(TypeError),
                                "can't send non-None value to a just-started async generator");
            }
            g->agflags |= PE_AG_RUNNING_ASYNC;
            rc = pe_gen_send(S, g, v, &r);
        } else {
            if (v.tag != PE_TNONE) {
                a->state = AW_CLOSED;
                return pe_raise(S, PE_EXC(RuntimeError),
                                "can't send non-None value to a just-started coroutine");
            }
            g->agflags |= PE_AG_RUNNING_ASYNC;
            pe_val exc = a->arg;
            bool made = false;
            if (a->kind == K_ACLOSE) {
                g->agflags |= PE_AG_CLOSED;
                if (pe_raise_args(S, PE_EXC(GeneratorExit), 0, NULL) &&
                    pe_exc_matches(S, PE_EXC(GeneratorExit))) {
                    exc = S->exc;
                    S->exc = pe_undef();
                    made = true;
                } else {
                    a->state = AW_CLOSED;
                    return -1;
                }
            }
            rc = g->state == PE_GEN_CREATED && a->kind == K_ACLOSE
                     ? (pe_gen_close(S, g) ? -1 : (pe_raise_args(S, PE_EXC(StopIteration), 0, NULL), -1))
                     : pe_gen_throw_value(S, g, exc, &r);
            if (made) pe_decref(S, exc);
        }
    } else if (thrown) {
        pe_val exc = S->exc;
        S->exc = pe_undef();
        rc = pe_gen_throw_value(S, g, exc, &r);
        pe_decref(S, exc);
    } else {
        rc = pe_gen_send(S, g, v, &r);
    }
    if (a->kind == K_ACLOSE) {
        if (rc == 0 && is_wrapped(r)) { /* yielded a value while closing */
            pe_decref(S, r);
            g->agflags &= (uint16_t)~PE_AG_RUNNING_ASYNC;
            a->state = AW_CLOSED;
            return pe_raise(S, PE_EXC(RuntimeError), "async generator ignored GeneratorExit");
        }
        if (rc == 0) {
            *out = r;
            return 0;
        }
        g->agflags &= (uint16_t)~PE_AG_RUNNING_ASYNC;
        a->state = AW_CLOSED;
        if (pe_exc_matches(S, PE_EXC(StopAsyncIteration)) ||
            pe_exc_matches(S, PE_EXC(GeneratorExit)) || pe_exc_matches(S, PE_EXC(StopIteration))) {
            pe_exc_clear(S);
            return pe_raise_args(S, PE_EXC(StopIteration), 0, NULL);
        }
        return -1;
    }
    rc = unwrap(S, g, rc, r, out);
    if (rc < 0) a->state = AW_CLOSED;
    return rc;
}

static int agaw_next(pe_state *S, pe_val it, pe_val *out) {
    if (agaw_step(S, (pe_agaw *)it.u.o, pe_none(), false, out) == 0) return 1;
    if (!pe_exc_matches(S, PE_EXC(StopIteration))) return -1;
    pe_exc_clear(S); /* the await's value is lost to a plain iteration */
    return 0;
}

/* The argument count check of the methods below: 0 or -1. */
static int nargs(pe_state *S, const char *fn, pe_obj *kw, int argc, int lo, int hi) {
    if (pe_no_kwargs(S, fn, kw)) return -1;
    return argc < lo || argc > hi ? pe_arg_count_error(S, fn, lo, hi, argc) : 0;
}

static int m_agaw_send(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *out) {
    if (nargs(S, "send", kw, argc, 1, 1)) return -1;
    return agaw_step(S, (pe_agaw *)self.u.o, argv[0], false, out);
}

static int m_agaw_throw(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                        pe_val *out) {
    pe_val exc;
    if (nargs(S, "throw", kw, argc, 1, 3) || pe_gen_throw_args(S, argc, argv, &exc)) return -1;
    pe_val old = S->exc; /* exc becomes the pending exception */
    S->exc = exc;
    pe_decref(S, old);
    return agaw_step(S, (pe_agaw *)self.u.o, pe_undef(), true, out);
}

static int m_agaw_close(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                        pe_val *out) {
    (void)argv;
    if (nargs(S, "close", kw, argc, 0, 0)) return -1;
    ((pe_agaw *)self.u.o)->state = AW_CLOSED;
    *out = pe_none();
    return 0;
}

static const pe_cfunc agaw_methods[] = {PE_METHOD("send", m_agaw_send),
                                         PE_METHOD("throw", m_agaw_throw),
                                         PE_METHOD("close", m_agaw_close), PE_METHOD_END};

bool pe_coro_is_agaw(pe_val v) { return is_agaw(v); }

int pe_coro_agaw_send(pe_state *S, pe_val aw, pe_val v, pe_val *out) {
    return agaw_step(S, (pe_agaw *)aw.u.o, v, false, out);
}

/* The async generator's methods. */
static int m_ag_aiter(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                      pe_val *out) {
    (void)argv;
    if (nargs(S, "__aiter__", kw, argc, 0, 0)) return -1;
    pe_incref(self);
    *out = self;
    return 0;
}

static int m_ag_anext(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                      pe_val *out) {
    (void)argv;
    return nargs(S, "__anext__", kw, argc, 0, 0) ? -1 : agaw_new(S, self, K_ASEND, pe_none(), out);
}

static int m_ag_asend(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                      pe_val *out) {
    return nargs(S, "asend", kw, argc, 1, 1) ? -1 : agaw_new(S, self, K_ASEND, argv[0], out);
}

static int m_ag_athrow(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *out) {
    pe_val exc;
    if (nargs(S, "athrow", kw, argc, 1, 3) || pe_gen_throw_args(S, argc, argv, &exc)) return -1;
    int r = agaw_new(S, self, K_ATHROW, exc, out);
    pe_decref(S, exc);
    return r;
}

static int m_ag_aclose(pe_state *S, pe_val self, int argc, const pe_val *argv, pe_obj *kw,
                       pe_val *out) {
    (void)argv;
    return nargs(S, "aclose", kw, argc, 0, 0) ? -1 : agaw_new(S, self, K_ACLOSE, pe_none(), out);
}

const pe_cfunc pe_agen_methods[] = {
    PE_METHOD("__aiter__", m_ag_aiter), PE_METHOD("__anext__", m_ag_anext),
    PE_METHOD("asend", m_ag_asend),     PE_METHOD("athrow", m_ag_athrow),
    PE_METHOD("aclose", m_ag_aclose),   PE_METHOD_END,
};
