/*
 * mcp_internal.h - `pyexpr --mcp`: a Model Context Protocol server
 * (docs/mcp.md). JSON-RPC 2.0 over stdio, one message per line; the
 * `run_python` tool runs code in worker processes (csrc/daemon/procpool.c)
 * so that even an engine crash costs one call, not the server.
 *
 * Files: server.c (options, the event loop, JSON-RPC and MCP methods),
 * worker.c (the worker process: runs, sessions, results), tools.c (the
 * tool list and its generated description), json_out.c (writing JSON).
 * Like every front end, written against pyexpr.h alone (plus the daemon's
 * buffers and process pool).
 */
#ifndef PE_MCP_INTERNAL_H
#define PE_MCP_INTERNAL_H

#include "../daemon/daemon_internal.h"

#define MCP_SERVER_NAME "pyexpr"
#define MCP_MODERN_VERSION "2026-07-28"
#define MCP_LEGACY_LATEST "2025-11-25"

/* Defaults (flags override; docs/mcp.md "Limits"). */
#define MCP_DEF_TIMEOUT 5.0
#define MCP_DEF_MAX_MEMORY ((size_t)256 << 20)
#define MCP_DEF_MAX_MESSAGE ((size_t)10 << 20)
#define MCP_DEF_MAX_OUTPUT ((size_t)1 << 20)
#define MCP_DEF_RECYCLE 1000
#define MCP_DEF_MAX_SESSIONS 64
#define MCP_DEF_SESSION_IDLE 600.0
#define MCP_DEF_SESSIONS_MEMORY ((size_t)1 << 30)
#define MCP_GRACE 2.0 /* seconds past a call's timeout before its worker is killed */
#define MCP_MAX_SESSION_ID 128
#define MCP_DEF_MAX_CONNS 64

/* A host tool (--tools FILE): a function scripts can call, run as a
 * subprocess command (docs/mcp.md "Host tools"). */
typedef struct mcp_htool {
    char *name, *description;
    char **argv;        /* the command (NULL-terminated); arguments are appended */
    size_t argc;
    unsigned max_calls; /* per run */
    double timeout;     /* seconds per call */
    unsigned used;      /* calls in the current run (worker side) */
    int64_t run_deadline; /* monotonic ns: the run's time limit (0 none); calls end by then */
} mcp_htool;

typedef struct mcp_conf {
    double timeout;           /* per call maximum and default */
    size_t max_memory;        /* per call maximum and default */
    uint64_t max_steps;       /* per call maximum and default (0 none) */
    size_t max_message;       /* bytes of one JSON-RPC message */
    size_t max_output;        /* bytes of printed output kept per call */
    unsigned workers;
    uint64_t recycle;         /* a worker holding no session is replaced after this many calls */
    unsigned max_sessions;
    double session_idle;      /* seconds */
    size_t sessions_memory;   /* total bytes held by sessions */
    const char *socket_path;  /* --socket: serve a Unix socket (NULL: stdio) */
    unsigned max_conns;       /* --socket: connections at once */
    mcp_htool *htools;        /* --tools FILE */
    size_t nhtools;
} mcp_conf;

/* Worker requests (parent -> worker), one frame each. */
enum { MW_RUN = 1, MW_DROP = 2 };
/* Worker answers: u8 status, u64 memory of the session (0 none), then the
 * body: the members of a CallToolResult as JSON text without braces. */
enum { MW_OK = 0, MW_USER_ERROR = 1 };

/* Appends a string literal (its length counted by the compiler). */
#define MCP_PUTS(b, lit) pd_dbuf_put((b), "" lit, sizeof(lit) - 1)

/* worker.c: the worker process's main loop (a pd_child_fn). */
int mcp_worker_main(int fd, void *conf);

/* hosttools.c */
/* Reads the --tools FILE (JSON) into cf->htools; -1 with a message on stderr. */
int mcp_htools_load(mcp_conf *cf, pe_state *P, const char *path);
void mcp_htools_free(mcp_conf *cf);
/* Binds every host tool as a global of the run (sess: of the session),
 * with its per-run call count reset; a call ends by the run's time limit. */
int mcp_htools_bind(mcp_conf *cf, pe_state *S, pe_session *sess, double run_timeout);

/* json_out.c */
/* A JSON string literal of s[0..n): escapes as JSON requires; bytes that
 * are not valid UTF-8 become U+FFFD. */
int mcp_json_str(dbuf *b, const char *s, size_t n);

/* tools.c: the tools/list array (JSON text), made once. */
int mcp_tools_json(const mcp_conf *cf, dbuf *out);
/* The server's instructions text. */
const char *mcp_instructions(void);

#endif /* PE_MCP_INTERNAL_H */
