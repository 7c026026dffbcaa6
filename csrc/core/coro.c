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
static int awaitable_iter(pe_state *S, pe_val v, pe_val *out) {
    if (PE_IS_CORO(v)) {
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

int pe_coro_get_aiter(pe_state *S, pe_val *sp) {
    pe_val v = sp[-1], it;
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
static int m_iscoroutinefunction(pe_state *S, pe_val self, int argc, const pe_val *argv,
                                 pe_obj *kw, pe_val *out) {
    (void)self;
    if (pe_no_kwargs(S, "iscoroutinefunction", kw)) return -1;
    if (argc != 1) return pe_arg_count_error(S, "iscoroutinefunction", 1, 1, argc);
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
