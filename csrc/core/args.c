/*
 * args.c - binding the arguments of built-in functions and methods with
 * CPython's messages (Python/getargs.c, Argument Clinic). The positional
 * checks (pe_cont_noargs, pe_cont_posargs, ...) live in tuple.c.
 */
#include <string.h>

#include "cont_internal.h"
#include "pe_dunder.h"

bool pe_cfunc_lookup(const pe_cfunc *sorted, size_t n, const char *name, pe_val *out) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, sorted[mid].name);
        if (c == 0) {
            *out = pe_obj_val((pe_obj *)&sorted[mid].ob);
            return true;
        }
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return false;
}

int pe_args_bind(pe_state *S, const char *fname, int argc, const pe_val *argv, pe_obj *kwnames,
                 const char *const *names, int npos_max, int nparams, pe_val *slot) {
    int nkw = (int)cont_nkw(kwnames), npos = argc - nkw;
    for (int i = 0; i < nparams; i++) slot[i] = pe_undef();
    if (argc > nparams)
        return pe_raise(S, PE_EXC(TypeError), "%s() takes at most %d %sargument%s (%d given)", fname,
                        nparams, npos == 0 ? "keyword " : "", nparams == 1 ? "" : "s", argc);
    if (npos > npos_max)
        return pe_raise(S, PE_EXC(TypeError), "%s() takes at most %d positional argument%s (%d given)",
                        fname, npos_max, npos_max == 1 ? "" : "s", npos);
    for (int i = 0; i < npos; i++) slot[i] = argv[i];
    int used = 0;
    for (int i = npos; i < nparams; i++)
        for (int k = 0; k < nkw; k++)
            if (cont_str_is(cont_kwname(kwnames, (size_t)k), names[i])) {
                slot[i] = argv[npos + k];
                used++;
            }
    if (used == nkw) return 0;
    /* _PyArg_UnpackKeywords' order: a parameter given twice, then the
     * first unknown keyword */
    for (int i = 0; i < npos; i++)
        for (int k = 0; k < nkw; k++)
            if (cont_str_is(cont_kwname(kwnames, (size_t)k), names[i]))
                return pe_raise(S, PE_EXC(TypeError),
                                "argument for %s() given by name ('%s') and position (%d)", fname,
                                names[i], i + 1);
    for (int k = 0; k < nkw; k++) {
        const pe_str *name = cont_kwname(kwnames, (size_t)k);
        int i = 0;
        while (i < nparams && !cont_str_is(name, names[i])) i++;
        if (i == nparams)
            return pe_raise(S, PE_EXC(TypeError), "'%s' is an invalid keyword argument for %s()",
                            name->data, fname);
    }
    return 0; /* not reached: some keyword was left unused */
}

int pe_args_opt_cstr(pe_state *S, const char *fname, const char *pname, pe_val v) {
    if (v.tag == PE_TUNDEF) return 0;
    if (!pe_is_str(v))
        return pe_raise(S, PE_EXC(TypeError), "%s() argument '%s' must be str, not %s", fname, pname,
                        v.tag == PE_TNONE ? "None" : pe_type_name(v));
    if (memchr(PE_STR(v)->data, 0, PE_STR(v)->len))
        return pe_raise(S, PE_EXC(ValueError), "embedded null character");
    return 0;
}

int pe_args_via_index(pe_state *S, pe_val v, int (*conv)(pe_state *, pe_val, int64_t *),
                      int64_t *out) {
    if (!pe_du_heap(v)) return 0;
    pe_val i;
    int du = pe_dunder_index(S, v, &i);
    if (du <= 0) return du;
    int r = conv(S, i, out); /* i is an int: one level */
    pe_decref(S, i);
    return r < 0 ? -1 : 1;
}

int pe_args_slice_index(pe_state *S, pe_val v, int64_t *out) {
    if (v.tag == PE_TUNDEF || v.tag == PE_TNONE) return 0;
    if (v.tag == PE_TINT || v.tag == PE_TBOOL) {
        *out = v.u.i;
        return 0;
    }
    if (pe_is_bigint(v)) {
        *out = pe_int_sign(v) < 0 ? INT64_MIN : INT64_MAX;
        return 0;
    }
    int r = pe_args_via_index(S, v, pe_args_slice_index, out);
    if (r) return r < 0 ? -1 : 0;
    return pe_raise(S, PE_EXC(TypeError),
                    "slice indices must be integers or None or have an __index__ method");
}

void pe_adjust_indices(int64_t *start, int64_t *end, int64_t len) {
    if (*end > len) *end = len;
    else if (*end < 0) {
        *end += len;
        if (*end < 0) *end = 0;
    }
    if (*start < 0) {
        *start += len;
        if (*start < 0) *start = 0;
    }
}
