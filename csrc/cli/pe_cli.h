/*
 * pe_cli.h - what the command-line front end (main.c) and the daemon code
 * (csrc/daemon/, which also holds the --via-daemon client) share. Not part of
 * the engine and not linked into the extension.
 */
#ifndef PE_CLI_H
#define PE_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "pyexpr.h"

/* The daemon commands (--daemon, --daemon-status, --stop-daemon,
 * --clear-cache): their exit status, or -1 when argv is not one of them. */
int pe_daemon_main(int argc, char **argv);

/* `pyexpr --mcp ...` (csrc/mcp/, docs/mcp.md): the MCP server's exit
 * status, or -1 when argv has no --mcp. */
int pe_mcp_main(int argc, char **argv);

/* `pyexpr --via-daemon`: sends src to the daemon (with the limits given on
 * the command line when lim is not NULL: per-request limits, which can only
 * tighten the daemon's) and writes what it answers to fds 1 and 2.
 * Returns 0 with *status set when the daemon answered -- whatever the
 * answer, a LimitError included: the program is never run twice; -1 when
 * no daemon could take the request (none running, stale or refused
 * socket, daemon stopping, source over its frame limit): the caller runs
 * the program directly, with the same limits. */
int pe_daemon_run_remote(const char *src, size_t len, const char *filename, const pe_limits *lim,
                         int *status);

/* Option values shared by the CLI and daemon options: SIZE (bytes, with an
 * optional K/M/G suffix, binary), SECONDS (fractional, >= 0) and whole
 * numbers <= max. 0 ok, -1 malformed or out of range. */
int pe_cli_parse_size(const char *s, size_t *out);
int pe_cli_parse_secs(const char *s, double *out);
int pe_cli_parse_uint(const char *s, unsigned long long max, unsigned long long *out);

#endif /* PE_CLI_H */
