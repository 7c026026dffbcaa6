/*
 * tools.c - the tools the MCP server offers (tools/list) and the text that
 * tells the model which Python it gets. The description is generated: the
 * module list comes from the engine (pe_module_list), the unsupported
 * features from the "Not supported" table of docs/language.md (the table
 * tests/test_semantics.py checks against the engine), compiled in by
 * tools/gen_mcp_features.sh.
 */
#include <stdio.h>
#include <string.h>

#include "mcp_internal.h"
#include "mcp_features.h" /* generated: mcp_unsupported */

static int put_description(const mcp_conf *cf, dbuf *b) {
    dbuf t = {0};
    int r = pd_dbuf_printf(
        &t,
        "Runs Python code in pyexpr %s, a sandboxed interpreter for a subset of Python 3.11 "
        "whose printed output, reprs and error messages are CPython's. Returns what the "
        "program printed and, when its last statement is an expression whose value is not "
        "None, that value's repr. An exception comes back as an error result carrying "
        "CPython's traceback text. `inputs` are bound as global variables (JSON values: "
        "objects become dicts, arrays lists). Pass `session` (any id you choose) to keep "
        "globals - functions, variables, imports - between calls; reset_session forgets "
        "them. Limits per call: %g s of time, %zu MiB of memory (lower them with `timeout`, "
        "`max_memory`). Scripts cannot reach files, the network, the environment or "
        "processes.\nImportable modules:",
        pe_version(), cf->timeout, cf->max_memory >> 20);
    for (int i = 0; !r && pe_module_list(i); i++)
        r = pd_dbuf_printf(&t, "%s %s", i ? "," : "", pe_module_list(i));
    if (!r) r = pd_dbuf_printf(&t, ".\nNot supported (a clear error names the feature):");
    for (int i = 0; !r && mcp_unsupported[i]; i++)
        r = pd_dbuf_printf(&t, "%s %s", i ? ";" : "", mcp_unsupported[i]);
    if (!r) r = pd_dbuf_u8(&t, '.');
    if (!r && cf->nhtools)
        r = pd_dbuf_printf(&t, "\nHost functions scripts can call (positional str/int/float/bool "
                               "arguments; each returns a str):");
    for (size_t i = 0; !r && i < cf->nhtools; i++) {
        const mcp_htool *h = &cf->htools[i];
        r = pd_dbuf_printf(&t, "\n- %s(...): %s (at most %u calls per run)", h->name,
                           h->description ? h->description : "(no description)", h->max_calls);
    }
    r = r || mcp_json_str(b, t.p, t.len);
    pd_dbuf_free(&t);
    return r;
}

int mcp_tools_json(const mcp_conf *cf, dbuf *b) {
    int r = pd_dbuf_printf(b, "[{\"name\":\"run_python\",\"title\":\"Run Python (pyexpr)\","
                              "\"description\":") ||
            put_description(cf, b);
    if (r) return -1;
    char stepmax[48] = "";
    if (cf->max_steps)
        snprintf(stepmax, sizeof stepmax, ",\"maximum\":%llu", (unsigned long long)cf->max_steps);
    r = pd_dbuf_printf(
        b,
        ",\"inputSchema\":{\"type\":\"object\",\"properties\":{"
        "\"code\":{\"type\":\"string\",\"description\":\"Python source to run.\"},"
        "\"inputs\":{\"type\":\"object\",\"description\":\"Global variables to bind before "
        "the run, by name.\"},"
        "\"session\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":%d,\"description\":"
        "\"Keep globals between calls that pass the same id.\"},"
        "\"timeout\":{\"type\":\"number\",\"exclusiveMinimum\":0,\"maximum\":%g,"
        "\"description\":\"Seconds (default and maximum %g).\"},"
        "\"max_memory\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":%zu,"
        "\"description\":\"Bytes the run may allocate (default and maximum %zu).\"},"
        "\"max_steps\":{\"type\":\"integer\",\"minimum\":1%s,"
        "\"description\":\"Bytecode steps (loop iterations and calls).\"}},"
        "\"required\":[\"code\"],\"additionalProperties\":false},",
        MCP_MAX_SESSION_ID, cf->timeout, cf->timeout, cf->max_memory, cf->max_memory,
        stepmax);
    if (r) return -1;
    r = pd_dbuf_printf(
        b,
        "\"outputSchema\":{\"type\":\"object\",\"properties\":{"
        "\"stdout\":{\"type\":\"string\"},\"stderr\":{\"type\":\"string\"},"
        "\"result\":{\"type\":[\"string\",\"null\"],\"description\":\"repr of the last "
        "expression's value, null when there is none or it is None\"},"
        "\"error\":{\"type\":[\"object\",\"null\"],\"properties\":{"
        "\"type\":{\"type\":\"string\"},\"message\":{\"type\":\"string\"},"
        "\"traceback\":{\"type\":\"string\"}},\"required\":[\"type\",\"message\",\"traceback\"]},"
        "\"session\":{\"type\":[\"string\",\"null\"]}},"
        "\"required\":[\"stdout\",\"stderr\",\"result\",\"error\",\"session\"]},"
        "\"annotations\":{\"title\":\"Run Python (pyexpr)\",\"readOnlyHint\":false,"
        "\"destructiveHint\":false,\"idempotentHint\":false,\"openWorldHint\":false}},"
        "{\"name\":\"reset_session\",\"title\":\"Reset a pyexpr session\","
        "\"description\":\"Forgets the globals of a run_python session.\","
        "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"session\":{\"type\":\"string\","
        "\"minLength\":1,\"maxLength\":%d}},\"required\":[\"session\"],"
        "\"additionalProperties\":false},"
        "\"annotations\":{\"title\":\"Reset a pyexpr session\",\"readOnlyHint\":false,"
        "\"destructiveHint\":true,\"idempotentHint\":true,\"openWorldHint\":false}}]",
        MCP_MAX_SESSION_ID);
    return r ? -1 : 0;
}

const char *mcp_instructions(void) {
    return "pyexpr runs Python (a CPython 3.11-exact subset) in a sandbox. Call run_python "
           "with code; use a session id to keep state across calls.";
}
