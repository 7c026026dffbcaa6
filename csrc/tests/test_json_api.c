/*
 * test_json_api.c - the public JSON API and module list (pyexpr.h "JSON
 * text and the module list"), which the MCP server (csrc/mcp/) is built on:
 * pe_json_parse / pe_json_dump round trips, their errors, pe_module_list.
 */
#include "test_util.h"

static char *dump(pe_state *S, pe_value v) {
    char *t = NULL;
    if (pe_json_dump(S, v, &t, NULL)) return NULL;
    return t;
}

int main(void) {
    pe_state *S = pe_state_new();
    CHECK(S != NULL, "state");
    pe_value v;
    const char *doc = " {\"a\": [1, 2.5, true, null, \"\\u00e9\\n\"], \"b\": {}, \"a2\": -7} ";
    CHECK(pe_json_parse(S, doc, strlen(doc), &v) == 0, "parse: %s", exc_name(S));
    CHECK(pe_value_type(v) == PE_TYPE_DICT && pe_value_len(v) == 3, "a dict of 3");
    char *t = dump(S, v);
    CHECK(t && !strcmp(t, "{\"a\":[1,2.5,true,null,\"\\u00e9\\n\"],\"b\":{},\"a2\":-7}"), "dump: %s",
          t ? t : exc_name(S));
    free(t);
    pe_value_release(S, v);

    /* errors: json.loads's ValueError text; bad UTF-8; NaN is not JSON */
    CHECK(pe_json_parse(S, "[1,", 3, &v) == -1 && !strcmp(exc_name(S), "ValueError"), "truncated");
    char *msg = NULL;
    if (pe_has_exception(S) && pe_value_str(S, pe_exception(S), &msg, NULL) == 0) {
        CHECK(!strcmp(msg, "Expecting value (char 3)"), "message: %s", msg);
        free(msg);
    }
    pe_exception_clear(S);
    CHECK(pe_json_parse(S, "\"\xff\"", 3, &v) == -1 && !strcmp(exc_name(S), "UnicodeDecodeError"),
          "bad utf-8: %s", exc_name(S));
    pe_exception_clear(S);
    CHECK(pe_json_parse(S, "1 2", 3, &v) == -1, "extra data");
    pe_exception_clear(S);
    v = pe_value_float(0.0 / 0.0);
    CHECK(dump(S, v) == NULL && !strcmp(exc_name(S), "ValueError"), "NaN: %s", exc_name(S));
    pe_exception_clear(S);
    /* deep nesting: RecursionError, never a crash */
    size_t n = 200000;
    char *deep = malloc(n);
    memset(deep, '[', n);
    CHECK(pe_json_parse(S, deep, n, &v) == -1 && !strcmp(exc_name(S), "RecursionError"), "deep: %s",
          exc_name(S));
    free(deep);
    pe_exception_clear(S);
    pe_reset(S);

    /* the module list: sorted, public names only */
    int count = 0, has_json = 0, has_math = 0;
    for (int i = 0; pe_module_list(i); i++, count++) {
        const char *m = pe_module_list(i);
        CHECK(m[0] != '_' && !strchr(m, '.'), "helper or submodule listed: %s", m);
        if (i) CHECK(strcmp(pe_module_list(i - 1), m) < 0, "not sorted: %s", m);
        has_json |= !strcmp(m, "json");
        has_math |= !strcmp(m, "math");
    }
    CHECK(count > 10 && has_json && has_math, "module list (%d)", count);
    pe_state_free(S);
    printf("test_json_api: %d checks, %d failures\n", checks, failures);
    return failures ? 1 : 0;
}
