/*
 * capi_json.c - the public JSON API (pyexpr.h "JSON text"): JSON text to
 * values and back, through the engine's own codec (json.c), for front ends
 * that speak JSON (the MCP server, csrc/mcp/).
 */
#include <stdlib.h>
#include <string.h>

#include "capi.h"
#include "json.h"

int pe_json_parse(pe_state *S, const char *text, size_t len, pe_value *out) {
    pe_value doc;
    if (pe_make_str(S, text, len, &doc)) return -1;
    pe_json_dec d;
    memset(&d, 0, sizeof d);
    d.S = S;
    d.strict = true;
    d.object_hook = d.pairs_hook = d.parse_float = d.parse_int = d.parse_constant = pe_undef();
    d.errcls = pe_none(); /* ValueError with json's message */
    pe_val v;
    int r = pe_json_decode(&d, pe_val_of(doc), 0, true, &v);
    pe_value_release(S, doc);
    if (r) return -1;
    *out = pe_value_of(v);
    return 0;
}

/* allow_nan stays false: NaN and infinities raise ValueError (not JSON). */
int pe_json_dump(pe_state *S, pe_value v, char **out, size_t *len) {
    pe_json_enc e;
    memset(&e, 0, sizeof e);
    e.S = S;
    e.check_circular = true;
    e.ensure_ascii = true; /* ASCII text: valid JSON whatever the str holds */
    e.key_sep = ":";
    e.key_sep_len = 1;
    e.item_sep = ",";
    e.item_sep_len = 1;
    e.default_fn = pe_undef();
    pe_val s;
    if (pe_json_encode(&e, pe_val_of(v), &s)) return -1;
    pe_str *str = PE_STR(s);
    char *p = malloc(str->len + 1);
    if (!p) {
        pe_decref(S, s);
        return pe_raise(S, PE_EXC(MemoryError), "%s", "");
    }
    memcpy(p, str->data, str->len);
    p[str->len] = 0;
    if (len) *len = str->len;
    pe_decref(S, s);
    *out = p;
    return 0;
}
