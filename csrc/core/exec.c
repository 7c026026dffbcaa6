/*
 * exec.c - the built-ins exec(), eval(), globals() and locals().
 *
 * A string is compiled like a program of its own (filename "<string>") and
 * run on global slots of its own, seeded by name from the namespaces
 * CPython would use: the locals mapping, then the globals dict, then the
 * built-ins. Without namespaces those are the calling frame's: its locals
 * (in a function) and its module's globals. After exec, the names the
 * string bound or rebound go back to where CPython stores them: the locals
 * mapping, else the globals dict, else (called at module level without
 * namespaces) the caller's own globals. Like CPython, exec in a function
 * cannot change that function's local variables.
 *
 * Functions the string defines keep its slots as their globals, so the
 * slots live (in S->modules, under a name no import can spell) until the
 * state is reset. Differences from CPython, documented in
 * docs/language.md: those functions see the string's slots, not later
 * changes of the dict; globals() is a snapshot.
 */
#include <stdio.h>
#include <string.h>

#include "pe_internal.h"
#include "pe_vm.h"
#include "pe_code.h"
#include "pe_module.h"
#include "pe_bytes.h"
#include "pe_class.h"

#define XFN(name) PE_MODFN(name)

static int no_args(pe_state *S, const char *fn, int argc, pe_obj *kw) {
    if (pe_no_kwargs(S, fn, kw)) return -1;
    if (argc) return pe_raise(S, PE_EXC(TypeError), "%s() takes no arguments (%d given)", fn, argc);
    return 0;
}

XFN(bi_globals) {
    (void)argv;
    if (no_args(S, "globals", argc, kw)) return -1;
    return pe_frame_namespace(S, pe_caller_frame(S), true, out);
}

XFN(bi_locals) {
    (void)argv;
    if (no_args(S, "locals", argc, kw)) return -1;
    return pe_frame_namespace(S, pe_caller_frame(S), false, out);
}

/* name's value in mapping m: 1 found (a new reference), 0 missing, -1 error */
static int map_get(pe_state *S, pe_val m, pe_val name, pe_val *out) {
    if (pe_is_dict(m)) {
        int r = pe_dict_get(S, PE_DICT(m), name, out);
        if (r == 1) pe_incref(*out);
        return r;
    }
    if (pe_getitem(S, m, name, out) == 0) return 1;
    if (!pe_exc_matches(S, PE_EXC(KeyError))) return -1;
    pe_exc_clear(S);
    return 0;
}

/* The caller's global slots by name: *map = a dict name -> slot index of
 * program pc (UNDEF without one), built once per exec/eval so that each of
 * the string's names is found in one lookup. */
static int caller_slotmap(pe_state *S, const pe_code *pc, pe_val *map) {
    *map = pe_undef();
    if (!pc) return 0;
    if (pe_dict_new(S, map)) return -1;
    for (uint32_t k = 0; k < pc->nglobals; k++)
        if (pe_dict_set(S, PE_DICT(*map), pe_obj_val(pc->gnames[k]), pe_int((int64_t)k))) return -1;
    return 0;
}

/* The caller's global slot named name (map from caller_slotmap), or NULL. */
static pe_val *caller_slot(const pe_frame *fr, pe_val map, pe_val name) {
    if (map.tag != PE_TOBJ) return NULL;
    pe_val k = pe_dict_get_str(PE_DICT(map), PE_STR(name));
    return k.tag == PE_TINT ? &fr->globals[k.u.i] : NULL;
}

/* name's value among the caller's globals: 1 found (new reference), 0 not */
static int caller_global(const pe_frame *fr, pe_val map, pe_val name, pe_val *out) {
    pe_val *slot = caller_slot(fr, map, name);
    if (!slot || slot->tag == PE_TUNDEF) return 0;
    pe_incref(*slot);
    *out = *slot;
    return 1;
}

/* The string's global slots, owned by an anonymous module kept in
 * S->modules (under a name no import can spell) until pe_reset: functions
 * the string defines point at them. */
static pe_val *new_space(pe_state *S, pe_code *code) {
    uint32_t n = code->nglobals;
    pe_val *slots = pe_mem_alloc(S, (n ? n : 1) * sizeof(pe_val));
    if (!slots) return NULL;
    for (uint32_t i = 0; i < n; i++) slots[i] = pe_undef();
    pe_module *m = (pe_module *)pe_obj_new(S, &pe_type_module, sizeof(pe_module));
    if (!m) {
        pe_mem_free(S, slots, (n ? n : 1) * sizeof(pe_val));
        return NULL;
    }
    m->name = "<string>";
    m->lookup = NULL;
    m->dict = m->slotmap = m->namekey = pe_undef();
    pe_code_retain(code);
    m->code = code;
    m->globals = slots;
    pe_val mv = pe_obj_val(&m->ob), key;
    int r = -1;
    if (S->modules.tag == PE_TOBJ || pe_dict_new(S, &S->modules) == 0) {
        char buf[32];
        int k = snprintf(buf, sizeof buf, "%cexec%zu", 0, PE_DICT(S->modules)->nentries);
        if (pe_str_new(S, buf, (size_t)k, &key) == 0) {
            r = pe_dict_set(S, PE_DICT(S->modules), key, mv);
            pe_decref(S, key);
        }
    }
    pe_decref(S, mv);
    return r ? NULL : slots;
}

/* exec/eval(source, globals=None, locals=None, /) */
static int run_string(pe_state *S, const char *fn, int mode, int argc, const pe_val *argv,
                      pe_obj *kw, pe_val *out) {
    if (pe_no_kwargs(S, fn, kw)) return -1;
    if (argc < 1 || argc > 3)
        return pe_raise(S, PE_EXC(TypeError), "%s expected at most 3 arguments, got %d", fn, argc);
    pe_val src = argv[0];
    pe_val g = argc > 1 ? argv[1] : pe_none(), l = argc > 2 ? argv[2] : pe_none();
    const char *text;
    size_t len;
    if (pe_is_str(src)) {
        text = PE_STR(src)->data;
        len = PE_STR(src)->len;
    } else {
        const unsigned char *b;
        if (!pe_bytes_view(src, &b, &len))
            return pe_raise(S, PE_EXC(TypeError), "%s() arg 1 must be a string, bytes or code object", fn);
        text = (const char *)b;
    }
    if (g.tag != PE_TNONE && !pe_is_dict(g)) {
        if (mode == PE_MODE_EVAL) return pe_raise(S, PE_EXC(TypeError), "globals must be a dict");
        return pe_raise(S, PE_EXC(TypeError), "exec() globals must be a dict, not %s", pe_type_name(g));
    }
    if (l.tag != PE_TNONE && !pe_is_dict(l) && !pe_is_heaptype(pe_typeof(l))) {
        if (mode == PE_MODE_EVAL) return pe_raise(S, PE_EXC(TypeError), "locals must be a mapping");
        return pe_raise(S, PE_EXC(TypeError), "locals must be a mapping or None, not %s", pe_type_name(l));
    }
    if (memchr(text, 0, len))
        return pe_raise(S, PE_EXC(SyntaxError), "source code string cannot contain null bytes");
    if (mode == PE_MODE_EVAL) /* eval strips leading spaces and tabs */
        while (len && (*text == ' ' || *text == '\t')) text++, len--;
    pe_frame *fr = pe_caller_frame(S);
    pe_val ldict = pe_undef(); /* the caller's locals, in a function */
    bool implicit = g.tag == PE_TNONE;
    if (implicit && l.tag == PE_TNONE && fr && fr->func) {
        if (pe_frame_namespace(S, fr, false, &ldict)) return -1;
        l = ldict;
    }
    if (!implicit && l.tag == PE_TNONE) l = g;
    pe_code *code = pe_compile(S, text, len, "<string>", mode);
    if (!code) {
        pe_decref(S, ldict);
        return -1;
    }
    uint32_t n = code->nglobals;
    pe_val *seed = pe_mem_alloc(S, (n ? n : 1) * sizeof(pe_val));
    pe_val *slots = seed ? new_space(S, code) : NULL;
    int rc = -1;
    pe_val res = pe_undef(), gmap = pe_undef();
    if (!slots) goto done;
    /* the caller's globals are read (implicit) and written back (exec at module level) */
    if (implicit && fr && caller_slotmap(S, pe_frame_prog(S, fr), &gmap)) goto done;
    for (uint32_t i = 0; i < n; i++) seed[i] = pe_undef();
    for (uint32_t i = 0; i < n; i++) {
        pe_val name = pe_obj_val(code->gnames[i]), v;
        int r = l.tag != PE_TNONE ? map_get(S, l, name, &v) : 0;
        if (r == 0 && !implicit) r = map_get(S, g, name, &v);
        if (r == 0 && implicit) r = caller_global(fr, gmap, name, &v);
        if (r < 0) goto done;
        if (r == 0) v = code->gbuiltin[i] >= 0 ? pe_builtin_value(code->gbuiltin[i]) : pe_undef();
        slots[i] = v; /* the new reference */
        pe_incref(v);
        seed[i] = v; /* one more: what it was, to see what the string rebound */
    }
    rc = pe_vm_run_module(S, code->module, slots, &res);
    if (rc == 0 && mode == PE_MODE_EXEC) {
        /* what the string (re)bound goes back */
        pe_val target = l.tag != PE_TNONE ? l : g;
        for (uint32_t i = 0; i < n && rc == 0; i++) {
            if (slots[i].tag == PE_TUNDEF || pe_is(slots[i], seed[i])) continue;
            pe_val name = pe_obj_val(code->gnames[i]);
            if (target.tag != PE_TNONE) {
                rc = pe_is_dict(target) ? pe_dict_set(S, PE_DICT(target), name, slots[i])
                                        : pe_setitem(S, target, name, slots[i]);
            } else if (fr && !fr->func) {
                pe_val *slot = caller_slot(fr, gmap, name);
                if (slot) pe_assign(S, slot, slots[i]);
            }
        }
        if (rc == 0) {
            pe_decref(S, res);
            res = pe_none();
        }
    }
    if (rc == 0) {
        *out = res;
        res = pe_undef();
    }
done:
    pe_decref(S, res);
    pe_decref(S, gmap);
    if (seed) {
        for (uint32_t i = 0; i < n; i++) pe_decref(S, seed[i]);
        pe_mem_free(S, seed, (n ? n : 1) * sizeof(pe_val));
    }
    pe_code_release(code);
    pe_decref(S, ldict);
    return rc;
}

XFN(bi_exec) {
    return run_string(S, "exec", PE_MODE_EXEC, argc, argv, kw, out);
}

XFN(bi_eval) {
    return run_string(S, "eval", PE_MODE_EVAL, argc, argv, kw, out);
}

const pe_cfunc pe_bi_exec = PE_METHOD("exec", bi_exec), pe_bi_eval = PE_METHOD("eval", bi_eval),
              pe_bi_globals = PE_METHOD("globals", bi_globals),
              pe_bi_locals = PE_METHOD("locals", bi_locals);
