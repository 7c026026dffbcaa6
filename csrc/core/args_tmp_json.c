/* TEMPORARY (json branch): pe_args_bind as the dedupe branch defines it in
 * args.c, weak so that its definition wins once merged; removed then. */
#include "cont_internal.h"

int pe_args_bind(pe_state *S, const char *fname, int argc, const pe_val *argv, pe_obj *kwnames,
                 const char *const *names, int npos_max, int nparams, pe_val *slot);

__attribute__((weak)) int pe_args_bind(pe_state *S, const char *fname, int argc,
                                       const pe_val *argv, pe_obj *kwnames,
                                       const char *const *names, int npos_max, int nparams,
                                       pe_val *slot) {
    int nkw = (int)cont_nkw(kwnames), npos = argc - nkw;
    for (int i = 0; i < nparams; i++) slot[i] = pe_undef();
    if (argc > nparams)
        return pe_raise(S, PE_EXC(TypeError), "%s() takes at most %d %sargument%s (%d given)",
                        fname, nparams, npos == 0 ? "keyword " : "", nparams == 1 ? "" : "s",
                        argc);
    if (npos > npos_max)
        return pe_raise(S, PE_EXC(TypeError),
                        "%s() takes at most %d positional argument%s (%d given)", fname,
                        npos_max, npos_max == 1 ? "" : "s", npos);
    for (int i = 0; i < npos; i++) slot[i] = argv[i];
    int used = 0;
    for (int i = npos; i < nparams; i++)
        for (int k = 0; k < nkw; k++)
            if (cont_str_is(cont_kwname(kwnames, (size_t)k), names[i])) {
                slot[i] = argv[npos + k];
                used++;
            }
    if (used == nkw) return 0;
    for (int i = 0; i < npos; i++)
        for (int k = 0; k < nkw; k++)
            if (cont_str_is(cont_kwname(kwnames, (size_t)k), names[i]))
                return pe_raise(S, PE_EXC(TypeError),
                                "argument for %s() given by name ('%s') and position (%d)",
                                fname, names[i], i + 1);
    for (int k = 0; k < nkw; k++) {
        const pe_str *name = cont_kwname(kwnames, (size_t)k);
        int i = 0;
        while (i < nparams && !cont_str_is(name, names[i])) i++;
        if (i == nparams)
            return pe_raise(S, PE_EXC(TypeError), "'%s' is an invalid keyword argument for %s()",
                            name->data, fname);
    }
    return 0;
}
