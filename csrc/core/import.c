/*
 * import.c - the import system: the registry of built-in modules, module
 * objects, `import a.b as c`, `from m import x`, `from m import *`.
 *
 * Three kinds of module, one type (`module`):
 *  - static (math, sys): immortal objects answering attributes through a
 *    lookup function; nothing is allocated on import;
 *  - C modules (modules.def PE_CMOD): a dict of attributes filled by an init
 *    function on the first import in a state;
 *  - Python modules (csrc/lib/NAME.py, embedded by tools/embed_lib.sh): the
 *    source is compiled on the first import in a state (the compiled code is
 *    kept by the state for later runs) and run on the module's own global
 *    slots; attributes are those slots (by name), plus a dict for names set
 *    from outside that the module's code never mentions.
 * Imported modules stay in S->modules (CPython's sys.modules) until
 * pe_reset: one run's module state (a seeded random, a patched function)
 * never reaches another run.
 */
#include <stdio.h>
#include <string.h>

#include "pe_internal.h"
#include "pe_vm.h"
#include "pe_code.h"
#include "capi.h"
#include "pe_module.h"

typedef struct pe_frozen {
    const char *name;
    const char *src;
} pe_frozen;

#include "frozen_lib.h" /* generated: pe_frozen_table */

/* Entries of pe_frozen_table (it ends with a null entry). */
static size_t n_frozen(void) { return sizeof pe_frozen_table / sizeof pe_frozen_table[0] - 1; }

typedef struct modspec {
    const char *name;
    int (*get_static)(pe_state *S, pe_val *out);
    int (*init)(pe_state *S, pe_val mod);
} modspec;

static const modspec c_modules[] = {
#define PE_STATICMOD(name, getter) {name, getter, NULL},
#define PE_CMOD(name, init) {name, NULL, init},
#include "modules.def"
#undef PE_STATICMOD
#undef PE_CMOD
};
#define N_CMOD (sizeof c_modules / sizeof c_modules[0])

/* ------------------------------------------------------------------ */
/* The module type                                                     */
/* ------------------------------------------------------------------ */

static pe_module *mod_of(pe_val v) { return (pe_module *)v.u.o; }

const char *pe_module_name(pe_val mod) { return mod_of(mod)->name; }

/* The value of slot name in a Python module, or UNDEF: a slot the module's
 * code only reads as a builtin (still holding the builtin) is no attribute. */
static pe_val slot_get(const pe_module *m, pe_str *name, int64_t *slot) {
    *slot = -1;
    if (m->slotmap.tag != PE_TOBJ) return pe_undef();
    pe_val i = pe_dict_get_str(PE_DICT(m->slotmap), name);
    if (i.tag != PE_TINT) return pe_undef();
    *slot = i.u.i;
    pe_val v = m->globals[i.u.i];
    int32_t b = m->code->gbuiltin[i.u.i];
    if (b >= 0 && v.tag == PE_TOBJ && v.u.o == pe_builtin_value(b).u.o) return pe_undef();
    return v;
}

/* 0 with a new reference, PE_NOTIMPL when the module has no such attribute
 * (nothing raised), -1 on error. */
static int mod_lookup(pe_state *S, const pe_module *m, pe_str *name, pe_val *out) {
    if (m->lookup) {
        int r = m->lookup(S, name->data, out); /* a new reference */
        if (r != PE_NOTIMPL) return r;
    } else {
        int64_t slot;
        pe_val v = slot_get(m, name, &slot);
        if (v.tag == PE_TUNDEF && m->dict.tag == PE_TOBJ) v = pe_dict_get_str(PE_DICT(m->dict), name);
        if (v.tag != PE_TUNDEF) {
            pe_incref(v);
            *out = v;
            return 0;
        }
    }
    if (!strcmp(name->data, "__name__")) return pe_str_from_cstr(S, m->name, out);
    if (!strcmp(name->data, "__doc__")) {
        *out = pe_none();
        return 0;
    }
    return PE_NOTIMPL;
}

static int module_getattr(pe_state *S, pe_val v, pe_obj *name, pe_val *out) {
    const pe_module *m = mod_of(v);
    int r = mod_lookup(S, m, (pe_str *)name, out);
    if (r != PE_NOTIMPL) return r;
    return pe_raise(S, PE_EXC(AttributeError), "module '%s' has no attribute '%s'", m->name,
                    ((pe_str *)name)->data);
}

static int module_setattr(pe_state *S, pe_val v, pe_obj *name, pe_val val) {
    pe_module *m = mod_of(v);
    if (m->lookup) { /* math, sys: static, shared by every state */
        pe_val x;
        int r = val.tag == PE_TUNDEF ? mod_lookup(S, m, (pe_str *)name, &x) : 0;
        if (r == PE_NOTIMPL) /* object.__delattr__'s wording */
            return pe_raise(S, PE_EXC(AttributeError), "'module' object has no attribute '%s'",
                            ((pe_str *)name)->data);
        if (r < 0) return -1;
        if (val.tag == PE_TUNDEF) pe_decref(S, x);
        return pe_raise(S, PE_EXC(AttributeError), "module attributes are read-only in pyexpr");
    }
    int64_t slot;
    pe_val cur = slot_get(m, (pe_str *)name, &slot);
    if (slot >= 0 && (val.tag != PE_TUNDEF || cur.tag != PE_TUNDEF)) {
        pe_assign(S, &m->globals[slot], val);
        return 0;
    }
    if (m->dict.tag != PE_TOBJ && pe_dict_new(S, &m->dict)) return -1;
    if (val.tag != PE_TUNDEF) return pe_dict_set(S, PE_DICT(m->dict), pe_obj_val(name), val);
    int r = pe_dict_del(S, PE_DICT(m->dict), pe_obj_val(name));
    if (r == 0) /* object.__delattr__'s wording */
        return pe_raise(S, PE_EXC(AttributeError), "'module' object has no attribute '%s'",
                        ((pe_str *)name)->data);
    return r < 0 ? -1 : 0;
}

static int module_repr(pe_state *S, pe_val v, pe_sb *sb) {
    const pe_module *m = mod_of(v);
    if (m->code) return pe_sb_printf(sb, "<module '%s' (frozen)>", m->name);
    (void)S;
    return pe_sb_printf(sb, "<module '%s' (built-in)>", m->name);
}

static void module_clear(pe_state *S, pe_obj *o) {
    pe_module *m = (pe_module *)o;
    pe_val d = m->dict, sm = m->slotmap;
    m->dict = m->slotmap = pe_undef();
    pe_decref(S, d);
    pe_decref(S, sm);
    if (m->namekey.tag == PE_TOBJ) { /* keep the name readable until dealloc */
        pe_val k = m->namekey;
        m->namekey = pe_undef();
        m->name = "?";
        pe_decref(S, k);
    }
    if (m->globals) {
        pe_val *g = m->globals;
        uint32_t n = m->code->nglobals;
        m->globals = NULL;
        for (uint32_t i = 0; i < n; i++) pe_decref(S, g[i]);
        pe_mem_free(S, g, (n ? n : 1) * sizeof(pe_val));
    }
    if (m->code) {
        pe_code *c = m->code;
        m->code = NULL;
        pe_code_release(c);
    }
}

static void module_dealloc(pe_state *S, pe_obj *o) {
    if (pe_trash_begin(S, o)) return;
    module_clear(S, o);
    pe_obj_free(S, o, sizeof(pe_module));
    pe_trash_end(S);
}

const pe_type pe_type_module = {
    .ob = PE_STATIC_HEAD(&pe_type_type),
    .name = "module",
    .kind = PE_K_MODULE,
    .dealloc = module_dealloc,
    .clear = module_clear,
    .repr = module_repr,
    .getattr = module_getattr,
    .setattr = module_setattr,
};

/* ------------------------------------------------------------------ */
/* Filling a module (C modules' init functions)                        */
/* ------------------------------------------------------------------ */

int pe_module_set(pe_state *S, pe_val mod, const char *name, pe_val v) {
    pe_val key;
    if (pe_str_from_cstr(S, name, &key)) {
        pe_decref(S, v);
        return -1;
    }
    int r = module_setattr(S, mod, key.u.o, v);
    pe_decref(S, key);
    pe_decref(S, v);
    return r;
}

int pe_module_add_functions(pe_state *S, pe_val mod, const pe_cfunc *fns) {
    for (; fns->name; fns++)
        if (pe_module_set(S, mod, fns->name, pe_obj_val((pe_obj *)&fns->ob))) return -1;
    return 0;
}

int pe_module_get(pe_state *S, pe_val mod, const char *name, pe_val *out) {
    pe_val key;
    if (pe_str_from_cstr(S, name, &key)) return -1;
    int r = pe_getattr(S, mod, key.u.o, out);
    pe_decref(S, key);
    return r;
}

int pe_module_raisev(pe_state *S, const char *module, const char *cls, const char *fmt,
                     va_list ap) {
    char msg[256];
    vsnprintf(msg, sizeof msg, fmt, ap);
    pe_val mod, c, s, exc;
    if (pe_import(S, module, &mod)) return -1;
    int r = pe_module_get(S, mod, cls, &c);
    pe_decref(S, mod);
    if (r) return -1;
    r = pe_str_from_cstr(S, msg, &s);
    if (!r) {
        r = pe_call(S, c, 1, &s, NULL, &exc);
        pe_decref(S, s);
    }
    pe_decref(S, c);
    if (r) return -1;
    pe_raise_exc(S, exc);
    pe_decref(S, exc);
    return -1;
}

/* dir(module): the attribute names, sorted. */
int pe_module_dir(pe_state *S, pe_val mod, pe_val *out) {
    const pe_module *m = mod_of(mod);
    pe_val l;
    if (pe_list_new(S, 0, &l)) return -1;
    static const char *const dunder[] = {"__doc__", "__name__"};
    for (size_t i = 0; i < 2; i++) {
        pe_val s;
        if (pe_str_from_cstr(S, dunder[i], &s)) goto fail;
        int r = pe_list_append(S, PE_LIST(l), s);
        pe_decref(S, s);
        if (r) goto fail;
    }
    if (m->slotmap.tag == PE_TOBJ) {
        size_t pos = 0;
        pe_val k;
        while (pe_dict_next(PE_DICT(m->slotmap), &pos, &k, NULL)) {
            int64_t slot;
            if (strcmp(PE_STR(k)->data, "__name__") && strcmp(PE_STR(k)->data, "__doc__") &&
                slot_get(m, PE_STR(k), &slot).tag != PE_TUNDEF && pe_list_append(S, PE_LIST(l), k))
                goto fail;
        }
    }
    if (m->dict.tag == PE_TOBJ) {
        size_t pos = 0;
        pe_val k;
        while (pe_dict_next(PE_DICT(m->dict), &pos, &k, NULL))
            if (pe_list_append(S, PE_LIST(l), k)) goto fail;
    }
    if (pe_list_sort(S, PE_LIST(l), pe_undef(), false)) goto fail;
    *out = l;
    return 0;
fail:
    pe_decref(S, l);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Making a module                                                     */
/* ------------------------------------------------------------------ */

static pe_module *module_new(pe_state *S, const char *name) {
    pe_module *m = (pe_module *)pe_obj_new(S, &pe_type_module, sizeof(pe_module));
    if (!m) return NULL;
    m->name = name;
    m->lookup = NULL;
    m->dict = m->slotmap = m->namekey = pe_undef();
    m->code = NULL;
    m->globals = NULL;
    return m;
}

/* The compiled code of frozen module i, compiled once per state (it is
 * immutable: every import runs it on fresh slots). */
static pe_code *frozen_code(pe_state *S, size_t i) {
    if (!S->frozen_code) {
        S->frozen_code = pe_sys_alloc(S, n_frozen() * sizeof(pe_code *));
        if (!S->frozen_code) {
            pe_raise_nomem(S);
            return NULL;
        }
        memset(S->frozen_code, 0, n_frozen() * sizeof(pe_code *));
    }
    if (!S->frozen_code[i]) {
        const pe_frozen *f = &pe_frozen_table[i];
        char fn[96];
        snprintf(fn, sizeof fn, "<frozen %s>", f->name);
        const char *src = f->src ? f->src : "";
        pe_code *c = pe_compile(S, src, strlen(src), fn, PE_MODE_EXEC);
        if (!c) return NULL;
        c->modname = f->name;
        S->frozen_code[i] = c;
    }
    return S->frozen_code[i];
}

/* Runs frozen module i's code on m's own global slots. */
static int exec_frozen(pe_state *S, pe_module *m, size_t i) {
    pe_code *code = frozen_code(S, i);
    if (!code) return -1;
    uint32_t n = code->nglobals;
    pe_val *g = pe_mem_alloc(S, (n ? n : 1) * sizeof(pe_val));
    if (!g) return -1;
    pe_code_retain(code);
    m->code = code;
    m->globals = g;
    for (uint32_t k = 0; k < n; k++)
        g[k] = code->gbuiltin[k] >= 0 ? pe_builtin_value(code->gbuiltin[k]) : pe_undef();
    if (pe_dict_new(S, &m->slotmap)) return -1;
    for (uint32_t k = 0; k < n; k++) {
        pe_str *nm = (pe_str *)code->gnames[k];
        if (pe_dict_set(S, PE_DICT(m->slotmap), pe_obj_val(code->gnames[k]), pe_int((int64_t)k)))
            return -1;
        if (!strcmp(nm->data, "__name__")) {
            pe_val s;
            if (pe_str_from_cstr(S, m->name, &s)) return -1;
            pe_val old = g[k];
            g[k] = s;
            pe_decref(S, old);
        }
    }
    pe_val r;
    if (pe_vm_run_module(S, code->module, g, &r)) return -1;
    pe_decref(S, r);
    return 0;
}

/* Where name is listed: 0 not found, 1 a C module (*c), 2 a Python module
 * (*py: index into pe_frozen_table). */
static int find_spec(const char *name, const modspec **c, size_t *py) {
    for (size_t i = 0; i < N_CMOD; i++)
        if (!strcmp(c_modules[i].name, name)) {
            *c = &c_modules[i];
            return 1;
        }
    for (size_t i = 0; pe_frozen_table[i].name; i++)
        if (!strcmp(pe_frozen_table[i].name, name)) {
            *py = i;
            return 2;
        }
    return 0;
}

/* Is some listed module a submodule of the first n bytes of name? */
static bool is_package(const char *name, size_t n) {
    for (size_t i = 0; i < N_CMOD; i++)
        if (!strncmp(c_modules[i].name, name, n) && c_modules[i].name[n] == '.') return true;
    for (size_t i = 0; pe_frozen_table[i].name; i++)
        if (!strncmp(pe_frozen_table[i].name, name, n) && pe_frozen_table[i].name[n] == '.')
            return true;
    return false;
}

/* CPython's ModuleNotFoundError, "; 'a' is not a package" when a listed
 * parent module has no submodules. */
static int not_found(pe_state *S, pe_str *key) {
    const char *name = key->data;
    size_t len = key->len;
    pe_sb sb;
    pe_sb_init(&sb, S);
    pe_sb_puts(&sb, "No module named ");
    pe_str_repr(S, key, &sb);
    const char *dot = memchr(name, '.', len);
    if (dot) {
        /* the last listed ancestor that is not a package */
        const modspec *c;
        size_t py;
        char buf[256];
        const char *d = dot;
        while (d) {
            size_t n = (size_t)(d - name);
            if (n >= sizeof buf) break;
            memcpy(buf, name, n);
            buf[n] = 0;
            if (find_spec(buf, &c, &py) && !is_package(name, n)) {
                pe_sb_printf(&sb, "; '%s' is not a package", buf);
                break;
            }
            d = memchr(d + 1, '.', len - (size_t)(d + 1 - name));
        }
    }
    if (!sb.failed) {
        pe_raise_str(S, PE_EXC(ModuleNotFoundError), sb.p, sb.len);
        pe_sb_free(&sb);
        pe_exc_set_name(S, name, pe_undef());
        return -1;
    }
    pe_sb_free(&sb);
    return pe_raise_nomem(S);
}

/* Imports exactly `name` (its parents already imported). */
static int import_one(pe_state *S, pe_val key, pe_val *out) {
    const char *name = PE_STR(key)->data;
    if (S->modules.tag == PE_TOBJ) {
        pe_val v = pe_dict_get_str(PE_DICT(S->modules), PE_STR(key));
        if (v.tag != PE_TUNDEF) {
            pe_incref(v);
            *out = v;
            return 0;
        }
    }
    const modspec *c = NULL;
    size_t py = 0;
    int kind = find_spec(name, &c, &py);
    if (kind == 0 && !S->import_hook) return not_found(S, PE_STR(key));
    if (kind == 1 && c->get_static) return c->get_static(S, out);
    if (S->modules.tag != PE_TOBJ && pe_dict_new(S, &S->modules)) return -1;
    pe_module *m = module_new(S, kind == 1 ? c->name : pe_frozen_table[py].name);
    if (!m) return -1;
    pe_val mv = pe_obj_val(&m->ob);
    /* listed before it runs, as CPython does: an import cycle finds it */
    if (pe_dict_set(S, PE_DICT(S->modules), key, mv)) {
        pe_decref(S, mv);
        return -1;
    }
    int r;
    if (kind == 0) { /* the host's? */
        m->name = name; /* while the hook runs; a copy below if it is */
        r = S->import_hook(S, name, pe_value_of(mv), S->import_ud);
        if (r == 0) r = not_found(S, PE_STR(key));
        if (r == 1) {
            /* the name lives as long as the module: the key of S->modules */
            m->name = PE_STR(key)->data;
            m->namekey = key;
            pe_incref(key);
            r = 0;
        }
    } else {
        r = kind == 1 ? c->init(S, mv) : exec_frozen(S, m, py);
    }
    if (r) {
        pe_incref(S->exc); /* keep the error across the removal */
        pe_val e = S->exc;
        S->exc = pe_undef();
        (void)pe_dict_del(S, PE_DICT(S->modules), key);
        pe_exc_clear(S);
        S->exc = e;
        pe_decref(S, mv);
        return -1;
    }
    *out = mv;
    return 0;
}

/* `import a.b.c`: imports a, a.b, a.b.c in turn, each set as an attribute
 * of its parent; the last one is the result. */
int pe_module_import(pe_state *S, pe_str *name, pe_val *out) {
    pe_val parent = pe_undef();
    size_t start = 0;
    for (;;) {
        const char *dot = memchr(name->data + start, '.', name->len - start);
        size_t n = dot ? (size_t)(dot - name->data) : name->len;
        pe_val key, m;
        /* a code constant (immortal) dies with its code, which may go
         * before the modules it names: S->modules keys its own copy */
        if (n == name->len && !(name->ob.flags & PE_IMMORTAL)) {
            pe_incref(pe_obj_val(&name->ob));
            key = pe_obj_val(&name->ob);
        } else if (pe_str_new(S, name->data, n, &key)) {
            pe_decref(S, parent);
            return -1;
        }
        int r = import_one(S, key, &m);
        if (r == 0 && parent.tag != PE_TUNDEF && !mod_of(parent)->lookup) {
            pe_val child;
            r = pe_str_new(S, name->data + start, n - start, &child);
            if (r == 0) {
                r = module_setattr(S, parent, child.u.o, m);
                pe_decref(S, child);
            }
            if (r) pe_decref(S, m);
        }
        pe_decref(S, key);
        pe_decref(S, parent);
        if (r) return -1;
        if (!dot) {
            *out = m;
            return 0;
        }
        parent = m;
        start = n + 1;
    }
}

int pe_import(pe_state *S, const char *name, pe_val *out) {
    pe_val key;
    if (pe_str_from_cstr(S, name, &key)) return -1;
    int r = pe_module_import(S, PE_STR(key), out);
    pe_decref(S, key);
    return r;
}

/* `from m import name`: the attribute, or CPython's ImportError for a
 * built-in module (a built-in module has no file: "(unknown location)"). */
int pe_module_import_from(pe_state *S, pe_val module, pe_str *name, pe_val *out) {
    if (pe_getattr(S, module, (pe_obj *)name, out) == 0) return 0;
    if (!pe_exc_matches(S, PE_EXC(AttributeError))) return -1;
    pe_exc_clear(S);
    if (pe_is_kind(module, PE_K_MODULE)) {
        /* a submodule not imported yet: from collections import abc */
        const char *mn = mod_of(module)->name;
        size_t ml = strlen(mn);
        char buf[256];
        const modspec *c;
        size_t py;
        if (ml + 1 + name->len < sizeof buf) {
            memcpy(buf, mn, ml);
            buf[ml] = '.';
            memcpy(buf + ml + 1, name->data, name->len + 1);
            if (find_spec(buf, &c, &py)) {
                pe_val sub;
                if (pe_import(S, buf, &sub)) return -1;
                *out = sub;
                return 0;
            }
        }
    }
    pe_val mname;
    pe_val key;
    if (pe_str_from_cstr(S, "__name__", &key)) return -1;
    int r = pe_getattr(S, module, key.u.o, &mname);
    pe_decref(S, key);
    if (r) return -1;
    pe_sb sb;
    pe_sb_init(&sb, S);
    pe_sb_puts(&sb, "cannot import name ");
    pe_str_repr(S, name, &sb);
    pe_sb_puts(&sb, " from ");
    if (pe_is_str(mname)) pe_str_repr(S, PE_STR(mname), &sb);
    pe_sb_puts(&sb, " (unknown location)");
    if (!sb.failed) {
        pe_raise_str(S, PE_EXC(ImportError), sb.p, sb.len);
        if (pe_is_str(mname)) pe_exc_set_name(S, PE_STR(mname)->data, pe_undef());
    }
    pe_decref(S, mname);
    pe_sb_free(&sb);
    return -1;
}

/* Is name listed in the module's __all__ (a list or tuple of str)? */
static int in_all(pe_state *S, const char *mod, pe_val all, pe_str *name) {
    size_t n;
    const pe_val *items;
    if (pe_is_kind(all, PE_K_LIST)) {
        n = PE_LIST(all)->n;
        items = PE_LIST(all)->items;
    } else if (pe_is_kind(all, PE_K_TUPLE)) {
        n = PE_TUPLE(all)->n;
        items = PE_TUPLE(all)->items;
    } else {
        return pe_raise(S, PE_EXC(TypeError), "%s.__all__ must be a list or tuple of str", mod);
    }
    for (size_t i = 0; i < n; i++) {
        if (!pe_is_str(items[i]))
            return pe_raise(S, PE_EXC(TypeError), "Item in %s.__all__ must be str, not %s", mod,
                            pe_typeof(items[i])->name);
        if (PE_STR(items[i])->len == name->len &&
            !memcmp(PE_STR(items[i])->data, name->data, name->len))
            return 1;
    }
    return 0;
}

/* `from m import *` into a frame's global slots: every slot of the program
 * whose name the module exports (its __all__, else its names without a
 * leading underscore). The program's other names cannot be read, so only
 * they need binding. */
int pe_module_import_star(pe_state *S, pe_val module, pe_val *globals, const pe_code *prog) {
    pe_val all = pe_undef();
    pe_val key;
    if (pe_str_from_cstr(S, "__all__", &key)) return -1;
    int r = pe_getattr(S, module, key.u.o, &all);
    pe_decref(S, key);
    if (r) {
        if (!pe_exc_matches(S, PE_EXC(AttributeError))) return -1;
        pe_exc_clear(S);
        all = pe_undef();
    }
    int rc = 0;
    for (uint32_t i = 0; i < prog->nglobals && rc == 0; i++) {
        pe_str *nm = (pe_str *)prog->gnames[i];
        if (all.tag == PE_TUNDEF) {
            if (nm->data[0] == '_') continue;
        } else {
            int in = in_all(S, pe_module_name(module), all, nm);
            if (in < 0) rc = -1;
            if (in <= 0) continue;
        }
        pe_val v;
        int k = pe_is_kind(module, PE_K_MODULE) ? mod_lookup(S, mod_of(module), nm, &v) : -1;
        if (k == PE_NOTIMPL) {
            if (all.tag == PE_TUNDEF) continue;
            rc = pe_raise(S, PE_EXC(AttributeError), "module '%s' has no attribute '%s'",
                          mod_of(module)->name, nm->data);
        } else if (k < 0) {
            rc = -1;
        } else {
            pe_val old = globals[i];
            globals[i] = v;
            pe_decref(S, old);
        }
    }
    pe_decref(S, all);
    return rc;
}

void pe_set_import_hook(pe_state *S, pe_import_fn fn, void *ud) {
    S->import_hook = fn;
    S->import_ud = ud;
}

int pe_module_add(pe_state *S, pe_value module, const char *name, pe_value v) {
    pe_val m = pe_val_of(module), x = pe_val_of(v);
    if (!pe_is_kind(m, PE_K_MODULE) || mod_of(m)->lookup)
        return pe_raise(S, PE_EXC(TypeError), "pe_module_add: not a host module");
    pe_incref(x);
    return pe_module_set(S, m, name, x);
}

void pe_modules_clear(pe_state *S) {
    pe_val m = S->modules;
    S->modules = pe_undef();
    pe_decref(S, m);
}

void pe_modules_fini(pe_state *S) {
    pe_modules_clear(S);
    if (!S->frozen_code) return;
    for (size_t i = 0; pe_frozen_table[i].name; i++)
        if (S->frozen_code[i]) pe_code_release(S->frozen_code[i]);
    pe_sys_free(S, S->frozen_code, n_frozen() * sizeof(pe_code *));
    S->frozen_code = NULL;
}

/* The public module names (pyexpr.h): not a helper ('_') or a submodule
 * ('.'). Name k of the two tables (C modules first). */
static const char *listed_module(size_t k) {
    const char *name = k < N_CMOD ? c_modules[k].name : pe_frozen_table[k - N_CMOD].name;
    return name[0] == '_' || strchr(name, '.') ? NULL : name;
}

/* The i-th public module name in sorted order: the one with exactly i names
 * before it (a few dozen names; no order of the tables is assumed). */
const char *pe_module_list(int i) {
    size_t total = N_CMOD + n_frozen();
    for (size_t k = 0; k < total; k++) {
        const char *name = listed_module(k);
        if (!name) continue;
        int before = 0;
        for (size_t j = 0; j < total; j++) {
            const char *other = listed_module(j);
            before += other && strcmp(other, name) < 0;
        }
        if (before == i) return name;
    }
    return NULL;
}
