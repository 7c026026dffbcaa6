/*
 * vm.c - the bytecode interpreter.
 *
 * One dispatch loop (computed goto on GCC/Clang, switch elsewhere) runs
 * Python-to-Python calls without C recursion: a call pushes a pe_frame
 * whose locals sit directly on the shared value stack (the arguments are
 * already in place, Lua style). Calls from C (builtins such as sorted with
 * key=) re-enter the loop with an "entry" frame. Int and float fast paths
 * are inline; everything else goes through object.c. Errors unwind through
 * each code object's exception table.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pe_class.h"
#include "pe_dunder.h"
#include "pe_vm.h"
#include "pe_match.h"

const pe_opinfo pe_opinfo_table[PE_OP__COUNT] = {
#define PE_OP_INFO(name, pops, pushes, jpushes, kind, flags) \
    {#name, pops, pushes, jpushes, PE_ARGK_##kind, flags},
    PE_OPCODES(PE_OP_INFO)
#undef PE_OP_INFO
};


/* ------------------------------------------------------------------ */
/* Stack and frames                                                    */
/* ------------------------------------------------------------------ */

/* Returns where `need` values can start: at `top` if they fit in the
 * chunk *chunk, else at the base of the next chunk (allocated on demand;
 * chunks after the top frame's are unused, frames being LIFO). */
static pe_val *stack_reserve(pe_state *S, uint32_t *chunk, pe_val *top, size_t need) {
    uint32_t c = *chunk;
    if (top && c < S->nchunks && top + need <= S->chunks[c].base + S->chunks[c].cap) return top;
    c = top ? c + 1 : 0;
    if (need > ((size_t)1 << 24)) {
        pe_raise(S, PE_EXC(MemoryError), "value stack overflow");
        return NULL;
    }
    if (c < S->nchunks && S->chunks[c].cap < need) {
        S->mem_used -= S->chunks[c].cap * sizeof(pe_val);
        pe_sys_free(S, S->chunks[c].base, S->chunks[c].cap * sizeof(pe_val));
        S->chunks[c].base = NULL;
        S->chunks[c].cap = 0;
    }
    if (c >= S->nchunks) {
        if (S->nchunks == S->chunks_cap) {
            uint32_t nc = S->chunks_cap ? S->chunks_cap * 2 : 8;
            struct pe_chunk *n =
                pe_sys_realloc(S, S->chunks, S->chunks_cap * sizeof *n, nc * sizeof *n);
            if (!n) {
                pe_raise_nomem(S);
                return NULL;
            }
            S->chunks = n;
            S->chunks_cap = nc;
        }
        S->chunks[S->nchunks].base = NULL;
        S->chunks[S->nchunks].cap = 0;
        c = S->nchunks++;
    }
    if (!S->chunks[c].base) {
        size_t cap = need > 2048 ? need : 2048; /* 32 KiB: below mmap thresholds */
        if (S->mem_limit && S->mem_used + cap * sizeof(pe_val) > S->mem_limit) {
            pe_raise_memory_limit(S);
            return NULL;
        }
        S->chunks[c].base = pe_sys_alloc(S, cap * sizeof(pe_val));
        if (!S->chunks[c].base) {
            pe_raise_nomem(S);
            return NULL;
        }
        S->chunks[c].cap = cap;
        S->mem_used += cap * sizeof(pe_val);
    }
    *chunk = c;
    return S->chunks[c].base;
}

/* Frames live in one array sized for max_depth before a run starts, so
 * frame pointers stay valid while the run re-enters the loop. */
static int frames_prepare(pe_state *S) {
    uint32_t need = S->max_depth + 4;
    if (S->frames_cap >= need) return 0;
    pe_frame *nf =
        pe_sys_realloc(S, S->frames, S->frames_cap * sizeof(pe_frame), need * sizeof(pe_frame));
    if (!nf) return pe_raise_nomem(S);
    S->mem_used += (need - S->frames_cap) * sizeof(pe_frame);
    S->frames = nf;
    S->frames_cap = need;
    return 0;
}

static pe_frame *frame_push(pe_state *S) {
    if (S->nframes >= S->max_depth || S->nframes + 1 >= S->frames_cap) {
        pe_raise(S, PE_EXC(RecursionError), "maximum recursion depth exceeded");
        return NULL;
    }
    return &S->frames[S->nframes++];
}

/* Size of a frame's window on the value stack. */
static size_t frame_size(const pe_fcode *c) {
    return (size_t)c->nlocals + c->ncells + c->nfree + c->stacksize;
}

/* ------------------------------------------------------------------ */
/* Argument binding (CPython's messages from Python/ceval.c)            */
/* ------------------------------------------------------------------ */

static const char *fname(const pe_fcode *c) { return ((pe_str *)c->qualname)->data; }
static const char *lname(const pe_fcode *c, uint32_t i) {
    return c->localnames && c->localnames[i] ? ((pe_str *)c->localnames[i])->data : "?";
}

static int missing_args(pe_state *S, const pe_fcode *c, pe_val *locals, uint32_t from,
                        uint32_t to, bool kwonly) {
    uint32_t missing = 0;
    for (uint32_t i = from; i < to; i++)
        if (locals[i].tag == PE_TUNDEF) missing++;
    pe_sb sb;
    pe_sb_init(&sb, S);
    pe_sb_printf(&sb, "%s() missing %u required %s argument%s: ", fname(c), missing,
                 kwonly ? "keyword-only" : "positional", missing == 1 ? "" : "s");
    uint32_t k = 0;
    for (uint32_t i = from; i < to; i++) {
        if (locals[i].tag != PE_TUNDEF) continue;
        if (k > 0) pe_sb_puts(&sb, missing == 2 ? " and " : k + 1 == missing ? ", and " : ", ");
        pe_sb_printf(&sb, "'%s'", lname(c, i));
        k++;
    }
    if (!sb.failed) pe_raise_str(S, PE_EXC(TypeError), sb.p, sb.len);
    pe_sb_free(&sb);
    return -1;
}

static int too_many_positional(pe_state *S, const pe_fcode *c, pe_func *f, int given,
                               int kwgiven) {
    uint32_t ndef = f->defaults.tag == PE_TOBJ ? (uint32_t)PE_TUPLE(f->defaults)->n : 0;
    char what[64];
    if (ndef)
        snprintf(what, sizeof what, "from %u to %u positional arguments", c->nargs - ndef, c->nargs);
    else
        snprintf(what, sizeof what, "%u positional argument%s", c->nargs, c->nargs == 1 ? "" : "s");
    if (kwgiven)
        return pe_raise(S, PE_EXC(TypeError),
                        "%s() takes %s but %d positional argument%s (and %d keyword-only "
                        "argument%s) were given",
                        fname(c), what, given, given == 1 ? "" : "s", kwgiven,
                        kwgiven == 1 ? "" : "s");
    return pe_raise(S, PE_EXC(TypeError), "%s() takes %s but %d %s given", fname(c), what, given,
                    given == 1 ? "was" : "were");
}

/* "f() got some positional-only arguments passed as keyword arguments: 'a, b'":
 * every positional-only parameter named by a keyword, in parameter order. */
static int posonly_as_keyword(pe_state *S, const pe_fcode *c, pe_obj *kwnames) {
    pe_tuple *kw = PE_TUPLE(pe_obj_val(kwnames));
    pe_sb sb;
    pe_sb_init(&sb, S);
    pe_sb_printf(&sb, "%s() got some positional-only arguments passed as keyword arguments: '",
                 fname(c));
    int found = 0;
    for (uint32_t i = 0; i < c->nposonly; i++) {
        for (size_t k = 0; k < kw->n; k++) {
            if (!pe_str_eq(PE_STR(kw->items[k]), (pe_str *)c->localnames[i])) continue;
            if (found++) pe_sb_puts(&sb, ", ");
            pe_sb_puts(&sb, lname(c, i));
            break;
        }
    }
    pe_sb_putc(&sb, '\'');
    if (!sb.failed) pe_raise_str(S, PE_EXC(TypeError), sb.p, sb.len);
    pe_sb_free(&sb);
    return -1;
}

/* Index of the parameter a keyword names (positional-only ones excluded),
 * or -1. */
static int32_t keyword_slot(const pe_fcode *c, pe_val kn, uint32_t total) {
    for (uint32_t j = c->nposonly; j < total; j++)
        if (c->localnames[j] == kn.u.o) return (int32_t)j;
    for (uint32_t j = c->nposonly; j < total; j++)
        if (pe_str_eq(PE_STR(kn), (pe_str *)c->localnames[j])) return (int32_t)j;
    return -1;
}

/* Binds arguments into locals (all UNDEF on entry); increfs what it
 * stores. argv holds argc values of which the last nkw are keywords.
 * The checks run in CPython's order (Python/ceval.c initialize_locals):
 * keywords first, then too many positional, then missing arguments. */
static int bind_args(pe_state *S, pe_func *f, int argc, const pe_val *argv, pe_obj *kwnames,
                     pe_val *locals) {
    const pe_fcode *c = f->code;
    int nkw = kwnames ? (int)PE_TUPLE(pe_obj_val(kwnames))->n : 0;
    int npos = argc - nkw;
    uint32_t nargs = c->nargs, total = nargs + c->nkwonly;
    uint32_t vi = total; /* *args slot */
    uint32_t ki = total + ((c->flags & PE_CO_VARARGS) ? 1 : 0);
    int take = npos < (int)nargs ? npos : (int)nargs;
    for (int i = 0; i < take; i++) {
        pe_incref(argv[i]);
        locals[i] = argv[i];
    }
    if (c->flags & PE_CO_VARARGS) {
        int extra = npos - take;
        if (pe_tuple_pack(S, (size_t)(extra > 0 ? extra : 0), argv + take, &locals[vi])) return -1;
    }
    if (c->flags & PE_CO_VARKW) {
        if (pe_dict_new(S, &locals[ki])) return -1;
    }
    for (int k = 0; k < nkw; k++) {
        pe_val kn = PE_TUPLE(pe_obj_val(kwnames))->items[k];
        pe_val v = argv[npos + k];
        int32_t j = keyword_slot(c, kn, total);
        if (j >= 0) {
            if (locals[j].tag != PE_TUNDEF)
                return pe_raise(S, PE_EXC(TypeError), "%s() got multiple values for argument '%s'",
                                fname(c), PE_STR(kn)->data);
            pe_incref(v);
            locals[j] = v;
            continue;
        }
        if (c->flags & PE_CO_VARKW) {
            if (pe_dict_set(S, PE_DICT(locals[ki]), kn, v)) return -1;
            continue;
        }
        for (uint32_t i = 0; i < c->nposonly; i++)
            if (pe_str_eq(PE_STR(kn), (pe_str *)c->localnames[i]))
                return posonly_as_keyword(S, c, kwnames);
        return pe_raise(S, PE_EXC(TypeError), "%s() got an unexpected keyword argument '%s'",
                        fname(c), PE_STR(kn)->data);
    }
    if (!(c->flags & PE_CO_VARARGS) && npos > (int)nargs) {
        int kwonly_given = 0;
        for (uint32_t j = nargs; j < total; j++)
            if (locals[j].tag != PE_TUNDEF) kwonly_given++;
        return too_many_positional(S, c, f, npos, kwonly_given);
    }
    /* defaults */
    if (npos < (int)nargs) {
        uint32_t ndef = f->defaults.tag == PE_TOBJ ? (uint32_t)PE_TUPLE(f->defaults)->n : 0;
        uint32_t first = nargs - ndef;
        for (uint32_t i = (uint32_t)npos; i < nargs; i++) {
            if (locals[i].tag != PE_TUNDEF) continue;
            if (i >= first) {
                pe_val d = PE_TUPLE(f->defaults)->items[i - first];
                pe_incref(d);
                locals[i] = d;
            }
        }
        for (uint32_t i = (uint32_t)npos; i < nargs; i++)
            if (locals[i].tag == PE_TUNDEF) return missing_args(S, c, locals, 0, nargs, false);
    }
    for (uint32_t j = nargs; j < total; j++) {
        if (locals[j].tag != PE_TUNDEF) continue;
        pe_val d;
        if (f->kwdefaults.tag == PE_TOBJ &&
            pe_dict_get(S, PE_DICT(f->kwdefaults), pe_obj_val(c->localnames[j]), &d) == 1) {
            pe_incref(d);
            locals[j] = d;
        }
    }
    for (uint32_t j = nargs; j < total; j++)
        if (locals[j].tag == PE_TUNDEF) return missing_args(S, c, locals, nargs, total, true);
    return 0;
}

/* Creates cells for this frame and copies the closure's cells. */
static int init_cells(pe_state *S, pe_func *f, pe_val *locals) {
    const pe_fcode *c = f->code;
    pe_val *cells = locals + c->nlocals;
    for (uint32_t i = 0; i < c->ncells; i++) {
        pe_val init = pe_undef();
        if (c->cell2arg && c->cell2arg[i] >= 0) init = locals[c->cell2arg[i]];
        if (pe_cell_new(S, init, &cells[i])) return -1;
    }
    for (uint32_t i = 0; i < c->nfree; i++) {
        pe_val cell = PE_TUPLE(f->closure)->items[i];
        pe_incref(cell);
        cells[c->ncells + i] = cell;
    }
    return 0;
}

/* Sets up a frame for f with locals at `base` (stack reserved by caller);
 * args bound from argv (borrowed). */
/* A frame for f with its window at base (nothing in it set yet). */
PE_INLINE pe_frame *frame_setup(pe_state *S, pe_func *f, pe_val *base, uint32_t chunk,
                                pe_val *ret) {
    pe_frame *fr = frame_push(S);
    if (!fr) return NULL;
    fr->chunk = chunk;
    fr->ret = ret;
    fr->code = f->code;
    fr->func = f;
    fr->pc = f->code->code;
    fr->locals = base;
    fr->globals = f->globals;
    fr->entry = 0;
    return fr;
}

static pe_frame *enter_function(pe_state *S, pe_func *f, pe_val *base, uint32_t chunk,
                                pe_val *ret, int argc, const pe_val *argv, pe_obj *kwnames,
                                bool fast) {
    const pe_fcode *c = f->code;
    uint32_t nslots = c->nlocals + c->ncells + c->nfree;
    pe_frame *fr = frame_setup(S, f, base, chunk, ret);
    if (!fr) return NULL;
    if (fast) {
        for (uint32_t i = (uint32_t)argc; i < nslots; i++) base[i] = pe_undef();
    } else {
        for (uint32_t i = 0; i < nslots; i++) base[i] = pe_undef();
        fr->sp = base + nslots;
        if (bind_args(S, f, argc, argv, kwnames, base)) return NULL;
    }
    fr->sp = base + nslots;
    if ((c->ncells || c->nfree) && init_cells(S, f, base)) return NULL;
    return fr;
}

/* Drops a frame's locals and stack; the frame is popped. (Inline: on
 * RETURN_VALUE's path, the hot half of every call.) */
PE_INLINE void frame_clear(pe_state *S, pe_frame *fr, pe_val *sp) {
    for (pe_val *p = fr->locals; p < sp; p++) pe_decref(S, *p);
    S->nframes--;
}

/* ------------------------------------------------------------------ */
/* Generator frames                                                    */
/* ------------------------------------------------------------------ */

/* Where a frame may start above everything live: the end of the top
 * frame's whole window (its sp may be stale while an instruction runs, e.g.
 * when a release in the middle of one finalizes a generator). */
static pe_val *safe_top(pe_state *S, uint32_t *chunk) {
    if (S->nframes == 0) {
        *chunk = 0;
        return NULL;
    }
    pe_frame *t = &S->frames[S->nframes - 1];
    *chunk = t->chunk;
    return t->locals + frame_size(t->code);
}

static bool same_val(pe_val a, pe_val b) {
    return a.tag == b.tag && (a.tag != PE_TOBJ || a.u.o == b.u.o);
}

/* stack_reserve's common case inline: the window fits above top. */
PE_INLINE pe_val *stack_reserve_fast(pe_state *S, uint32_t *chunk, pe_val *top, size_t need) {
    uint32_t c = *chunk;
    if (PE_LIKELY(top && c < S->nchunks && top + need <= S->chunks[c].base + S->chunks[c].cap))
        return top;
    return stack_reserve(S, chunk, top, need);
}

/* Copies n values (a generator's window: usually a handful; no libc
 * call for them). */
PE_INLINE void copy_vals(pe_val *dst, const pe_val *src, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) dst[i] = src[i];
}

/* Pushes g's frame with its window at base (reserved) and copies the
 * saved window in. The generator's handled exception (if it is
 * suspended inside an except block) becomes the state's; the resumer's is
 * kept in the generator (outer_handled) until the frame is left. The
 * caller pushes the sent value. */
static pe_frame *gen_frame_push(pe_state *S, pe_gen *g, pe_val *base, uint32_t chunk) {
    pe_frame *fr = frame_push(S);
    if (!fr) return NULL;
    pe_fcode *c = g->func->code;
    fr->chunk = chunk;
    fr->code = c;
    fr->func = g->func;
    fr->pc = c->code + g->pc;
    fr->locals = base;
    copy_vals(base, g->saved, g->nsaved);
    fr->sp = base + g->nsaved;
    g->nsaved = 0;
    fr->globals = g->func->globals;
    fr->entry = PE_FR_GEN;
    fr->gen = g;
    pe_incref_obj(&g->ob);
    g->state = PE_GEN_RUNNING;
    fr->gen->outer_handled = S->handled;
    if (g->exc_state.tag != PE_TUNDEF) {
        S->handled = g->exc_state;
        g->exc_state = pe_undef();
    } else {
        pe_incref(S->handled);
    }
    return fr;
}

/* Pushes g's frame above `top` (chunk *chunk) for a resumption by the
 * loop itself (FOR_ITER, SEND), with v (owned) as the sent value. On
 * failure v is still the caller's. */
static int gen_push_inline(pe_state *S, pe_gen *g, pe_val *top, uint32_t chunk, pe_val v) {
    pe_val *base = stack_reserve_fast(S, &chunk, top, g->cap);
    if (!base) return -1;
    pe_frame *fr = gen_frame_push(S, g, base, chunk);
    if (!fr) return -1;
    *fr->sp++ = v;
    return 0;
}

/* The generator's side of leaving its frame (yield, return, exception):
 * the resumer's handled exception comes back. */
static void gen_restore_handled(pe_state *S, pe_frame *f, pe_gen *g, bool suspend) {
    if (suspend && !same_val(S->handled, f->gen->outer_handled)) {
        g->exc_state = S->handled;
    } else {
        pe_decref(S, S->handled);
    }
    S->handled = g->outer_handled;
    g->outer_handled = pe_undef();
}

/* YIELD_VALUE: moves the frame's window (up to sp) into the generator;
 * the frame is popped. */
static void gen_suspend(pe_state *S, pe_frame *f, pe_val *sp) {
    pe_gen *g = f->gen;
    uint32_t n = (uint32_t)(sp - f->locals);
    PE_ASSERT(n <= g->cap);
    copy_vals(g->saved, f->locals, n);
    g->nsaved = n;
    g->pc = (uint32_t)(f->pc - f->code->code);
    g->state = PE_GEN_SUSPENDED;
    gen_restore_handled(S, f, g, true);
    S->nframes--;
    pe_decref_obj(S, &g->ob); /* the resumer holds another reference */
}

/* The generator finished (returned or raised): its frame is cleared. */
static void gen_finish(pe_state *S, pe_frame *f, pe_val *sp) {
    pe_gen *g = f->gen;
    g->state = PE_GEN_CLOSED;
    gen_restore_handled(S, f, g, false);
    frame_clear(S, f, sp);
    pe_decref_obj(S, &g->ob);
}

/* PEP 479: a StopIteration leaving a generator's frame becomes
 * "RuntimeError: generator raised StopIteration" caused by it. */
static void gen_stopiteration_to_runtime(pe_state *S, const pe_gen *g) {
    bool ag = g->ob.type == &pe_type_async_generator;
    bool sai = ag && pe_exc_matches(S, PE_EXC(StopAsyncIteration));
    if (!sai && !pe_exc_matches(S, PE_EXC(StopIteration))) return;
    pe_val si = S->exc;
    S->exc = pe_undef();
    if (pe_raise(S, PE_EXC(RuntimeError), "%s raised %s",
                 ag ? "async generator" : g->ob.type->name,
                 sai ? "StopAsyncIteration" : "StopIteration") &&
        pe_exc_matches(S, PE_EXC(RuntimeError)) && !(S->exc.u.o->flags & PE_IMMORTAL)) {
        pe_exc *e = PE_EXCOBJ(S->exc);
        pe_val oc = e->cause, ox = e->context;
        pe_incref(si);
        e->cause = si;
        e->context = si;
        e->suppress_context = true;
        pe_decref(S, oc);
        pe_decref(S, ox);
        return;
    }
    pe_decref(S, si);
}

/* RETURN_GENERATOR: the frame's window (locals and cells: the stack is
 * empty) moves into a new generator, resumed after this instruction. */
static int gen_create(pe_state *S, pe_frame *f, pe_val *sp, uint32_t coro, pe_val *out) {
    static const pe_type *const types[3] = {&pe_type_generator, &pe_type_coroutine,
                                             &pe_type_async_generator};
    pe_gen *g = pe_gen_new_typed(S, types[coro <= 2 ? coro : 0], f->func,
                                 (uint32_t)frame_size(f->code));
    if (!g) return -1;
    uint32_t n = (uint32_t)(sp - f->locals);
    memcpy(g->saved, f->locals, n * sizeof(pe_val));
    g->nsaved = n;
    g->pc = (uint32_t)(f->pc - f->code->code);
    *out = pe_obj_val(&g->ob);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Limits                                                              */
/* ------------------------------------------------------------------ */

static PE_NOINLINE int check_limits(pe_state *S, uint32_t cost) {
    if (S->limits.max_steps) {
        if (S->steps_left < cost + 1) {
            S->steps_left = 0;
            return pe_raise_step_limit(S);
        }
        S->steps_left -= cost + 1;
    }
    if (S->interrupted) return pe_check_interrupt_and_time(S);
    /* the clock is read every 256 back-edges */
    if (S->deadline > 0 && ++S->time_check_counter >= 256) {
        S->time_check_counter = 0;
        if (pe_now() >= S->deadline) return pe_raise_time_limit(S);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Helpers for the loop's slow paths                                   */
/* ------------------------------------------------------------------ */

/* `del obj.name`: no object of the subset has a deletable attribute (a
 * module's would be, in CPython: pyexpr's modules are immutable); raises
 * CPython's error for the kind of attribute. */

static int exc_match(pe_state *S, pe_val exc, pe_val t, bool *out) {
    if (pe_is_kind(t, PE_K_TUPLE)) {
        pe_tuple *tt = PE_TUPLE(t);
        *out = false;
        for (size_t i = 0; i < tt->n; i++) {
            bool m;
            if (exc_match(S, exc, tt->items[i], &m)) return -1;
            if (m) {
                *out = true;
                return 0;
            }
        }
        return 0;
    }
    if (!pe_is_kind(t, PE_K_TYPE) || ((const pe_type *)t.u.o)->kind != PE_K_EXC)
        return pe_raise(S, PE_EXC(TypeError),
                        "catching classes that do not inherit from BaseException is not allowed");
    *out = pe_type_is_subtype(exc.u.o->type, (const pe_type *)t.u.o);
    return 0;
}

/* raise / raise X / raise X from Y */
static int do_raise(pe_state *S, pe_val exc, pe_val cause) {
    if (exc.tag == PE_TUNDEF) {
        if (S->handled.tag != PE_TOBJ)
            return pe_raise(S, PE_EXC(RuntimeError), "No active exception to reraise");
        pe_incref(S->handled);
        pe_val old = S->exc;
        S->exc = S->handled;
        pe_decref(S, old);
        return -1;
    }
    pe_val inst = exc;
    if (pe_is_kind(exc, PE_K_TYPE) && ((const pe_type *)exc.u.o)->kind == PE_K_EXC) {
        if (pe_exc_instantiate(S, exc, &inst)) return -1;
    } else if (!pe_is_kind(exc, PE_K_EXC)) {
        return pe_raise(S, PE_EXC(TypeError), "exceptions must derive from BaseException");
    } else {
        pe_incref(inst);
    }
    if (cause.tag != PE_TUNDEF) {
        pe_val c = cause;
        if (pe_is_kind(cause, PE_K_TYPE) && ((const pe_type *)cause.u.o)->kind == PE_K_EXC) {
            if (pe_call(S, cause, 0, NULL, NULL, &c)) {
                pe_decref(S, inst);
                return -1;
            }
        } else if (cause.tag == PE_TNONE) {
            c = pe_undef();
        } else if (!pe_is_kind(cause, PE_K_EXC)) {
            pe_decref(S, inst);
            return pe_raise(S, PE_EXC(TypeError), "exception causes must derive from BaseException");
        } else {
            pe_incref(c);
        }
        pe_exc *e = PE_EXCOBJ(inst);
        pe_val old = e->cause;
        e->cause = c;
        e->suppress_context = true;
        pe_decref(S, old);
    }
    int r = pe_raise_exc(S, inst);
    pe_decref(S, inst);
    return r;
}

/* PRINT_EXPR: the interactive echo (CPython's sys.displayhook): None is
 * not shown; otherwise the front end's hook, or repr and a newline. */
static PE_NOINLINE int display_value(pe_state *S, pe_val v) {
    if (v.tag == PE_TNONE) return 0;
    if (S->displayhook) return S->displayhook(S, v, S->displayhook_ud);
    pe_sb sb;
    pe_sb_init(&sb, S);
    int r = pe_repr(S, v, &sb);
    if (r == 0 && sb.failed) r = pe_raise_nomem(S);
    if (r == 0) {
        S->out(S->out_ud, sb.p, sb.len);
        S->out(S->out_ud, "\n", 1);
    }
    pe_sb_free(&sb);
    return r;
}

/* Has v (an instance of a class) a keys attribute, as a mapping given to
 * ** or {**v} must? (cold: dicts never get here) */
static bool has_keys(pe_state *S, pe_val v) {
    if (v.tag != PE_TOBJ || !pe_is_heaptype(v.u.o->type)) return false;
    pe_val name, f;
    if (pe_str_from_cstr(S, "keys", &name)) {
        pe_exc_clear(S);
        return false;
    }
    int r = pe_getattr(S, v, name.u.o, &f);
    pe_decref(S, name);
    if (r) {
        pe_exc_clear(S);
        return false;
    }
    pe_decref(S, f);
    return true;
}

/* NameError with CPython's "Did you mean" suggestion: the frame's locals,
 * then the defined globals, then the builtins. */
static int name_error(pe_state *S, const pe_val *globals, const pe_fcode *fc, uint32_t slot) {
    /* the frame's program: the script's (a session's view), or an imported
     * module's own code when the frame runs on that module's globals */
    const pe_code *code = globals == S->globals || !fc->prog ? S->code : fc->prog;
    const char *name = ((pe_str *)code->gnames[slot])->data;
    pe_raise(S, PE_EXC(NameError), "name '%s' is not defined", name);
    pe_exc_set_name(S, name, pe_undef());
    size_t nl = fc->nlocals + fc->ncells + fc->nfree, n = 0;
    size_t csize = (nl + code->nglobals + 1) * sizeof(char *);
    const char **c = pe_sys_alloc(S, csize);
    if (!c) return -1;
    for (size_t i = 0; i < nl; i++)
        c[n++] = fc->localnames && fc->localnames[i] ? ((pe_str *)fc->localnames[i])->data : NULL;
    int k = pe_suggest(name, c, n);
    if (k < 0) {
        n = 0;
        for (uint32_t i = 0; i < code->nglobals; i++)
            if (globals[i].tag != PE_TUNDEF && code->gbuiltin[i] < 0)
                c[n++] = ((pe_str *)code->gnames[i])->data;
        k = pe_suggest(name, c, n);
    }
    if (k < 0) {
        const char *b = pe_builtin_suggest(name);
        if (b) pe_exc_set_suggestion(S, b);
    } else {
        pe_exc_set_suggestion(S, c[k]);
    }
    pe_sys_free(S, c, csize);
    return -1;
}

/* LOAD_GLOBAL of an unbound name: the host resolves it when it asked to
 * (pe_set_suspend_names: the run suspends, suspend.c), else NameError. */
static PE_NOINLINE int global_name_error(pe_state *S, pe_frame *f, uint32_t slot) {
    if (S->susp.names && pe_suspend_name(S, f, slot)) return -1;
    return name_error(S, f->globals, f->code, slot);
}

static int unbound_local(pe_state *S, const pe_fcode *c, uint32_t i) {
    return pe_raise(S, PE_EXC(UnboundLocalError),
                    "cannot access local variable '%s' where it is not associated with a value",
                    lname(c, i));
}

static int unbound_deref(pe_state *S, const pe_fcode *c, uint32_t i) {
    if (i < c->nlocals + c->ncells) return unbound_local(S, c, i);
    return pe_raise(S, PE_EXC(NameError),
                    "cannot access free variable '%s' where it is not associated with a value in "
                    "enclosing scope",
                    lname(c, i));
}

static int make_function(pe_state *S, pe_frame *fr, uint32_t flags, pe_val *sp, pe_val *out) {
    pe_val codev = sp[-1];
    pe_val closure = (flags & 8) ? sp[-2] : pe_undef();
    int k = (flags & 8) ? 3 : 2;
    pe_val kwdefs = (flags & 2) ? sp[-k++] : pe_undef();
    pe_val defs = (flags & 1) ? sp[-k] : pe_undef();
    pe_func *f = (pe_func *)pe_obj_new(S, &pe_type_function, sizeof(pe_func));
    if (!f) return -1;
    f->code = (pe_fcode *)codev.u.o;
    pe_incref(codev);
    pe_incref(defs);
    pe_incref(kwdefs);
    pe_incref(closure);
    f->defaults = defs;
    f->kwdefaults = kwdefs;
    f->closure = closure;
    f->globals = fr->globals;
    f->dict = pe_undef();
    *out = pe_obj_val(&f->ob);
    return 0;
}

/* CPython's _PyObject_FunctionStr: "module.qualname()" ("print()" for a
 * builtin), how call errors name the callee. */
static void func_str(pe_state *S, pe_val fn, pe_sb *sb) {
    pe_val key, q, m;
    if (pe_is_kind(fn, PE_K_CFUNC)) { /* print(), list.append() */
        const pe_cfunc *c = (const pe_cfunc *)fn.u.o;
        if (c->self.tag == PE_TUNDEF || pe_is_kind(c->self, PE_K_MODULE))
            pe_sb_printf(sb, "%s()", c->name);
        else
            pe_sb_printf(sb, "%s.%s()", pe_type_name(c->self), c->name);
        return;
    }
    if (pe_str_from_cstr(S, "__qualname__", &key)) return;
    int r = pe_getattr(S, fn, key.u.o, &q);
    pe_decref(S, key);
    if (r || !pe_is_str(q)) {
        if (r == 0) pe_decref(S, q);
        pe_exc_clear(S);
        if (pe_tostr(S, fn, sb)) pe_exc_clear(S);
        return;
    }
    if (pe_str_from_cstr(S, "__module__", &key) == 0) {
        r = pe_getattr(S, fn, key.u.o, &m);
        pe_decref(S, key);
        if (r) pe_exc_clear(S);
        else if (pe_is_str(m) && strcmp(PE_STR(m)->data, "builtins"))
            pe_sb_printf(sb, "%s.", PE_STR(m)->data);
        if (r == 0) pe_decref(S, m);
    }
    pe_sb_printf(sb, "%s()", PE_STR(q)->data);
    pe_decref(S, q);
}

/* TypeError "f() <msg><v's type name>" (v_repr: "f() <msg><repr(v)>")
 * naming the callee as CPython does. */
static int call_arg_error(pe_state *S, pe_val fn, const char *msg, pe_val v, bool v_repr) {
    pe_sb sb;
    pe_sb_init(&sb, S);
    func_str(S, fn, &sb);
    pe_sb_printf(&sb, " %s", msg);
    if (!v_repr) pe_sb_puts(&sb, pe_type_name(v));
    else if (pe_repr(S, v, &sb)) pe_exc_clear(S);
    if (!sb.failed) pe_raise_str(S, PE_EXC(TypeError), sb.p, sb.len);
    else pe_raise_nomem(S);
    pe_sb_free(&sb);
    return -1;
}

/* DICT_UPDATE ({**m}) and DICT_MERGE (f(**m), the callee at sp[-3 - arg]):
 * the mapping m = sp[-1] into the dict at sp[-1 - arg]; for a call, a key
 * given twice is an error. */
static PE_NOINLINE int dict_merge_op(pe_state *S, const pe_val *sp, uint32_t arg, bool call) {
    pe_val v = sp[-1], dup, fn = call ? sp[-3 - (int)arg] : pe_undef();
    if (!pe_is_dict(v) && !has_keys(S, v))
        return call ? call_arg_error(S, fn, "argument after ** must be a mapping, not ", v, false)
                    : pe_raise(S, PE_EXC(TypeError), "'%s' object is not a mapping", pe_type_name(v));
    int r = pe_dict_merge(S, PE_DICT(sp[-1 - (int)arg]), v, call ? &dup : NULL);
    if (r > 0) {
        call_arg_error(S, fn, "got multiple values for keyword argument ", dup, true);
        pe_decref(S, dup);
    }
    return r ? -1 : 0;
}

static int call_ex(pe_state *S, pe_val callee, pe_val args, pe_val kwargs, pe_val *out) {
    if (!pe_is_kind(args, PE_K_TUPLE)) {
        /* f(*x): x itself (any iterable), made a tuple here as CPython's
         * CALL_FUNCTION_EX does */
        pe_val it, l, t;
        if (pe_iter(S, args, &it)) {
            if (!pe_exc_matches(S, PE_EXC(TypeError)) || pe_typeof(args)->iter ||
                pe_typeof(args)->getitem || pe_is_heaptype(pe_typeof(args)))
                return -1;
            pe_exc_clear(S);
            return call_arg_error(S, callee, "argument after * must be an iterable, not ", args, false);
        }
        int r = pe_list_new(S, 0, &l);
        if (r == 0) {
            r = pe_list_extend(S, PE_LIST(l), it);
            if (r == 0) r = pe_list_to_tuple(S, PE_LIST(l), &t);
            pe_decref(S, l);
        }
        pe_decref(S, it);
        if (r) return -1;
        r = call_ex(S, callee, t, kwargs, out);
        pe_decref(S, t);
        return r;
    }
    pe_tuple *t = PE_TUPLE(args);
    if (kwargs.tag == PE_TUNDEF || PE_DICT(kwargs)->used == 0)
        return pe_call(S, callee, (int)t->n, t->items, NULL, out);
    pe_dict *d = PE_DICT(kwargs);
    size_t n = t->n + d->used;
    pe_val *argv = pe_mem_alloc(S, n * sizeof(pe_val));
    if (!argv) return -1;
    pe_val names;
    if (pe_tuple_new(S, d->used, &names)) {
        pe_mem_free(S, argv, n * sizeof(pe_val));
        return -1;
    }
    memcpy(argv, t->items, t->n * sizeof(pe_val));
    size_t pos = 0, k = 0;
    pe_val key, value;
    int r = 0;
    while (pe_dict_next(d, &pos, &key, &value)) {
        if (!pe_is_str(key)) {
            r = pe_raise(S, PE_EXC(TypeError), "keywords must be strings");
            break;
        }
        pe_incref(key);
        PE_TUPLE(names)->items[k] = key;
        argv[t->n + k] = value;
        k++;
    }
    if (!r) r = pe_call(S, callee, (int)n, argv, names.u.o, out);
    pe_decref(S, names);
    pe_mem_free(S, argv, n * sizeof(pe_val));
    return r;
}

/* ------------------------------------------------------------------ */
/* cls(...) without re-entering the VM                                 */
/* ------------------------------------------------------------------ */

/* CALL of a heap type whose instances are plain objects made by
 * object.__new__ and whose __init__ is a Python function taking exactly
 * the arguments given: the instance goes into the callee's slot (the
 * call's result) and __init__ runs as a frame of this loop (PE_FR_INIT;
 * RETURN_VALUE checks its None). 1 = pushed, 0 = not applicable (nothing
 * done), -1 = error (the caller's stack stays consistent with f->sp). */
static PE_NOINLINE int class_call_frame(pe_state *S, pe_frame *f, pe_val *sp, uint32_t argc) {
    pe_val *args = sp - argc, *ret = args - 1;
    pe_class *c = PE_CLASS(ret->u.o);
    pe_val initf = c->special[PE_DU_init];
    if (c->solid != &pe_type_object || c->special[PE_DU_new].tag != PE_TUNDEF ||
        !pe_is_kind(initf, PE_K_FUNC))
        return 0;
    pe_func *fn = (pe_func *)initf.u.o;
    const pe_fcode *code = fn->code;
    if (argc + 1 != code->nargs || (code->flags & (PE_CO_VARARGS | PE_CO_VARKW)) ||
        code->nkwonly || PE_OPOF(code->code[0]) == PE_OP_RETURN_GENERATOR)
        return 0;
    if (PE_UNLIKELY(S->armed) &&
        check_limits(S, 1))
        return -1;
    pe_val obj;
    if (pe_instance_new(S, &c->tp, &obj)) return -1;
    uint32_t chunk = f->chunk;
    pe_val *base = stack_reserve_fast(S, &chunk, args, frame_size(code));
    if (!base) {
        pe_decref(S, obj);
        return -1;
    }
    /* locals: self, then the arguments (moved, not copied) */
    memmove(base + 1, args, argc * sizeof(pe_val));
    base[0] = obj;
    pe_incref(obj);
    pe_val cls = *ret;
    *ret = obj;
    pe_decref(S, cls); /* the instance holds the class */
    f->sp = args;      /* the caller keeps only the result slot */
    pe_incref_obj(&fn->ob);
    pe_frame *nf = enter_function(S, fn, base, chunk, ret, (int)argc + 1, base, NULL, true);
    if (!nf) {
        if (&S->frames[S->nframes - 1] != f) {
            pe_frame *bad = &S->frames[S->nframes - 1];
            frame_clear(S, bad, bad->sp);
        } else {
            for (uint32_t i = 0; i <= argc; i++) pe_decref(S, base[i]);
        }
        pe_decref_obj(S, &fn->ob);
        return -1;
    }
    nf->entry = PE_FR_INIT;
    return 1;
}

/* a OP b with a a plain instance whose class defines __op__ in Python:
 * pushes the __op__ frame (PE_FR_BINOP). 1 = pushed, 0 = not applicable,
 * -1 = error. */
static PE_NOINLINE int binop_frame(pe_state *S, pe_frame *f, pe_val *sp, int op) {
    pe_val fv = pe_dunder_binop_left_only(sp[-2], sp[-1], op);
    if (!pe_is_kind(fv, PE_K_FUNC)) return 0;
    pe_func *fn = (pe_func *)fv.u.o;
    const pe_fcode *code = fn->code;
    if (code->nargs != 2 || (code->flags & (PE_CO_VARARGS | PE_CO_VARKW)) || code->nkwonly ||
        PE_OPOF(code->code[0]) == PE_OP_RETURN_GENERATOR)
        return 0;
    if (PE_UNLIKELY(S->armed) &&
        check_limits(S, 1))
        return -1;
    uint32_t chunk = f->chunk;
    pe_val *base = stack_reserve_fast(S, &chunk, sp, frame_size(code));
    if (!base) return -1;
    base[0] = sp[-2];
    base[1] = sp[-1];
    pe_incref(base[0]);
    pe_incref(base[1]);
    pe_incref_obj(&fn->ob); /* the call may rebind the class attribute */
    pe_frame *nf = enter_function(S, fn, base, chunk, sp - 2, 2, base, NULL, true);
    if (!nf) {
        if (&S->frames[S->nframes - 1] != f) {
            pe_frame *bad = &S->frames[S->nframes - 1];
            frame_clear(S, bad, bad->sp);
        } else {
            pe_decref(S, base[0]);
            pe_decref(S, base[1]);
        }
        pe_decref_obj(S, &fn->ob);
        return -1;
    }
    nf->entry = PE_FR_BINOP | ((uint32_t)op << 8);
    return 1;
}

/* The end of a PE_FR_BINOP frame that returned v: ret[0] = the result
 * (NotImplemented: the rest of the protocol), a and b released. */
static PE_NOINLINE int binop_return(pe_state *S, pe_func *fn, int op, pe_val *ret, pe_val v) {
    pe_decref_obj(S, &fn->ob);
    if (pe_is_notimplemented(v)) {
        pe_decref(S, v);
        if (pe_dunder_binop_after_left(S, op, ret[0], ret[1], &v)) return -1;
    }
    pe_decref(S, ret[0]);
    pe_decref(S, ret[1]);
    ret[0] = v;
    return 0;
}

/* The end of an __init__ frame: drops its function; the result must be
 * None. */
static PE_NOINLINE int init_return(pe_state *S, pe_func *fn, pe_val v) {
    pe_decref_obj(S, &fn->ob);
    if (v.tag == PE_TNONE) return 0;
    pe_raise(S, PE_EXC(TypeError), "__init__() should return None, not '%s'", pe_type_name(v));
    pe_decref(S, v);
    return -1;
}

/* ------------------------------------------------------------------ */
/* with (cold paths of BEFORE_WITH / WITH_EXCEPT_START)                */
/* ------------------------------------------------------------------ */

/* mgr.__enter__ and mgr.__exit__, looked up on the type (CPython 3.11's
 * _PyObject_LookupSpecial) and bound to mgr; or its TypeError. Built-in
 * types have neither. */
/* The bound __enter__/__exit__ (async_: __aenter__/__aexit__) of mgr, or
 * CPython's TypeError. */
static int with_lookup(pe_state *S, pe_val mgr, bool async_, pe_val *enter, pe_val *exitf) {
    const pe_type *t = pe_typeof(mgr);
    pe_val en = pe_type_special(t, async_ ? PE_DU_aenter : PE_DU_enter);
    pe_val ex = pe_type_special(t, async_ ? PE_DU_aexit : PE_DU_exit);
    const char *a = async_ ? "asynchronous " : "";
    if (en.tag == PE_TUNDEF)
        return pe_raise(S, PE_EXC(TypeError),
                        "'%s' object does not support the %scontext manager protocol", t->name, a);
    if (ex.tag == PE_TUNDEF)
        return pe_raise(S, PE_EXC(TypeError),
                        "'%s' object does not support the %scontext manager protocol "
                        "(missed __%sexit__ method)",
                        t->name, a, async_ ? "a" : "");
    if (pe_descr_get(S, en, mgr, t, enter)) return -1;
    if (pe_descr_get(S, ex, mgr, t, exitf)) {
        pe_decref(S, *enter);
        return -1;
    }
    return 0;
}

/* BEFORE_WITH: sp[-1] mgr -> sp[-1] bound __exit__, sp[0] __enter__()
 * (BEFORE_ASYNC_WITH: __aexit__, __aenter__()). */
static PE_NOINLINE int before_with(pe_state *S, pe_val *sp, bool async_) {
    pe_val mgr = sp[-1], enter, exitf, res;
    if (with_lookup(S, mgr, async_, &enter, &exitf)) return -1;
    int r = pe_call(S, enter, 0, NULL, NULL, &res);
    pe_decref(S, enter);
    if (r) {
        pe_decref(S, exitf);
        return -1;
    }
    pe_decref(S, mgr);
    sp[-1] = exitf;
    sp[0] = res;
    return 0;
}

/* WITH_EXCEPT_START: [exit prev exc] -> exit(type(exc), exc, None) in
 * sp[0]. pyexpr has no traceback objects: the third argument is None. */
static PE_NOINLINE int with_except_start(pe_state *S, pe_val *sp) {
    pe_val exc = sp[-1];
    pe_val args[3] = {pe_obj_val((pe_obj *)pe_typeof(exc)), exc, pe_none()};
    return pe_call(S, sp[-3], 3, args, NULL, &sp[0]);
}

/* ------------------------------------------------------------------ */
/* LOAD_METHOD on a static C module                                    */
/* ------------------------------------------------------------------ */

/* Static modules (math, sys: immortal, read-only) answer a name with the
 * same static built-in function every time: cached per state by (module,
 * name), a hit confirmed by the function's name (a name's address may be
 * reused). */
PE_INLINE struct pe_mcache_module *modcache_slot(pe_state *S, const pe_obj *mod,
                                                 const pe_obj *nm) {
    return &S->modcache[(((uintptr_t)nm >> 4) ^ ((uintptr_t)mod >> 5)) & 31];
}

PE_INLINE bool is_static_module(pe_val v) {
    return v.tag == PE_TOBJ && v.u.o->type == &pe_type_module && (v.u.o->flags & PE_IMMORTAL) &&
           ((const pe_module *)v.u.o)->lookup;
}

static PE_NOINLINE void modcache_fill(pe_state *S, pe_val mod, const pe_obj *nm, pe_val res) {
    if (!is_static_module(mod) || res.tag != PE_TOBJ || res.u.o->type != &pe_type_builtin ||
        !(res.u.o->flags & PE_IMMORTAL))
        return;
    const pe_cfunc *f = (const pe_cfunc *)res.u.o;
    if (f->self.tag != PE_TUNDEF || strcmp(f->name, ((const pe_str *)nm)->data)) return;
    struct pe_mcache_module *e = modcache_slot(S, mod.u.o, nm);
    e->mod = mod.u.o;
    e->name = nm;
    e->f = f;
}

/* ------------------------------------------------------------------ */
/* The dispatch loop                                                   */
/* ------------------------------------------------------------------ */

#if defined(__GNUC__) && !defined(PE_NO_COMPUTED_GOTO)
#define PE_COMPUTED_GOTO 1
#endif
/* GCC places a cold label's block out of the hot path (clang ignores the
 * attribute on labels, with a warning) */
#if defined(__GNUC__) && !defined(__clang__)
#define PE_COLD_LABEL __attribute__((cold))
#else
#define PE_COLD_LABEL
#endif

/* Debug and sanitizer builds (-DPE_DEBUG) check the engine's invariants:
 * before every instruction and at every push and pop, the stack pointer
 * lies between the frame's stack base and the maximum depth the compiler's
 * flow pass computed (pe_fcode.stacksize); every frame loaded lies inside
 * the frame array and its window inside its stack chunk. Release builds
 * check nothing. */
#ifdef PE_DEBUG
#define STACK_BASE() (locals + f->code->nlocals + f->code->ncells + f->code->nfree)
#define CHECK_STACK() PE_ASSERT(sp >= STACK_BASE() && sp <= STACK_BASE() + f->code->stacksize)
#define CHECK_PUSH() PE_ASSERT(sp >= STACK_BASE() && sp < STACK_BASE() + f->code->stacksize)
#define CHECK_POP() PE_ASSERT(sp > STACK_BASE() && sp <= STACK_BASE() + f->code->stacksize)
#define CHECK_FRAME()                                                                       \
    PE_ASSERT(S->nframes >= 1 && S->nframes <= S->frames_cap && f->chunk < S->nchunks &&   \
              f->locals >= S->chunks[f->chunk].base &&                                      \
              f->locals + frame_size(f->code) <= S->chunks[f->chunk].base +                 \
                                                    S->chunks[f->chunk].cap &&              \
              f->pc >= f->code->code && f->pc < f->code->code + f->code->ncode)
#else
#define CHECK_STACK() ((void)0)
#define CHECK_PUSH() ((void)0)
#define CHECK_POP() ((void)0)
#define CHECK_FRAME() ((void)0)
#endif

/* Developer aid (tools/oppairs.py): a build with -DPE_OPPAIRS counts the
 * executed opcode pairs (previous, next) and writes them to the file named
 * by $PE_OPPAIRS_OUT at exit. Never in a normal build: the counters are
 * process-wide. */
#ifdef PE_OPPAIRS
static uint64_t oppair_counts[PE_OP__COUNT][PE_OP__COUNT];
static unsigned oppair_prev;
static void oppairs_dump(void) {
    const char *path = getenv("PE_OPPAIRS_OUT");
    FILE *fp = path ? fopen(path, "w") : NULL;
    if (!fp) return;
    for (unsigned a = 0; a < PE_OP__COUNT; a++)
        for (unsigned b = 0; b < PE_OP__COUNT; b++)
            if (oppair_counts[a][b])
                fprintf(fp, "%s %s %llu\n", pe_opinfo_table[a].name, pe_opinfo_table[b].name,
                        (unsigned long long)oppair_counts[a][b]);
    fclose(fp);
}
#define OPPAIR_COUNT(op)                                                      \
    do {                                                                      \
        static bool reg_;                                                     \
        if (!reg_) reg_ = !atexit(oppairs_dump);                              \
        if ((op) < PE_OP__COUNT) oppair_counts[oppair_prev][(op)]++;          \
        oppair_prev = (op) < PE_OP__COUNT ? (op) : 0;                         \
    } while (0)
#else
#define OPPAIR_COUNT(op) ((void)0)
#endif

#ifdef PE_COMPUTED_GOTO
#define TARGET(op) L_##op:
#define DISPATCH()                                \
    do {                                          \
        CHECK_STACK();                            \
        w = *pc++;                                \
        OPPAIR_COUNT(PE_OPOF(w));                 \
        goto *dispatch[PE_OPOF(w)];               \
    } while (0)
#else
#define TARGET(op) case PE_OP_##op:
#define DISPATCH() goto next
#endif

#define ARG (PE_ARGOF(w))
#define PUSH(v) (CHECK_PUSH(), *sp++ = (v))
#define POP() (CHECK_POP(), *--sp)
#define TOP() (sp[-1])
#define SYNC() (f->sp = sp, f->pc = pc)
#define LOAD_FRAME()                          \
    do {                                      \
        f = &S->frames[S->nframes - 1];       \
        CHECK_FRAME();                        \
        pc = f->pc;                           \
        sp = f->sp;                           \
        locals = f->locals;                   \
        consts = f->code->consts;             \
        globals = f->globals;                 \
    } while (0)
#define ERROR() goto error
/* push local IDX (UnboundLocalError if unset) */
#define PUSH_LOCAL(IDX)                                 \
    do {                                                \
        uint32_t li_ = (IDX);                           \
        pe_val lv_ = locals[li_];                       \
        if (PE_UNLIKELY(lv_.tag == PE_TUNDEF)) {        \
            unbound_local(S, f->code, li_);             \
            ERROR();                                    \
        }                                               \
        pe_incref(lv_);                                 \
        PUSH(lv_);                                      \
    } while (0)
/* a superinstruction that did both parts: past the second */
#define SUPER_DONE()   \
    do {               \
        pc++;          \
        DISPATCH();    \
    } while (0)
/* LOAD_INT's immediate: 24-bit two's complement */
#define INT24(A) ((int64_t)(A) - (((A)&0x800000u) ? 0x1000000 : 0))

/* Runs frames until the entry frame at index `entry` returns. */
static int vm_execute(pe_state *S, uint32_t entry, pe_val *result, bool throw_) {
#ifdef PE_COMPUTED_GOTO
    /* every value of the op bits has an entry: a byte that is no opcode
     * lands on the internal error below, never outside the table */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
    static const void *const dispatch[1 << PE_OP_BITS] = {
        [0 ...(1 << PE_OP_BITS) - 1] = &&L_BAD_OPCODE,
#define PE_OP_LABEL(name, pops, pushes, jpushes, kind, flags) [PE_OP_##name] = &&L_##name,
        PE_OPCODES(PE_OP_LABEL)
#undef PE_OP_LABEL
    };
#pragma GCC diagnostic pop
#endif
    pe_frame *f;
    const uint32_t *pc;
    pe_val *sp, *locals, *globals;
    const pe_val *consts;
    uint32_t w;
    bool reraise = false;
    LOAD_FRAME();
    (void)entry;
    /* gen.throw(): the pending exception is raised at the yield */
    if (PE_UNLIKELY(throw_)) goto error;

#ifdef PE_COMPUTED_GOTO
    DISPATCH();
#else
next:
    CHECK_STACK();
    w = *pc++;
    switch (PE_OPOF(w)) {
#endif

    TARGET(NOP) { DISPATCH(); }

    TARGET(LOAD_CONST) {
        pe_val v = consts[ARG];
        pe_incref(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(LOAD_INT) {
        PUSH(pe_int(INT24(ARG)));
        DISPATCH();
    }
    /* LOAD_INT k; op: the common operand types in one step, anything
     * else pushes k and runs op itself */
    TARGET(LOAD_INT_ADD) {
        int64_t k = INT24(ARG), r;
        pe_val a = sp[-1];
        if (a.tag == PE_TINT && !__builtin_add_overflow(a.u.i, k, &r)) {
            sp[-1].u.i = r;
            SUPER_DONE();
        } else if (a.tag == PE_TFLOAT) {
            sp[-1].u.f = a.u.f + (double)k;
            SUPER_DONE();
        }
        PUSH(pe_int(k));
        DISPATCH();
    }
    TARGET(LOAD_INT_MOD) {
        int64_t k = INT24(ARG);
        if (sp[-1].tag == PE_TINT && k > 0) {
            int64_t r = sp[-1].u.i % k;
            sp[-1].u.i = r + (r < 0 ? k : 0);
            SUPER_DONE();
        }
        PUSH(pe_int(k));
        DISPATCH();
    }
    TARGET(LOAD_INT_BINARY_SUBSCR) {
        int64_t k = INT24(ARG);
        pe_val v = sp[-1];
        if (v.tag == PE_TOBJ && v.u.o->type == &pe_type_list) {
            pe_list *l = PE_LIST(v);
            int64_t i = k < 0 ? k + (int64_t)l->n : k;
            if (i >= 0 && (uint64_t)i < l->n) {
                pe_val res = l->items[i];
                pe_incref(res);
                sp[-1] = res;
                pc++; /* the pair is done */
                pe_decref(S, v); /* the stack's reference to the list */
                DISPATCH();
            }
        }
        PUSH(pe_int(k));
        DISPATCH();
    }
    TARGET(LOAD_NONE) { PUSH(pe_none()); DISPATCH(); }
    TARGET(LOAD_TRUE) { PUSH(pe_bool(1)); DISPATCH(); }
    TARGET(LOAD_FALSE) { PUSH(pe_bool(0)); DISPATCH(); }

    TARGET(LOAD_FAST) {
        PUSH_LOCAL(ARG);
        DISPATCH();
    }
    TARGET(STORE_FAST) {
        pe_val old = locals[ARG];
        locals[ARG] = POP();
        pe_decref(S, old);
        DISPATCH();
    }
    TARGET(DELETE_FAST) {
        pe_val old = locals[ARG];
        if (old.tag == PE_TUNDEF) {
            unbound_local(S, f->code, ARG);
            ERROR();
        }
        locals[ARG] = pe_undef();
        pe_decref(S, old);
        DISPATCH();
    }
    /* superinstructions (pe_opcodes.h): the second instruction's operand
     * is the next word's; pc moves past it once the pair is done */
    TARGET(LOAD_FAST_LOAD_FAST) {
        PUSH_LOCAL(ARG);
        PUSH_LOCAL(PE_ARGOF(*pc++));
        DISPATCH();
    }
    TARGET(LOAD_FAST_LOAD_INT) {
        pe_val x = locals[ARG];
        int64_t k = INT24(PE_ARGOF(pc[0]));
        if (x.tag == PE_TOBJ && x.u.o->type == &pe_type_list &&
            pe_super_first(PE_OPOF(pc[1])) == PE_OP_BINARY_SUBSCR) {
            /* x[k] of a list variable: the item, no push of x or k */
            pe_list *l = PE_LIST(x);
            int64_t i = k < 0 ? k + (int64_t)l->n : k;
            if (i >= 0 && (uint64_t)i < l->n) {
                pe_val res = l->items[i];
                pe_incref(res);
                PUSH(res);
                pc += 2;
                DISPATCH();
            }
        }
        PUSH_LOCAL(ARG);
        PUSH(pe_int(k));
        pc++;
        DISPATCH();
    }
    TARGET(STORE_FAST_LOAD_FAST) {
        pe_val old = locals[ARG];
        locals[ARG] = POP();
        pe_decref(S, old);
        PUSH_LOCAL(PE_ARGOF(*pc++));
        DISPATCH();
    }

    TARGET(LOAD_GLOBAL) {
        pe_val v = globals[ARG];
        if (PE_UNLIKELY(v.tag == PE_TUNDEF)) {
            const pe_code *prog = globals == S->globals || !f->code->prog ? S->code : f->code->prog;
            int b = prog->gbuiltin[ARG];
            if (b < 0) {
                /* a CPython builtin pyexpr lacks says so; anything else is a NameError */
                if (!pe_builtin_unsupported(S, (pe_str *)prog->gnames[ARG]))
                    global_name_error(S, f, ARG);
                ERROR();
            }
            v = pe_builtin_value(b);
        }
        pe_incref(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_GLOBAL) {
        pe_val old = globals[ARG];
        globals[ARG] = POP();
        pe_decref(S, old);
        DISPATCH();
    }
    TARGET(DELETE_GLOBAL) {
        pe_val old = globals[ARG];
        if (old.tag == PE_TUNDEF) {
            name_error(S, globals, f->code, ARG);
            ERROR();
        }
        globals[ARG] = pe_undef();
        pe_decref(S, old);
        DISPATCH();
    }
    TARGET(LOAD_DEREF) {
        pe_val v = ((pe_cell *)locals[ARG].u.o)->v;
        if (PE_UNLIKELY(v.tag == PE_TUNDEF)) {
            unbound_deref(S, f->code, ARG);
            ERROR();
        }
        pe_incref(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_DEREF) {
        pe_cell *c = (pe_cell *)locals[ARG].u.o;
        pe_val old = c->v;
        c->v = POP();
        pe_decref(S, old);
        DISPATCH();
    }
    TARGET(DELETE_DEREF) {
        pe_cell *c = (pe_cell *)locals[ARG].u.o;
        pe_val old = c->v;
        if (old.tag == PE_TUNDEF) {
            unbound_deref(S, f->code, ARG);
            ERROR();
        }
        c->v = pe_undef();
        pe_decref(S, old);
        DISPATCH();
    }
    TARGET(LOAD_CLOSURE) {
        pe_val c = locals[ARG];
        pe_incref(c);
        PUSH(c);
        DISPATCH();
    }

    TARGET(POP_TOP) {
        pe_val v = POP();
        pe_decref(S, v);
        DISPATCH();
    }
    TARGET(DUP_TOP) {
        pe_val v = TOP();
        pe_incref(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(DUP_TOP_TWO) {
        pe_val a = sp[-2], b = sp[-1];
        pe_incref(a);
        pe_incref(b);
        PUSH(a);
        PUSH(b);
        DISPATCH();
    }
    TARGET(ROT_TWO) {
        pe_val t = sp[-1];
        sp[-1] = sp[-2];
        sp[-2] = t;
        DISPATCH();
    }
    TARGET(ROT_THREE) {
        pe_val t = sp[-1];
        sp[-1] = sp[-2];
        sp[-2] = sp[-3];
        sp[-3] = t;
        DISPATCH();
    }
    TARGET(ROT_FOUR) {
        pe_val t = sp[-1];
        sp[-1] = sp[-2];
        sp[-2] = sp[-3];
        sp[-3] = sp[-4];
        sp[-4] = t;
        DISPATCH();
    }

/* a OP b beyond the numbers fast paths: a Python __op__ of a plain
 * instance as a frame of this loop, else pe_binary_op. */
#define BINOP_SLOW(BO, INPLACE)                                                     \
    do {                                                                            \
        pe_val res_;                                                                \
        int bo_ = (BO);                                                             \
        SYNC();                                                                     \
        if (!(INPLACE) && a.tag == PE_TOBJ && pe_is_heaptype(a.u.o->type)) {        \
            int r_ = binop_frame(S, f, sp, bo_);                                    \
            if (r_) {                                                               \
                LOAD_FRAME();                                                       \
                if (r_ < 0) ERROR();                                                \
                DISPATCH();                                                         \
            }                                                                       \
        }                                                                           \
        if (pe_binary_op(S, bo_, a, b, INPLACE, &res_)) ERROR();                    \
        pe_decref(S, a);                                                            \
        pe_decref(S, b);                                                            \
        sp[-2] = res_;                                                              \
        sp--;                                                                       \
        DISPATCH();                                                                 \
    } while (0)

#define BINARY_FAST(OPNAME, BO, INTEXPR, FLOATEXPR)                                    \
    TARGET(OPNAME) {                                                                \
        pe_val b = sp[-1], a = sp[-2];                                              \
        if (a.tag == PE_TINT && b.tag == PE_TINT) {                                  \
            int64_t x = a.u.i, y = b.u.i, r;                                         \
            (void)x;                                                                 \
            (void)y;                                                                 \
            if (INTEXPR) {                                                           \
                sp[-2].u.i = r;                                                      \
                sp--;                                                                \
                DISPATCH();                                                          \
            }                                                                        \
        } else if ((a.tag == PE_TFLOAT || a.tag == PE_TINT) &&                      \
                   (b.tag == PE_TFLOAT || b.tag == PE_TINT)) {                        \
            /* float op float, or a mix: an int64 converts to the nearest      \
             * double exactly as CPython's int-to-float conversion does */     \
            double x = a.tag == PE_TFLOAT ? a.u.f : (double)a.u.i;                   \
            double y = b.tag == PE_TFLOAT ? b.u.f : (double)b.u.i;                   \
            (void)x;                                                                 \
            (void)y;                                                                 \
            sp[-2].tag = PE_TFLOAT;                                                  \
            if (FLOATEXPR) {                                                         \
                sp--;                                                                \
                DISPATCH();                                                          \
            }                                                                        \
        }                                                                            \
        BINOP_SLOW(BO, ARG != 0);                                                    \
    }

    TARGET(ADD_STORE_FAST) {
        /* numbers: the sum straight into the variable */
        pe_val b = sp[-1], a = sp[-2], sum;
        int64_t r;
        if (a.tag == PE_TINT && b.tag == PE_TINT) {
            if (__builtin_add_overflow(a.u.i, b.u.i, &r)) goto add;
            sum = pe_int(r);
        } else if (a.tag == PE_TFLOAT && (b.tag == PE_TFLOAT || b.tag == PE_TINT)) {
            sum = pe_float(a.u.f + (b.tag == PE_TFLOAT ? b.u.f : (double)b.u.i));
        } else {
            goto add;
        }
        pe_val *slot = &locals[PE_ARGOF(*pc++)], old = *slot;
        *slot = sum;
        sp -= 2;
        pe_decref(S, old);
        DISPATCH();
    }
    TARGET(ADD) {
    add:;
        pe_val b = sp[-1], a = sp[-2];
        if (a.tag == PE_TINT && b.tag == PE_TINT) {
            int64_t r;
            if (!__builtin_add_overflow(a.u.i, b.u.i, &r)) {
                sp[-2].u.i = r;
                sp--;
                DISPATCH();
            }
        } else if ((a.tag == PE_TFLOAT || a.tag == PE_TINT) &&
                   (b.tag == PE_TFLOAT || b.tag == PE_TINT)) {
            double x = a.tag == PE_TFLOAT ? a.u.f : (double)a.u.i;
            double y = b.tag == PE_TFLOAT ? b.u.f : (double)b.u.i;
            sp[-2] = pe_float(x + y);
            sp--;
            DISPATCH();
        } else if (pe_is_str(a) && pe_is_str(b)) {
            /* s = s + t / s += t: drop the variable's reference first so
             * the string can grow in place (CPython does the same) */
            uint32_t nw = *pc;
            pe_val *slot = NULL;
            if (pe_super_first(PE_OPOF(nw)) == PE_OP_STORE_FAST) slot = &locals[PE_ARGOF(nw)];
            else if (PE_OPOF(nw) == PE_OP_STORE_GLOBAL) slot = &globals[PE_ARGOF(nw)];
            bool acc = slot && slot->tag == PE_TOBJ && slot->u.o == a.u.o;
            if (acc) {
                *slot = pe_undef();
                pe_decref(S, a);
            }
            if (pe_str_concat_inplace(S, &sp[-2], b, acc)) {
                sp[-2] = pe_none();
                ERROR();
            }
            pe_decref(S, b);
            sp--;
            DISPATCH();
        }
        BINOP_SLOW(PE_BO_ADD, ARG != 0);
    }
    BINARY_FAST(SUB, PE_BO_SUB, !__builtin_sub_overflow(x, y, &r), (sp[-2].u.f = x - y, 1))
    BINARY_FAST(MUL, PE_BO_MUL, !__builtin_mul_overflow(x, y, &r), (sp[-2].u.f = x * y, 1))
    BINARY_FAST(TRUEDIV, PE_BO_TRUEDIV, 0 && (r = 0), (y != 0.0 && (sp[-2].u.f = x / y, 1)))
    BINARY_FAST(FLOORDIV, PE_BO_FLOORDIV,
                (y > 0 && (r = x / y - ((x % y) != 0 && x < 0), 1)), 0)
    BINARY_FAST(MOD, PE_BO_MOD, (y > 0 && (r = x % y, r += (r < 0) ? y : 0, 1)), 0)

    TARGET(BINARY_OP) {
        pe_val b = sp[-1], a = sp[-2];
        if (a.tag == PE_TINT && b.tag == PE_TINT) {
            /* small ints: the bitwise operators cannot overflow */
            uint32_t op = ARG & 0xff;
            if (op == PE_BO_AND || op == PE_BO_OR || op == PE_BO_XOR) {
                int64_t x = a.u.i, y = b.u.i;
                sp[-2].u.i = op == PE_BO_AND ? x & y : op == PE_BO_OR ? x | y : x ^ y;
                sp--;
                DISPATCH();
            }
        }
        if ((ARG & 0xff) == PE_BO_POW &&
            ((a.tag == PE_TFLOAT && (b.tag == PE_TFLOAT || b.tag == PE_TINT)) ||
             (a.tag == PE_TINT && b.tag == PE_TFLOAT))) {
            /* float ** number: libm's pow with CPython's special cases and
             * errors, without the generic binary-op dispatch */
            double x = a.tag == PE_TFLOAT ? a.u.f : (double)a.u.i;
            double y = b.tag == PE_TFLOAT ? b.u.f : (double)b.u.i, r;
            SYNC();
            if (pe_float_pow(S, x, y, &r)) ERROR();
            sp[-2] = pe_float(r);
            sp--;
            DISPATCH();
        }
        BINOP_SLOW((int)(ARG & 0xff), (ARG >> 8) != 0);
    }
    TARGET(COMPARE_OP) {
        pe_val b = sp[-1], a = sp[-2], res;
        if ((a.tag == PE_TINT && b.tag == PE_TINT) || (a.tag == PE_TFLOAT && b.tag == PE_TFLOAT)) {
            bool r = a.tag == PE_TINT ? pe_cmp_order((a.u.i > b.u.i) - (a.u.i < b.u.i), (int)ARG)
                                       : pe_cmp_double(a.u.f, b.u.f, (int)ARG);
            /* compare-and-branch: consume the following conditional jump
             * directly instead of pushing a bool for it */
            uint32_t nw = *pc;
            if (PE_OPOF(nw) == PE_OP_POP_JUMP_IF_FALSE || PE_OPOF(nw) == PE_OP_POP_JUMP_IF_TRUE) {
                sp -= 2;
                pc++;
                if (r == (PE_OPOF(nw) == PE_OP_POP_JUMP_IF_TRUE)) pc = f->code->code + PE_ARGOF(nw);
                DISPATCH();
            }
            sp[-2] = pe_bool(r);
            sp--;
            DISPATCH();
        }
        SYNC();
        if (pe_richcmp(S, a, b, (int)ARG, &res)) ERROR();
        pe_decref(S, a);
        pe_decref(S, b);
        sp[-2] = res;
        sp--;
        DISPATCH();
    }
    TARGET(IS_OP) {
        pe_val b = sp[-1], a = sp[-2];
        bool r = pe_is(a, b) != (ARG != 0);
        pe_decref(S, a);
        pe_decref(S, b);
        sp[-2] = pe_bool(r);
        sp--;
        DISPATCH();
    }
    TARGET(CONTAINS_OP) {
        pe_val b = sp[-1], a = sp[-2];
        SYNC();
        int r = pe_contains(S, b, a);
        if (r < 0) ERROR();
        pe_decref(S, a);
        pe_decref(S, b);
        sp[-2] = pe_bool((r != 0) != (ARG != 0));
        sp--;
        DISPATCH();
    }
    TARGET(UNARY_NEG) {
        pe_val a = sp[-1], res;
        if (a.tag == PE_TINT && a.u.i != INT64_MIN) {
            sp[-1].u.i = -a.u.i;
            DISPATCH();
        }
        SYNC(); /* may run __neg__ */
        if (pe_unary_neg(S, a, &res)) ERROR();
        pe_decref(S, a);
        sp[-1] = res;
        DISPATCH();
    }
    TARGET(UNARY_POS) {
        SYNC();
        pe_val a = sp[-1], res;
        if (pe_unary_pos(S, a, &res)) ERROR();
        pe_decref(S, a);
        sp[-1] = res;
        DISPATCH();
    }
    TARGET(UNARY_INVERT) {
        SYNC();
        pe_val a = sp[-1], res;
        if (pe_unary_invert(S, a, &res)) ERROR();
        pe_decref(S, a);
        sp[-1] = res;
        DISPATCH();
    }
    TARGET(UNARY_NOT) {
        pe_val a = sp[-1];
        int t = a.tag == PE_TBOOL || a.tag == PE_TINT ? a.u.i != 0 : (SYNC(), pe_truth(S, a));
        if (t < 0) ERROR();
        pe_decref(S, a);
        sp[-1] = pe_bool(!t);
        DISPATCH();
    }

    TARGET(JUMP) {
        pc = f->code->code + ARG;
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_FALSE) {
        pe_val v = POP();
        int t;
        if (v.tag == PE_TBOOL || v.tag == PE_TINT) t = v.u.i != 0;
        else {
            SYNC(); /* may run __bool__ / __len__ */
            t = pe_truth(S, v);
            pe_decref(S, v);
            if (t < 0) ERROR();
        }
        if (!t) pc = f->code->code + ARG;
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_TRUE) {
        pe_val v = POP();
        int t;
        if (v.tag == PE_TBOOL || v.tag == PE_TINT) t = v.u.i != 0;
        else {
            SYNC(); /* may run __bool__ / __len__ */
            t = pe_truth(S, v);
            pe_decref(S, v);
            if (t < 0) ERROR();
        }
        if (t) pc = f->code->code + ARG;
        DISPATCH();
    }
    TARGET(JUMP_IF_FALSE_OR_POP) {
        pe_val v = TOP();
        int t = v.tag == PE_TBOOL ? (int)v.u.i : (SYNC(), pe_truth(S, v));
        if (t < 0) ERROR();
        if (!t) pc = f->code->code + ARG;
        else {
            sp--;
            pe_decref(S, v);
        }
        DISPATCH();
    }
    TARGET(JUMP_IF_TRUE_OR_POP) {
        pe_val v = TOP();
        int t = v.tag == PE_TBOOL ? (int)v.u.i : (SYNC(), pe_truth(S, v));
        if (t < 0) ERROR();
        if (t) pc = f->code->code + ARG;
        else {
            sp--;
            pe_decref(S, v);
        }
        DISPATCH();
    }

    TARGET(GET_ITER) {
        pe_val v = sp[-1], it;
        if (v.tag == PE_TOBJ && v.u.o->type == &pe_type_range_iterator) DISPATCH();
        SYNC();
        if (pe_iter(S, v, &it)) ERROR();
        pe_decref(S, v);
        sp[-1] = it;
        DISPATCH();
    }
    TARGET(FOR_ITER) {
    for_iter:;
        pe_val it = sp[-1];
        if (it.u.o->type == &pe_type_range_iterator) {
            pe_rangeiter_view *r = (pe_rangeiter_view *)it.u.o;
            if (r->left > 0) {
                PUSH(pe_int(r->cur));
                if (--r->left) r->cur = (int64_t)((uint64_t)r->cur + (uint64_t)r->step);
                DISPATCH();
            }
            sp--;
            pe_decref(S, it);
            pc = f->code->code + ARG;
            DISPATCH();
        }
        if (it.u.o->type == &pe_type_generator &&
            ((pe_gen *)it.u.o)->state <= PE_GEN_SUSPENDED) {
            /* resume the generator in this loop: no C recursion */
            SYNC();
            if (gen_push_inline(S, (pe_gen *)it.u.o, sp, f->chunk, pe_none())) ERROR();
            LOAD_FRAME();
            DISPATCH();
        }
        pe_val item;
        SYNC();
        int r = pe_next(S, it, &item);
        if (r < 0) ERROR();
        if (r == 1) {
            PUSH(item);
            DISPATCH();
        }
        sp--;
        pe_decref(S, it);
        pc = f->code->code + ARG;
        DISPATCH();
    }

    TARGET(FOR_ITER_STORE_FAST) {
        pe_val it = sp[-1];
        if (it.u.o->type == &pe_type_range_iterator) {
            pe_rangeiter_view *r = (pe_rangeiter_view *)it.u.o;
            if (r->left > 0) {
                /* the next int straight into the loop variable */
                pe_val *slot = &locals[PE_ARGOF(*pc++)], old = *slot;
                *slot = pe_int(r->cur);
                if (--r->left) r->cur = (int64_t)((uint64_t)r->cur + (uint64_t)r->step);
                if (PE_UNLIKELY(old.tag == PE_TOBJ)) {
                    SYNC();
                    pe_decref(S, old);
                }
                DISPATCH();
            }
            sp--;
            pe_decref(S, it);
            pc = f->code->code + ARG;
            DISPATCH();
        }
        goto for_iter; /* the general case; STORE_FAST follows */
    }

    TARGET(BUILD_TUPLE) {
        uint32_t n = ARG;
        pe_val t;
        if (pe_tuple_new(S, n, &t)) ERROR();
        sp -= n;
        if (n) memcpy(PE_TUPLE(t)->items, sp, n * sizeof(pe_val));
        PUSH(t);
        DISPATCH();
    }
    TARGET(BUILD_LIST) {
        uint32_t n = ARG;
        pe_val l;
        if (pe_list_new(S, n, &l)) ERROR();
        sp -= n;
        if (n) memcpy(PE_LIST(l)->items, sp, n * sizeof(pe_val));
        PE_LIST(l)->n = n;
        PUSH(l);
        DISPATCH();
    }
    TARGET(BUILD_SET) {
        SYNC(); /* may run a special method of a user class */
        uint32_t n = ARG;
        pe_val s;
        if (pe_set_new(S, &pe_type_set, &s)) ERROR();
        for (uint32_t i = 0; i < n; i++) {
            if (pe_set_add(S, s.u.o, sp[(int)i - (int)n])) {
                pe_decref(S, s);
                ERROR();
            }
        }
        for (uint32_t i = 0; i < n; i++) pe_decref(S, POP());
        PUSH(s);
        DISPATCH();
    }
    TARGET(BUILD_MAP) {
        SYNC();
        uint32_t n = ARG;
        pe_val d;
        if (pe_dict_new(S, &d)) ERROR();
        pe_val *base = sp - 2 * n;
        for (uint32_t i = 0; i < n; i++) {
            if (pe_dict_set(S, PE_DICT(d), base[2 * i], base[2 * i + 1])) {
                pe_decref(S, d);
                ERROR();
            }
        }
        for (uint32_t i = 0; i < 2 * n; i++) pe_decref(S, POP());
        PUSH(d);
        DISPATCH();
    }
    TARGET(BUILD_SLICE) {
        pe_val step = ARG == 3 ? POP() : pe_none();
        pe_val stop = POP(), start = POP(), s;
        int r = pe_slice_new(S, start, stop, step, &s);
        pe_decref(S, start);
        pe_decref(S, stop);
        pe_decref(S, step);
        if (r) {
            PUSH(pe_none());
            ERROR();
        }
        PUSH(s);
        DISPATCH();
    }
    TARGET(BUILD_STRING) {
        uint32_t n = ARG;
        pe_val s;
        if (pe_str_join_n(S, n, sp - n, &s)) ERROR();
        for (uint32_t i = 0; i < n; i++) pe_decref(S, POP());
        PUSH(s);
        DISPATCH();
    }
    TARGET(LIST_APPEND) {
        pe_val v = sp[-1];
        pe_val l = sp[-1 - (int)ARG];
        if (pe_list_append(S, PE_LIST(l), v)) ERROR();
        sp--;
        pe_decref(S, v);
        DISPATCH();
    }
    TARGET(SET_ADD) {
        SYNC();
        pe_val v = sp[-1];
        if (pe_set_add(S, sp[-1 - (int)ARG].u.o, v)) ERROR();
        sp--;
        pe_decref(S, v);
        DISPATCH();
    }
    TARGET(MAP_ADD) {
        SYNC();
        pe_val k = sp[-2], v = sp[-1];
        if (pe_dict_set(S, PE_DICT(sp[-2 - (int)ARG]), k, v)) ERROR();
        sp -= 2;
        pe_decref(S, k);
        pe_decref(S, v);
        DISPATCH();
    }
    TARGET(LIST_EXTEND) {
        pe_val v = sp[-1];
        SYNC();
        if (pe_list_extend(S, PE_LIST(sp[-1 - (int)ARG]), v)) {
            if (pe_exc_matches(S, PE_EXC(TypeError)) && !pe_typeof(v)->iter) {
                pe_exc_clear(S);
                pe_raise(S, PE_EXC(TypeError), "Value after * must be an iterable, not %s",
                         pe_type_name(v));
            }
            ERROR();
        }
        sp--;
        pe_decref(S, v);
        DISPATCH();
    }
    TARGET(SET_UPDATE) {
        pe_val v = sp[-1];
        SYNC();
        if (pe_set_update(S, sp[-1 - (int)ARG].u.o, v)) ERROR();
        sp--;
        pe_decref(S, v);
        DISPATCH();
    }
    TARGET(DICT_UPDATE) {
        SYNC();
        if (dict_merge_op(S, sp, ARG, false)) ERROR();
        sp--;
        pe_decref(S, *sp);
        DISPATCH();
    }
    TARGET(DICT_MERGE) {
        SYNC();
        if (dict_merge_op(S, sp, ARG, true)) ERROR();
        sp--;
        pe_decref(S, *sp);
        DISPATCH();
    }
    TARGET(LIST_TO_TUPLE) {
        pe_val l = sp[-1], t;
        if (pe_list_to_tuple(S, PE_LIST(l), &t)) ERROR();
        pe_decref(S, l);
        sp[-1] = t;
        DISPATCH();
    }
    TARGET(UNPACK_SEQUENCE) {
        pe_val seq = sp[-1];
        uint32_t n = ARG;
        if (pe_is_kind(seq, PE_K_TUPLE) && PE_TUPLE(seq)->n == n) {
            pe_tuple *t = PE_TUPLE(seq);
            sp--;
            for (uint32_t i = n; i-- > 0;) {
                pe_incref(t->items[i]);
                PUSH(t->items[i]);
            }
            pe_decref(S, seq);
            DISPATCH();
        }
        pe_val tmp[16];
        pe_val *dst = n <= 16 ? tmp : pe_mem_alloc(S, n * sizeof(pe_val));
        if (!dst) ERROR();
        SYNC();
        if (pe_unpack(S, seq, n, false, 0, dst)) {
            if (dst != tmp) pe_mem_free(S, dst, n * sizeof(pe_val));
            ERROR();
        }
        sp--;
        pe_decref(S, seq);
        for (uint32_t i = n; i-- > 0;) PUSH(dst[i]);
        if (dst != tmp) pe_mem_free(S, dst, n * sizeof(pe_val));
        DISPATCH();
    }
    TARGET(UNPACK_EX) {
        pe_val seq = sp[-1];
        uint32_t before = ARG & 0xff, after = ARG >> 8, n = before + 1 + after;
        pe_val tmp[16];
        pe_val *dst = n <= 16 ? tmp : pe_mem_alloc(S, n * sizeof(pe_val));
        if (!dst) ERROR();
        SYNC();
        if (pe_unpack(S, seq, before, true, after, dst)) {
            if (dst != tmp) pe_mem_free(S, dst, n * sizeof(pe_val));
            ERROR();
        }
        sp--;
        pe_decref(S, seq);
        for (uint32_t i = n; i-- > 0;) PUSH(dst[i]);
        if (dst != tmp) pe_mem_free(S, dst, n * sizeof(pe_val));
        DISPATCH();
    }
    TARGET(BINARY_SUBSCR) {
        pe_val key = sp[-1], v = sp[-2], res;
        if (v.tag == PE_TOBJ && v.u.o->type == &pe_type_list && key.tag == PE_TINT) {
            pe_list *l = PE_LIST(v);
            int64_t i = key.u.i;
            if (i < 0) i += (int64_t)l->n;
            if (i >= 0 && (uint64_t)i < l->n) {
                res = l->items[i];
                pe_incref(res);
                sp--;
                pe_decref(S, v);
                sp[-1] = res;
                DISPATCH();
            }
        }
        SYNC();
        if (pe_getitem(S, v, key, &res)) ERROR();
        pe_decref(S, key);
        pe_decref(S, v);
        sp -= 2;
        PUSH(res);
        DISPATCH();
    }
    TARGET(STORE_SUBSCR) {
        pe_val key = sp[-1], obj = sp[-2], v = sp[-3];
        if (obj.tag == PE_TOBJ && obj.u.o->type == &pe_type_list && key.tag == PE_TINT) {
            /* list[i] = v in place (the list's reference to v is the
             * stack's); out of range: the slow path raises */
            pe_list *l = PE_LIST(obj);
            int64_t i = key.u.i;
            if (i < 0) i += (int64_t)l->n;
            if (i >= 0 && (uint64_t)i < l->n) {
                pe_val old = l->items[i];
                l->items[i] = v;
                sp -= 3;
                SYNC(); /* releasing the old item may free objects */
                pe_decref(S, old);
                pe_decref(S, obj);
                DISPATCH();
            }
        }
        SYNC();
        if (pe_setitem(S, obj, key, v)) ERROR();
        pe_decref(S, key);
        pe_decref(S, obj);
        pe_decref(S, v);
        sp -= 3;
        DISPATCH();
    }
    TARGET(DELETE_SUBSCR) {
        SYNC();
        pe_val key = sp[-1], obj = sp[-2];
        if (pe_delitem(S, obj, key)) ERROR();
        pe_decref(S, key);
        pe_decref(S, obj);
        sp -= 2;
        DISPATCH();
    }
    TARGET(LOAD_ATTR) {
        pe_val obj = sp[-1], res;
        SYNC();
        if (obj.tag == PE_TOBJ && pe_is_heaptype(obj.u.o->type)) {
            /* an instance attribute: the inline values or the instance
             * dict, unless the class has a data descriptor of that name */
            pe_class *c = PE_CLASS(obj.u.o->type);
            pe_obj *nm = f->code->names[ARG];
            if (!(c->flags & PE_CLS_HAS_GETATTR) && c->dictoffset &&
                (!(c->flags & PE_CLS_HAS_DESCR_SET) || !pe_is_data_descr(pe_class_lookup(S, c, nm)))) {
                pe_val d = *(pe_val *)((char *)obj.u.o + c->dictoffset);
                if (d.tag == PE_TUNDEF) {
                    int i = pe_inst_find(c, obj.u.o, nm);
                    res = i < 0 ? pe_undef() : pe_inst_values(obj.u.o, c)[i];
                } else {
                    res = pe_dict_get_str(PE_DICT(d), (pe_str *)nm);
                }
                if (res.tag != PE_TUNDEF) {
                    pe_incref(res);
                    pe_decref(S, obj);
                    sp[-1] = res;
                    DISPATCH();
                }
            }
        }
        if (pe_getattr(S, obj, f->code->names[ARG], &res)) ERROR();
        pe_decref(S, obj);
        sp[-1] = res;
        DISPATCH();
    }
    TARGET(STORE_ATTR) {
        pe_val obj = sp[-1], v = sp[-2];
        SYNC();
        pe_class *c = obj.tag == PE_TOBJ && pe_is_heaptype(obj.u.o->type) ? PE_CLASS(obj.u.o->type) : NULL;
        if (c && !(c->flags & (PE_CLS_HAS_SETATTR | PE_CLS_HAS_DESCR_SET)) && c->dictoffset) {
            pe_val *dp = (pe_val *)((char *)obj.u.o + c->dictoffset);
            pe_obj *nm = f->code->names[ARG];
            if (dp->tag == PE_TUNDEF) { /* values mode: the reference moves in */
                pe_obj *o = obj.u.o;
                uint32_t n = PE_INST_NV(o);
                if (n < c->nkeys && c->keys[n] == nm && n < PE_INST_CAP(o)) {
                    /* the next attribute of the class's usual order */
                    pe_inst_values(o, c)[n] = v;
                    PE_INST_SET_NV(o, n + 1);
                    sp -= 2;
                    pe_decref(S, obj);
                    DISPATCH();
                }
                int i = pe_inst_find(c, o, nm);
                if (i >= 0) {
                    pe_val *slot = &pe_inst_values(obj.u.o, c)[i], old = *slot;
                    *slot = v;
                    sp -= 2;
                    pe_decref(S, obj);
                    pe_decref(S, old);
                    DISPATCH();
                }
                if (pe_inst_add(S, obj.u.o, c, nm, v)) ERROR();
            } else if (pe_dict_set(S, PE_DICT(*dp), pe_obj_val(nm), v)) {
                ERROR();
            }
        } else if (pe_setattr(S, obj, f->code->names[ARG], v)) {
            ERROR();
        }
        sp -= 2;
        pe_decref(S, obj);
        pe_decref(S, v);
        DISPATCH();
    }
    TARGET(DELETE_ATTR) {
        pe_val obj = sp[-1];
        SYNC();
        if (pe_setattr(S, obj, f->code->names[ARG], pe_undef())) ERROR();
        sp--;
        pe_decref(S, obj);
        DISPATCH();
    }
    TARGET(LOAD_METHOD) {
        pe_val obj = sp[-1];
        const pe_type *t = pe_typeof(obj);
        SYNC();
        if (pe_is_heaptype(t)) {
            /* a plain function on the class, not shadowed by the instance
             * dict: [func, self] without a bound method */
            pe_class *c = PE_CLASS(t);
            pe_obj *nm = f->code->names[ARG];
            if (!(c->flags & PE_CLS_HAS_GETATTR)) {
                pe_val fn = pe_class_lookup(S, c, nm);
                if (pe_is_kind(fn, PE_K_FUNC)) {
                    pe_val *dp = pe_instance_dictptr(obj);
                    if (!dp ||
                        (dp->tag == PE_TUNDEF ? pe_inst_absent(c, obj.u.o, nm)
                                              : pe_dict_get_str(PE_DICT(*dp), (pe_str *)nm).tag ==
                                                    PE_TUNDEF)) {
                        pe_incref(fn);
                        sp[-1] = fn;
                        PUSH(obj);
                        DISPATCH();
                    }
                }
            }
        } else if (t->kind != PE_K_MODULE && t->kind != PE_K_TYPE) {
            const pe_obj *nm = f->code->names[ARG];
            struct pe_mcache_static *e =
                &S->smcache[(((uintptr_t)nm >> 4) ^ ((uintptr_t)t >> 3)) & 127];
            const pe_cfunc *m;
            if (e->t == t && e->name == nm && !strcmp(e->m->name, ((const pe_str *)nm)->data)) {
                m = e->m;
            } else {
                m = pe_find_method(t, (pe_str *)nm);
                if (m && t->kind != PE_K_HOST) { /* host types are freed with the state */
                    e->t = t;
                    e->name = nm;
                    e->m = m;
                }
            }
            if (m) {
                sp[-1] = pe_obj_val((pe_obj *)&m->ob);
                PUSH(obj); /* owned reference moves */
                DISPATCH();
            }
        } else if (t->kind == PE_K_MODULE) {
            const pe_obj *nm = f->code->names[ARG];
            struct pe_mcache_module *e = modcache_slot(S, obj.u.o, nm);
            if (e->mod == obj.u.o && e->name == nm && !strcmp(e->f->name, ((const pe_str *)nm)->data)) {
                /* the module is immortal, the function static */
                sp[-1] = pe_obj_val((pe_obj *)&e->f->ob);
                PUSH(pe_undef());
                DISPATCH();
            }
        }
        pe_val res;
        if (pe_getattr(S, obj, f->code->names[ARG], &res)) ERROR();
        if (t->kind == PE_K_MODULE) modcache_fill(S, obj, f->code->names[ARG], res);
        pe_decref(S, obj);
        sp[-1] = res;
        PUSH(pe_undef());
        DISPATCH();
    }
    TARGET(CALL_METHOD) {
        uint32_t argc = ARG;
        pe_val *args = sp - argc;
        pe_val self = args[-1], callee = args[-2], res;
        SYNC();
        if (self.tag != PE_TUNDEF && pe_is_kind(callee, PE_K_FUNC)) {
            /* a Python method: self is the first argument */
            w = PE_INSTR(PE_OP_CALL, argc + 1);
            goto do_call;
        }
        if (self.tag != PE_TUNDEF) {
            const pe_cfunc *m = (const pe_cfunc *)callee.u.o;
            if (m->fn(S, self, (int)argc, args, NULL, &res)) ERROR();
            for (uint32_t i = 0; i < argc; i++) pe_decref(S, args[i]);
            pe_decref(S, self);
            sp -= argc + 2;
            PUSH(res);
            DISPATCH();
        }
        /* plain callable: drop the UNDEF slot and fall into CALL */
        memmove(args - 1, args, argc * sizeof(pe_val));
        sp--;
        goto do_call;
    }
    TARGET(CALL) {
        uint32_t argc;
    do_call:
        argc = ARG;
        pe_val callee = sp[-(int)argc - 1];
        if (pe_is_kind(callee, PE_K_FUNC)) {
            pe_func *fn = (pe_func *)callee.u.o;
            const pe_fcode *c = fn->code;
            SYNC();
            if (PE_UNLIKELY(S->armed)) {
                if (check_limits(S, 1)) ERROR();
            }
            pe_val *args = sp - argc, *ret = args - 1;
            uint32_t chunk = f->chunk;
            pe_val *base = stack_reserve_fast(S, &chunk, args, frame_size(c));
            if (!base) ERROR();
            bool fast = argc == c->nargs && !(c->flags & (PE_CO_VARARGS | PE_CO_VARKW)) &&
                        c->nkwonly == 0;
            pe_frame *nf;
            if (fast) {
                if (base != args) { /* new chunk: move the arguments over */
                    memcpy(base, args, argc * sizeof(pe_val));
                    f->sp = sp = args;
                }
                if (PE_LIKELY(!(c->ncells | c->nfree))) {
                    /* the common case inline: arguments in place, no cells */
                    nf = frame_setup(S, fn, base, chunk, ret);
                    if (nf) {
                        for (uint32_t i = argc; i < c->nlocals; i++) base[i] = pe_undef();
                        nf->sp = base + c->nlocals;
                    }
                } else {
                    nf = enter_function(S, fn, base, chunk, ret, (int)argc, base, NULL, true);
                }
            } else {
                /* bind from a copy of the arguments, then release them */
                pe_val tmp[8];
                pe_val *copy = argc <= 8 ? tmp : pe_mem_alloc(S, argc * sizeof(pe_val));
                if (!copy) ERROR();
                memcpy(copy, args, argc * sizeof(pe_val));
                f->sp = sp = args; /* args now owned by `copy` */
                if (base != args) base = stack_reserve(S, &chunk, args, frame_size(c));
                nf = base ? enter_function(S, fn, base, chunk, ret, (int)argc, copy, NULL, false)
                          : NULL;
                for (uint32_t i = 0; i < argc; i++) pe_decref(S, copy[i]);
                if (copy != tmp) pe_mem_free(S, copy, argc * sizeof(pe_val));
            }
            if (!nf) {
                /* a frame pushed before binding failed owns the locals */
                bool pushed = &S->frames[S->nframes - 1] != f;
                if (pushed) {
                    pe_frame *bad = &S->frames[S->nframes - 1];
                    frame_clear(S, bad, bad->sp);
                } else if (fast && base != args) {
                    /* arguments were moved to the new chunk: release them */
                    for (uint32_t i = 0; i < argc; i++) pe_decref(S, base[i]);
                }
                LOAD_FRAME();
                ERROR();
            }
            /* nf is the top frame: load it without going through S */
            f = nf;
            pc = nf->pc;
            sp = nf->sp;
            locals = nf->locals;
            consts = c->consts;
            globals = nf->globals;
            CHECK_FRAME();
            DISPATCH();
        }
        pe_val res;
        SYNC();
        if (callee.tag == PE_TOBJ && callee.u.o->type == &pe_type_builtin) {
            /* a built-in function: straight to its C function */
            const pe_cfunc *cf = (const pe_cfunc *)callee.u.o;
            if (cf->fn(S, cf->self, (int)argc, sp - argc, NULL, &res)) ERROR();
            for (uint32_t i = 0; i <= argc; i++) pe_decref(S, POP());
            PUSH(res);
            DISPATCH();
        }
        if (callee.tag == PE_TOBJ && callee.u.o->type == &pe_type_type &&
            pe_is_heaptype((const pe_type *)callee.u.o)) {
            int r = class_call_frame(S, f, sp, argc);
            if (r) {
                LOAD_FRAME();
                if (r < 0) ERROR();
                DISPATCH();
            }
        }
        if (pe_call(S, callee, (int)argc, sp - argc, NULL, &res)) ERROR();
        for (uint32_t i = 0; i <= argc; i++) pe_decref(S, POP());
        PUSH(res);
        DISPATCH();
    }
    TARGET(CALL_KW) {
        uint32_t argc = ARG;
        pe_val names = sp[-1];
        pe_val *args = sp - 1 - argc;
        pe_val callee = args[-1], res;
        SYNC();
        if (pe_is_kind(callee, PE_K_FUNC) &&
            S->armed && check_limits(S, 1))
            ERROR();
        if (pe_call(S, callee, (int)argc, args, names.u.o, &res)) ERROR();
        for (uint32_t i = 0; i < argc + 2; i++) pe_decref(S, POP());
        PUSH(res);
        DISPATCH();
    }
    TARGET(CALL_EX) {
        pe_val kwargs = (ARG & 1) ? POP() : pe_undef();
        pe_val args = sp[-1], callee = sp[-2], res;
        SYNC();
        int r = call_ex(S, callee, args, kwargs, &res);
        pe_decref(S, kwargs);
        if (r) ERROR();
        pe_decref(S, POP());
        pe_decref(S, POP());
        PUSH(res);
        DISPATCH();
    }
    TARGET(MAKE_FUNCTION) {
        uint32_t flags = ARG;
        pe_val fn;
        if (make_function(S, f, flags, sp, &fn)) ERROR();
        int n = 1 + ((flags & 1) != 0) + ((flags & 2) != 0) + ((flags & 8) != 0);
        for (int i = 0; i < n; i++) pe_decref(S, POP());
        PUSH(fn);
        DISPATCH();
    }
    TARGET(RETURN_VALUE) {
        pe_val v = POP();
        uint32_t entry = f->entry; /* never a generator's frame */
        pe_val *ret = f->ret;
        pe_func *fn = f->func;
        frame_clear(S, f, sp);
        if (entry) {
            if (!(entry & (PE_FR_INIT | PE_FR_BINOP))) {
                *result = v;
                return 0;
            }
            LOAD_FRAME();
            if (entry & PE_FR_INIT) {
                /* __init__ ran: the instance already is in the result slot */
                sp = ret + 1;
                if (init_return(S, fn, v)) ERROR();
                DISPATCH();
            }
            sp = ret + 2; /* the operands, until the result replaces them */
            if (binop_return(S, fn, (int)(entry >> 8), ret, v)) ERROR();
            sp = ret + 1;
            DISPATCH();
        }
        LOAD_FRAME();
        /* the callee object sits in the caller's result slot */
        pe_decref(S, *ret);
        *ret = v;
        sp = ret + 1;
        DISPATCH();
    }
    TARGET(RAISE_VARARGS) {
        pe_val cause = ARG == 2 ? POP() : pe_undef();
        pe_val exc = ARG >= 1 ? POP() : pe_undef();
        SYNC();
        /* a bare `raise` re-raises with the traceback it has: no new entry */
        if (ARG == 0 && S->handled.tag == PE_TOBJ) reraise = true;
        do_raise(S, exc, cause);
        pe_decref(S, exc);
        pe_decref(S, cause);
        ERROR();
    }
    TARGET(RERAISE) {
        pe_val exc = POP();
        pe_val old = S->exc;
        S->exc = exc;
        pe_decref(S, old);
        reraise = true;
        ERROR();
    }
    TARGET(PUSH_EXC_INFO) {
        pe_val exc = sp[-1];
        pe_val prev = S->handled;
        pe_incref(exc);
        S->handled = exc;
        /* a generator's stack never keeps its resumer's exception: it
         * stands for "none of its own" (POP_EXCEPT restores the current
         * resumer's) */
        if (PE_UNLIKELY(f->entry & PE_FR_GEN) && prev.tag != PE_TUNDEF &&
            same_val(prev, f->gen->outer_handled)) {
            pe_decref(S, prev);
            prev = pe_undef();
        }
        sp[-1] = prev.tag == PE_TUNDEF ? pe_none() : prev;
        PUSH(exc);
        DISPATCH();
    }
    TARGET(POP_EXCEPT) {
        pe_val prev = POP();
        pe_val cur = S->handled;
        if (prev.tag == PE_TNONE) {
            prev = pe_undef();
            if (PE_UNLIKELY(f->entry & PE_FR_GEN)) {
                prev = f->gen->outer_handled;
                pe_incref(prev);
            }
        }
        S->handled = prev;
        pe_decref(S, cur);
        DISPATCH();
    }
    TARGET(CHECK_EXC_MATCH) {
        pe_val t = sp[-1], exc = sp[-2];
        bool m;
        if (exc_match(S, exc, t, &m)) ERROR();
        pe_decref(S, t);
        sp[-1] = pe_bool(m);
        DISPATCH();
    }
    TARGET(LOAD_BUILD_EXC) {
        PUSH(pe_obj_val((pe_obj *)&pe_exc_types[ARG].ob));
        DISPATCH();
    }
    TARGET(FORMAT_VALUE) {
        SYNC();
        uint32_t flags = ARG;
        pe_val spec = (flags & 4) ? POP() : pe_undef();
        pe_val v = sp[-1], res;
        static const int convs[] = {0, 's', 'r', 'a'};
        int r = pe_format_value(S, v, convs[flags & 3], spec, &res);
        pe_decref(S, spec);
        if (r) ERROR();
        pe_decref(S, v);
        sp[-1] = res;
        DISPATCH();
    }
    TARGET(IMPORT_NAME) {
        pe_val m;
        if (pe_module_import(S, (pe_str *)f->code->names[ARG], &m)) ERROR();
        PUSH(m);
        DISPATCH();
    }
    TARGET(LOAD_NAME) {
        pe_val v = pe_dict_get_str(PE_DICT(locals[0]), (pe_str *)f->code->names[ARG]);
        pe_incref(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(JUMP_IF_BOUND) {
        if (TOP().tag != PE_TUNDEF) pc = f->code->code + ARG;
        else sp--;
        DISPATCH();
    }
    TARGET(STORE_NAME) {
        pe_val v = sp[-1];
        SYNC();
        if (pe_dict_set(S, PE_DICT(locals[0]), pe_obj_val(f->code->names[ARG]), v)) ERROR();
        sp--;
        pe_decref(S, v);
        DISPATCH();
    }
    TARGET(DELETE_NAME) {
        SYNC();
        int r = pe_dict_del(S, PE_DICT(locals[0]), pe_obj_val(f->code->names[ARG]));
        if (r < 0) ERROR();
        if (r == 0) {
            pe_raise(S, PE_EXC(NameError), "name '%s' is not defined",
                     ((pe_str *)f->code->names[ARG])->data);
            pe_exc_set_name(S, ((pe_str *)f->code->names[ARG])->data, pe_undef());
            ERROR();
        }
        DISPATCH();
    }
    TARGET(BUILD_CLASS) {
        uint32_t nb = ARG & 0xfff, nk = ARG >> 12;
        uint32_t n = 2 + nb + (nk ? nk + 1 : 0);
        pe_val *base = sp - n, res;
        pe_obj *kwn = nk ? sp[-1].u.o : NULL;
        SYNC();
        if (pe_build_class(S, base[0], base[1], base + 2, (int)nb, base + 2 + nb, (int)nk, kwn,
                           &res))
            ERROR();
        for (uint32_t i = 0; i < n; i++) pe_decref(S, base[i]);
        sp = base;
        PUSH(res);
        DISPATCH();
    }
    TARGET(PRINT_EXPR) {
        SYNC();
        if (display_value(S, sp[-1])) ERROR();
        pe_decref(S, POP());
        DISPATCH();
    }
    TARGET(IMPORT_FROM) {
        pe_val m;
        SYNC();
        if (pe_module_import_from(S, sp[-1], (pe_str *)f->code->names[ARG], &m)) ERROR();
        PUSH(m);
        DISPATCH();
    }
    TARGET(IMPORT_STAR) {
        SYNC();
        const pe_code *prog = globals == S->globals || !f->code->prog ? S->code : f->code->prog;
        if (pe_module_import_star(S, sp[-1], globals, prog)) ERROR();
        pe_decref(S, POP());
        DISPATCH();
    }
    TARGET(BEFORE_WITH)
    TARGET(BEFORE_ASYNC_WITH) {
        SYNC();
        if (before_with(S, sp, PE_OPOF(pc[-1]) == PE_OP_BEFORE_ASYNC_WITH)) ERROR();
        sp++;
        DISPATCH();
    }
    TARGET(WITH_EXCEPT_START) {
        SYNC();
        if (with_except_start(S, sp)) ERROR();
        sp++;
        DISPATCH();
    }
    TARGET(COPY) {
        pe_val v = sp[-(int)ARG];
        pe_incref(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(ROT_N) {
        uint32_t n = ARG;
        pe_val t = sp[-1];
        memmove(sp - n + 1, sp - n, (n - 1) * sizeof(pe_val));
        sp[-(int)n] = t;
        DISPATCH();
    }
    TARGET(SWAP) {
        pe_val t = sp[-1];
        sp[-1] = sp[-(int)ARG];
        sp[-(int)ARG] = t;
        DISPATCH();
    }
    TARGET(GET_LEN) {
        pe_val n;
        SYNC();
        if (pe_match_get_len(S, sp[-1], &n)) ERROR();
        PUSH(n);
        DISPATCH();
    }
    TARGET(MATCH_SEQUENCE) {
        bool m = pe_match_is_sequence(sp[-1]);
        PUSH(pe_bool(m));
        DISPATCH();
    }
    TARGET(MATCH_MAPPING) {
        bool m = pe_match_is_mapping(sp[-1]);
        PUSH(pe_bool(m));
        DISPATCH();
    }
    TARGET(MATCH_KEYS) {
        SYNC();
        if (pe_match_keys(S, sp[-2], sp[-1], sp)) ERROR();
        sp++;
        DISPATCH();
    }
    TARGET(MATCH_CLASS) {
        pe_val res;
        SYNC();
        if (pe_match_class(S, sp[-3], sp[-2], sp[-1], ARG, &res)) ERROR();
        pe_decref(S, POP());
        pe_decref(S, POP());
        pe_decref(S, POP());
        PUSH(res);
        DISPATCH();
    }
    TARGET(MATCH_STAR_DICT) {
        pe_val res;
        SYNC();
        if (pe_match_star_dict(S, sp[-2], sp[-1], &res)) ERROR();
        pe_decref(S, POP());
        pe_decref(S, POP());
        PUSH(res);
        DISPATCH();
    }
    TARGET(CHECK_STEPS) {
        if (PE_UNLIKELY(S->armed)) {
            SYNC();
            if (check_limits(S, ARG)) ERROR();
        }
        /* a loop's back-edge is CHECK_STEPS; JUMP: take the jump here */
        if (PE_OPOF(*pc) == PE_OP_JUMP) pc = f->code->code + PE_ARGOF(*pc);
        DISPATCH();
    }

    TARGET(RETURN_GENERATOR) {
        pe_val g;
        SYNC();
        if (gen_create(S, f, sp, ARG, &g)) ERROR();
        sp = f->locals; /* the window moved into the generator */
        bool was_entry = f->entry & PE_FR_ENTRY;
        pe_val *ret = f->ret;
        frame_clear(S, f, sp);
        if (was_entry) {
            *result = g;
            return 0;
        }
        LOAD_FRAME();
        pe_decref(S, *ret);
        *ret = g;
        sp = ret + 1;
        DISPATCH();
    }
    TARGET(YIELD_VALUE) {
        pe_val v = POP();
        SYNC();
        bool was_entry = f->entry & PE_FR_ENTRY;
        gen_suspend(S, f, sp);
        if (was_entry) {
            *result = v;
            return 0;
        }
        /* resumed by FOR_ITER or SEND: the value is theirs */
        LOAD_FRAME();
        PUSH(v);
        DISPATCH();
    }
    TARGET(GEN_RETURN) {
        pe_val v = POP();
        bool was_entry = f->entry & PE_FR_ENTRY;
        gen_finish(S, f, sp);
        if (was_entry) {
            *result = v;
            return 0;
        }
        LOAD_FRAME();
        if (PE_OPOF(pc[-1]) == PE_OP_SEND) {
            /* yield from: the return value replaces the receiver */
            pe_val recv = sp[-1];
            sp[-1] = v;
            pe_decref(S, recv);
        } else {
            /* FOR_ITER: exhausted */
            pe_decref(S, v);
            pe_val it = POP();
            pe_decref(S, it);
        }
        pc = f->code->code + PE_ARGOF(pc[-1]);
        DISPATCH();
    }
    TARGET(GET_YIELD_FROM_ITER) {
        pe_val v = sp[-1], it;
        if (PE_IS_GEN(v)) DISPATCH();
        SYNC();
        if (pe_iter(S, v, &it)) ERROR();
        pe_decref(S, v);
        sp[-1] = it;
        DISPATCH();
    }
    TARGET(SEND) {
        pe_val v = sp[-1], recv = sp[-2];
        SYNC();
        if (PE_IS_GENLIKE(recv) && ((pe_gen *)recv.u.o)->state <= PE_GEN_SUSPENDED) {
            pe_gen *g = (pe_gen *)recv.u.o;
            if (g->state == PE_GEN_CREATED && v.tag != PE_TNONE) {
                pe_raise(S, PE_EXC(TypeError), "can't send non-None value to a just-started %s",
                         g->ob.type->name);
                ERROR();
            }
            sp--; /* v moves into the generator's frame */
            f->sp = sp;
            if (gen_push_inline(S, g, sp, f->chunk, v)) {
                sp++;
                ERROR();
            }
            LOAD_FRAME();
            DISPATCH();
        }
        pe_val item;
        int r;
        if (PE_IS_GENLIKE(recv)) {
            /* running (ValueError) or finished (StopIteration) */
            r = pe_gen_send(S, (pe_gen *)recv.u.o, v, &item) ? -1 : 1;
        } else {
            r = pe_yield_from_other(S, recv, v, &item);
        }
        if (r < 0) {
            /* StopIteration(value) from the receiver ends the yield from */
            if (!pe_exc_matches(S, PE_EXC(StopIteration))) ERROR();
            pe_exc *e = PE_EXCOBJ(S->exc);
            pe_tuple *a = e->args.tag == PE_TOBJ ? PE_TUPLE(e->args) : NULL;
            item = a && a->n ? a->items[0] : pe_none();
            pe_incref(item);
            pe_exc_clear(S);
            r = 0;
        }
        pe_decref(S, v);
        if (r == 1) {
            sp[-1] = item;
            DISPATCH();
        }
        sp--;
        pe_decref(S, recv);
        sp[-1] = item;
        pc = f->code->code + ARG;
        DISPATCH();
    }

    /* async / await: cold, the work is in coro.c */
    TARGET(GET_AWAITABLE) {
        SYNC();
        if (pe_coro_get_awaitable(S, sp, ARG)) ERROR();
        DISPATCH();
    }
    TARGET(GET_AITER) {
        SYNC();
        if (pe_coro_get_aiter(S, sp)) ERROR();
        DISPATCH();
    }
    TARGET(GET_ANEXT) {
        SYNC();
        if (pe_coro_get_anext(S, sp)) ERROR();
        sp++;
        DISPATCH();
    }
    TARGET(END_ASYNC_FOR) {
        /* [aiter exc]: StopAsyncIteration ends the loop; anything else
         * goes on to the RERAISE that follows */
        if (pe_type_is_subtype(pe_typeof(sp[-1]), PE_EXC(StopAsyncIteration))) {
            pe_decref(S, POP());
            pe_decref(S, POP());
            pc = f->code->code + ARG;
        }
        DISPATCH();
    }
    TARGET(ASYNC_GEN_WRAP) {
        SYNC();
        if (pe_agen_wrap(S, sp)) ERROR();
        DISPATCH();
    }

    /* Not an opcode: the code is corrupt, an engine bug. An internal
     * error (CPython's SystemError), never a way out of the run. The label
     * is cold and reads the opcode back from pc[-1], not from w: keeping w
     * live into it cost the dispatch of every instruction (~1-2 machine
     * instructions each, measured with cachegrind). */
#ifdef PE_COMPUTED_GOTO
    L_BAD_OPCODE: PE_COLD_LABEL;
#else
    default:
#endif
    pe_raise(S, PE_EXC(SystemError), "unknown opcode %u", (unsigned)PE_OPOF(pc[-1]));
    goto error;
#ifndef PE_COMPUTED_GOTO
    }
#endif

error : {
    /* a native function that failed without raising: CPython's SystemError
     * (an engine bug, but never a silent exit) */
    if (PE_UNLIKELY(S->exc.tag == PE_TUNDEF)) {
        /* an external call (suspend.c) suspends the run: the frames stay */
        if (S->susp.req) {
            S->susp.req = false;
            SYNC();
            return 1;
        }
        pe_raise(S, PE_EXC(SystemError), "error return without exception set");
    }
    /* add this frame to the traceback, then look for a handler */
    uint32_t at = (uint32_t)(pc - 1 - f->code->code);
    if (!reraise) pe_tb_add(S, f->code, f->code->lines[at], f->code->cols ? f->code->cols[at] : 0);
    reraise = false;
    for (;;) {
        const pe_fcode *c = f->code;
        const pe_exc_entry *h = NULL;
        for (uint32_t i = 0; i < c->nexctab; i++)
            if (at >= c->exctab[i].start && at < c->exctab[i].end) {
                h = &c->exctab[i];
                break;
            }
        if (PE_UNLIKELY(S->susp.unwinding)) h = NULL; /* pe_vm_abandon */
        if (h) {
            pe_val *floor = locals + c->nlocals + c->ncells + c->nfree + h->depth;
            /* the compiler guarantees the handler's depth is never above
             * the stack: a violation is an engine bug, never a corruption */
            PE_ASSERT(sp >= floor);
            if (PE_UNLIKELY(sp < floor)) {
                pe_decref(S, S->exc);
                S->exc = pe_undef();
                pe_raise(S, PE_EXC(RuntimeError), "internal error: exception handler below the stack");
                h = NULL;
                goto unwind_frame;
            }
            while (sp > floor) pe_decref(S, POP());
            pe_val exc = S->exc;
            S->exc = pe_undef();
            PUSH(exc);
            pc = c->code + h->target;
            DISPATCH();
        }
    unwind_frame:;
        bool was_entry = f->entry & PE_FR_ENTRY;
        if (f->entry & PE_FR_GEN) {
            /* the generator finishes with the exception; its resumer
             * (FOR_ITER, SEND or C) sees it at its own instruction */
            gen_stopiteration_to_runtime(S, f->gen);
            gen_finish(S, f, sp);
            if (was_entry) return -1;
            LOAD_FRAME();
            at = (uint32_t)(pc - 1 - f->code->code);
            pe_tb_add(S, f->code, f->code->lines[at], f->code->cols ? f->code->cols[at] : 0);
            continue;
        }
        pe_val *ret = f->ret;
        uint32_t fe = f->entry;
        if (PE_UNLIKELY(fe & (PE_FR_INIT | PE_FR_BINOP))) pe_decref_obj(S, &f->func->ob);
        frame_clear(S, f, sp);
        if (was_entry) return -1;
        LOAD_FRAME();
        /* the caller's stack still holds the callee and nothing else of
         * the call (the arguments became the callee's locals); a binop
         * frame's caller holds both operands */
        pe_decref(S, *ret);
        if (PE_UNLIKELY(fe & PE_FR_BINOP)) pe_decref(S, ret[1]);
        sp = ret;
        at = (uint32_t)(pc - 1 - f->code->code);
        pe_tb_add(S, f->code, f->code->lines[at], f->code->cols ? f->code->cols[at] : 0);
    }
}
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */
/* ------------------------------------------------------------------ */

/* Where a new entry frame may start: above the innermost frame. */
static pe_val *stack_top(pe_state *S, uint32_t *chunk) {
    if (S->nframes == 0) {
        *chunk = 0;
        return NULL;
    }
    *chunk = S->frames[S->nframes - 1].chunk;
    return S->frames[S->nframes - 1].sp;
}

/* A nested run of the dispatch loop costs C stack: bounded like the other
 * native recursion (pe_native_depth_limit), whatever max_depth allows. */
static PE_NOINLINE int native_depth_error(pe_state *S) {
    return pe_raise(S, PE_EXC(RecursionError),
                    "maximum recursion depth exceeded while calling a Python object");
}

static int vm_execute_nested(pe_state *S, pe_val *out, bool throw_) {
    S->c_depth++;
    int r = vm_execute(S, S->nframes - 1, out, throw_);
    S->c_depth--;
    return r;
}

int pe_vm_call_function(pe_state *S, pe_func *fn, int argc, const pe_val *argv,
                        pe_obj *kwnames, pe_val *out) {
    if (PE_UNLIKELY(S->c_depth + S->nrepr >= pe_native_depth_limit(S))) return native_depth_error(S);
    if (S->nframes == 0 && frames_prepare(S)) return -1;
    uint32_t chunk;
    pe_val *top = stack_top(S, &chunk);
    pe_val *base = stack_reserve(S, &chunk, top, frame_size(fn->code));
    if (!base) return -1;
    pe_frame *fr = enter_function(S, fn, base, chunk, NULL, argc, argv, kwnames, false);
    if (!fr) {
        if (S->nframes && S->frames[S->nframes - 1].locals == base) {
            pe_frame *bad = &S->frames[S->nframes - 1];
            frame_clear(S, bad, bad->sp);
        }
        return -1;
    }
    fr->entry = PE_FR_ENTRY;
    return vm_execute_nested(S, out, false);
}

int pe_vm_reserve(pe_state *S) {
    if (frames_prepare(S)) return -1;
    uint32_t chunk = 0;
    if (S->nchunks == 0 && !stack_reserve(S, &chunk, NULL, 1)) return -1;
    return 0;
}

int pe_vm_run(pe_state *S, pe_code *code, pe_val *result) {
    return pe_vm_run_module(S, code->module, S->globals, result);
}

int pe_vm_run_module(pe_state *S, pe_fcode *module, pe_val *globals, pe_val *result) {
    /* nested (an import inside a run): the frames array must not move */
    if (S->nframes == 0 && frames_prepare(S)) return -1;
    uint32_t chunk;
    pe_val *top = stack_top(S, &chunk);
    pe_val *base = stack_reserve(S, &chunk, top, frame_size(module));
    if (!base) return -1;
    pe_frame *fr = frame_push(S);
    if (!fr) return -1;
    fr->code = module;
    fr->func = NULL;
    fr->pc = module->code;
    fr->locals = base;
    fr->sp = base;
    fr->globals = globals;
    fr->entry = PE_FR_ENTRY;
    fr->chunk = chunk;
    fr->ret = NULL;
    return vm_execute(S, S->nframes - 1, result, false);
}

int pe_vm_gen_resume(pe_state *S, pe_gen *g, pe_val v, bool throw_, pe_val *out) {
    PE_ASSERT(g->state <= PE_GEN_SUSPENDED);
    if (PE_UNLIKELY(S->c_depth + S->nrepr >= pe_native_depth_limit(S))) return native_depth_error(S);
    if (S->nframes == 0 && frames_prepare(S)) return -1;
    uint32_t chunk;
    pe_val *top = safe_top(S, &chunk);
    pe_val *base = stack_reserve_fast(S, &chunk, top, g->cap);
    if (!base) return -1;
    pe_frame *fr = gen_frame_push(S, g, base, chunk);
    if (!fr) return -1;
    fr->entry |= PE_FR_ENTRY;
    if (!throw_) {
        pe_incref(v);
        *fr->sp++ = v;
    } else if (S->exc.tag == PE_TOBJ && S->handled.tag == PE_TOBJ &&
               !same_val(S->handled, fr->gen->outer_handled) && S->exc.u.o != S->handled.u.o &&
               !(S->exc.u.o->flags & PE_IMMORTAL) && PE_EXCOBJ(S->exc)->context.tag == PE_TUNDEF) {
        /* a thrown exception's context is the generator's own handled
         * exception (_PyErr_ChainStackItem) */
        pe_incref(S->handled);
        PE_EXCOBJ(S->exc)->context = S->handled;
    }
    if (vm_execute_nested(S, out, throw_)) return -1;
    return g->state == PE_GEN_CLOSED ? 0 : 1;
}

/* Suspended runs (suspend.c): the top frame continues where it stopped. */
int pe_vm_continue(pe_state *S, bool throw_, pe_val *result) {
    return vm_execute(S, 0, result, throw_);
}

void pe_vm_abandon(pe_state *S) {
    if (!S->nframes) return;
    pe_val saved = S->exc;
    S->exc = pe_undef();
    pe_raise(S, PE_EXC(RuntimeError), "suspended run abandoned");
    S->susp.unwinding = true;
    pe_val r;
    (void)vm_execute(S, 0, &r, true);
    S->susp.unwinding = false;
    pe_exc_clear(S);
    S->exc = saved;
}

/* snapshot.c: a frame for a loaded run, its window of `need` values (all
 * UNDEF) starting at top (NULL: the stack's start) or in a new chunk. */
pe_frame *pe_vm_load_frame(pe_state *S, pe_val *top, size_t need) {
    if (S->nframes == 0 && frames_prepare(S)) return NULL;
    uint32_t chunk = S->nframes ? S->frames[S->nframes - 1].chunk : 0;
    pe_val *base = stack_reserve(S, &chunk, top, need ? need : 1);
    if (!base) return NULL;
    pe_frame *fr = frame_push(S);
    if (!fr) return NULL;
    memset(fr, 0, sizeof *fr);
    for (size_t i = 0; i < need; i++) base[i] = pe_undef();
    fr->chunk = chunk;
    fr->locals = fr->sp = base;
    return fr;
}
