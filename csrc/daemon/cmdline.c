/*
 * cmdline.c - the daemon command line (pe_daemon_main) and the option
 * parsers shared with the CLI.
 * Part of the daemon (csrc/daemon/, docs/daemon.md); shared declarations
 * in daemon_internal.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon_internal.h"

/* ------------------------------------------------------------------ */
/* Command line                                                        */
/* ------------------------------------------------------------------ */

static const char daemon_usage[] =
    "usage: pyexpr --daemon [--foreground] [options]   start the daemon\n"
    "       pyexpr --daemon-status [--json]            pid, uptime, requests, cache, memory\n"
    "       pyexpr --stop-daemon                       graceful stop\n"
    "       pyexpr --clear-cache                       empty the daemon's compile cache\n"
    "       pyexpr --via-daemon -c CODE | FILE | -     run through the daemon (runs here only\n"
    "                                                  if no daemon takes it; PYEXPR_DAEMON=1)\n"
    "Options (SIZE takes K/M/G suffixes; SECONDS may be fractional, 0 = none):\n"
    "  --socket PATH          socket (default $PYEXPR_SOCKET, $XDG_RUNTIME_DIR/pyexpr.sock,\n"
    "                         else ${TMPDIR:-/tmp}/pyexpr-UID/pyexpr.sock)\n"
    "  --pidfile PATH         default SOCKET.pid\n"
    "  --log-file PATH        default SOCKET.log (with --foreground: stderr)\n"
    "  --workers N            worker threads (default: CPUs, at least 2)\n"
    "  --max-workers N        upper bound while scripts are stuck (default 64)\n"
    "  --timeout SECONDS      wall time per request (default 1)\n"
    "  --max-memory SIZE      memory per request (default 256M; 0 = unlimited)\n"
    "  --max-steps N          bytecode steps per request (default 0 = unlimited)\n"
    "  --max-depth N          Python call depth (default 1000)\n"
    "  --max-output SIZE      stdout/stderr/repr per request (default 16M)\n"
    "  --max-frame SIZE       largest request frame (default 16M)\n"
    "  --cache-entries N      compile cache entries (default 1024)\n"
    "  --cache-bytes SIZE     compile cache bytes (default 64M)\n"
    "  --max-connections N    (default 1024)\n"
    "  --io-timeout SECONDS   drop a client that stalls mid-frame or stops reading (default 10)\n"
    "  --stop-timeout SECONDS graceful-stop bound (default 30)\n"
    "  --memory-budget SIZE   sum of --max-memory over the requests running at once\n"
    "                         (default 1G; 0 = none); --max-memory is capped to it\n"
    "  --budget-wait SECONDS  a request waits this long for budget, then is refused\n"
    "                         with a LimitError (default 1)\n"
    "See docs/daemon.md.\n";

int pe_cli_parse_size(const char *s, size_t *out) {
    char *e;
    errno = 0;
    double v = strtod(s, &e);
    if (e == s || errno || v < 0 || !isfinite(v)) return -1;
    double m = 1;
    if (*e == 'k' || *e == 'K') m = 1024.0, e++;
    else if (*e == 'm' || *e == 'M') m = 1024.0 * 1024, e++;
    else if (*e == 'g' || *e == 'G') m = 1024.0 * 1024 * 1024, e++;
    if (*e == 'i' || *e == 'B') e += *e == 'i' ? (e[1] == 'B' ? 2 : 1) : 1;
    if (*e || v * m > (double)SIZE_MAX / 2) return -1;
    *out = (size_t)(v * m);
    return 0;
}

int pe_cli_parse_secs(const char *s, double *out) {
    char *e;
    errno = 0;
    double v = strtod(s, &e);
    if (e == s || *e || errno || v < 0 || !isfinite(v) || v > 1e7) return -1;
    *out = v;
    return 0;
}

int pe_cli_parse_uint(const char *s, unsigned long long max, unsigned long long *out) {
    char *e;
    errno = 0;
    if (*s == '-') return -1;
    unsigned long long v = strtoull(s, &e, 10);
    if (e == s || *e || errno || v > max) return -1;
    *out = v;
    return 0;
}

static int opt_error(const char *fmt, const char *a) {
    pd_say(2, fmt, a);
    pd_say(2, "Try `pyexpr --daemon --help' for more information.\n");
    return 2;
}

enum { CMD_NONE, CMD_START, CMD_STATUS, CMD_STOP, CMD_CLEAR };

/* Daemon options that take a value (`--opt VALUE` or `--opt=VALUE`), in
 * the order of pe_daemon_main's switch. */
static const char *const valued[] = {
    "--socket", "--pidfile", "--log-file", "--workers", "--max-workers", "--timeout",
    "--max-memory", "--max-steps", "--max-depth", "--max-output", "--max-frame",
    "--cache-entries", "--cache-bytes", "--max-connections", "--io-timeout",
    "--stop-timeout", "--memory-budget", "--budget-wait", NULL};

static bool is_valued(const char *a) {
    for (int k = 0; valued[k]; k++)
        if (!strcmp(valued[k], a)) return true;
    return false;
}

/* Handles the daemon commands; -1 when argv is not one (main.c goes on). */
int pe_daemon_main(int argc, char **argv) {
    int cmd = CMD_NONE;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !a[1] || !strncmp(a, "-c", 2)) break; /* program and its args */
        if (is_valued(a)) { /* its value is not the program (e.g. --timeout 5 --daemon) */
            i++;
            continue;
        }
        if (!strcmp(a, "--daemon")) cmd = CMD_START;
        else if (!strcmp(a, "--daemon-status")) cmd = CMD_STATUS;
        else if (!strcmp(a, "--stop-daemon")) cmd = CMD_STOP;
        else if (!strcmp(a, "--clear-cache")) cmd = CMD_CLEAR;
    }
    if (cmd == CMD_NONE) return -1;
    dconf cf;
    pd_conf_defaults(&cf);
    int ncmd = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = NULL;
        char name[64];
        const char *eq = strchr(a, '=');
        if (!strncmp(a, "--", 2) && eq && (size_t)(eq - a) < sizeof name) {
            snprintf(name, sizeof name, "%.*s", (int)(eq - a), a);
            val = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", a);
        }
        if (!strcmp(name, "-h") || !strcmp(name, "--help")) {
            pd_say(1, "%s", daemon_usage);
            return 0;
        }
        if (!strcmp(name, "--daemon") || !strcmp(name, "--daemon-status") ||
            !strcmp(name, "--stop-daemon") || !strcmp(name, "--clear-cache")) {
            ncmd++;
            continue;
        }
        if (!strcmp(name, "--foreground")) {
            cf.foreground = true;
            continue;
        }
        if (!strcmp(name, "--json")) {
            cf.json = true;
            continue;
        }
        int k = 0;
        while (valued[k] && strcmp(valued[k], name)) k++;
        if (!valued[k]) return opt_error("pyexpr: unknown daemon option %s\n", a);
        if (!val) {
            if (i + 1 >= argc) return opt_error("pyexpr: option %s needs a value\n", a);
            val = argv[++i];
        }
        unsigned long long u = 0;
        size_t sz = 0;
        double secs = 0;
        int bad = 0;
        switch (k) {
        case 0:
            bad = !*val || strlen(val) >= sizeof cf.sock;
            if (!bad) snprintf(cf.sock, sizeof cf.sock, "%s", val), cf.sock_set = true;
            break;
        case 1:
            bad = !*val || strlen(val) >= sizeof cf.pidfile;
            if (!bad) snprintf(cf.pidfile, sizeof cf.pidfile, "%s", val), cf.pidfile_set = true;
            break;
        case 2:
            bad = !*val || strlen(val) >= sizeof cf.logfile;
            if (!bad) snprintf(cf.logfile, sizeof cf.logfile, "%s", val), cf.logfile_set = true;
            break;
        case 3:
            bad = pe_cli_parse_uint(val, 1024, &u) || !u;
            cf.workers = (unsigned)u;
            break;
        case 4:
            bad = pe_cli_parse_uint(val, 4096, &u) || !u;
            cf.max_workers = (unsigned)u;
            break;
        case 5:
            bad = pe_cli_parse_secs(val, &secs);
            cf.limits.timeout = secs;
            break;
        case 6:
            bad = pe_cli_parse_size(val, &sz);
            cf.limits.max_memory = sz;
            break;
        case 7:
            bad = pe_cli_parse_uint(val, UINT64_MAX, &u);
            cf.limits.max_steps = u;
            break;
        case 8:
            bad = pe_cli_parse_uint(val, 1000000, &u);
            cf.limits.max_depth = (uint32_t)u;
            break;
        case 9:
            bad = pe_cli_parse_size(val, &sz) || sz < 1024 || sz > ((size_t)1 << 30);
            cf.max_output = sz;
            break;
        case 10:
            bad = pe_cli_parse_size(val, &sz) || sz < 64 || sz > ((size_t)1 << 30);
            cf.max_frame = sz;
            break;
        case 11:
            bad = pe_cli_parse_uint(val, SIZE_MAX, &u);
            cf.cache_entries = (size_t)u;
            break;
        case 12:
            bad = pe_cli_parse_size(val, &sz);
            cf.cache_bytes = sz;
            break;
        case 13:
            bad = pe_cli_parse_uint(val, 1000000, &u) || !u;
            cf.max_conns = (unsigned)u;
            break;
        case 14:
            bad = pe_cli_parse_secs(val, &secs) || secs == 0;
            cf.io_timeout = secs;
            break;
        case 15:
            bad = pe_cli_parse_secs(val, &secs);
            cf.stop_timeout = secs;
            break;
        case 16:
            bad = pe_cli_parse_size(val, &sz);
            cf.memory_budget = sz;
            break;
        case 17:
            bad = pe_cli_parse_secs(val, &secs);
            cf.budget_wait = secs;
            break;
        }
        if (bad) return opt_error("pyexpr: bad value for %s\n", a);
    }
    if (ncmd != 1)
        return opt_error("%s", "pyexpr: give exactly one of --daemon, --daemon-status, "
                               "--stop-daemon, --clear-cache\n");
    if (cf.max_workers < cf.workers) cf.max_workers = cf.workers;
    /* one request may never need more than the whole budget */
    if (cf.memory_budget && (!cf.limits.max_memory || cf.limits.max_memory > cf.memory_budget))
        cf.limits.max_memory = cf.memory_budget;
    char err[PATH_MAX + 256];
    /* pidfile/logfile given as relative paths: absolute (the daemon chdirs to /) */
    char cwd[PATH_MAX];
    if ((cf.pidfile_set && cf.pidfile[0] != '/') || (cf.logfile_set && cf.logfile[0] != '/')) {
        if (!getcwd(cwd, sizeof cwd)) return opt_error("pyexpr: getcwd failed%s\n", "");
        char tmp[PATH_MAX];
        if (cf.pidfile_set && cf.pidfile[0] != '/') {
            if ((size_t)snprintf(tmp, sizeof tmp, "%s/%s", cwd, cf.pidfile) >= sizeof tmp)
                return opt_error("pyexpr: path too long: %s\n", cf.pidfile);
            memcpy(cf.pidfile, tmp, sizeof tmp);
        }
        if (cf.logfile_set && cf.logfile[0] != '/') {
            if ((size_t)snprintf(tmp, sizeof tmp, "%s/%s", cwd, cf.logfile) >= sizeof tmp)
                return opt_error("pyexpr: path too long: %s\n", cf.logfile);
            memcpy(cf.logfile, tmp, sizeof tmp);
        }
    }
    int rp = pd_resolve_paths(&cf, cmd == CMD_START, err, sizeof err);
    if (rp == -2) { /* never started: nothing to ask */
        switch (cmd) {
        case CMD_STATUS:
            if (cf.json) {
                dbuf b = {0};
                int r = pd_dbuf_printf(&b, "{\"running\":false,\"socket\":");
                r |= pd_dbuf_json_str(&b, cf.sock);
                r |= pd_dbuf_printf(&b, ",\"pid\":0,\"stale\":false}\n");
                if (!r) (void)pd_write_all(1, b.p, b.len);
                pd_dbuf_free(&b);
            } else {
                pd_say(1, "pyexpr daemon: no daemon running (socket %s)\n", cf.sock);
            }
            return 3;
        case CMD_STOP: pd_say(1, "pyexpr daemon: no daemon running (socket %s)\n", cf.sock); return 0;
        default: pd_say(2, "pyexpr: no daemon running (socket %s)\n", cf.sock); return 1;
        }
    }
    if (rp) {
        if (cmd == CMD_START) {
            pd_say(2, "pyexpr: cannot start the daemon: %s\n", err);
            return 1;
        }
        if (cmd == CMD_STATUS) {
            if (cf.json) pd_say(1, "{\"running\":false,\"error\":\"%s\"}\n", "no usable socket path");
            else pd_say(1, "pyexpr daemon: no daemon running (%s)\n", err);
            return 3;
        }
        if (cmd == CMD_STOP) {
            pd_say(1, "pyexpr daemon: no daemon running (%s)\n", err);
            return 0;
        }
        pd_say(2, "pyexpr: no daemon running (%s)\n", err);
        return 1;
    }
    switch (cmd) {
    case CMD_START:
        if (cf.foreground) {
            if (cf.logfile_set) {
                int fd = open(cf.logfile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
                if (fd < 0 || dup2(fd, 2) < 0) {
                    pd_say(2, "pyexpr: cannot open log file %s: %s\n", cf.logfile, strerror(errno));
                    return 1;
                }
                close(fd);
            }
            return pd_daemon_run(&cf, -1);
        }
        return pd_cmd_start_detached(&cf);
    case CMD_STATUS: return pd_cmd_status(&cf);
    case CMD_STOP: return pd_cmd_stop(&cf);
    default: return pd_cmd_clear(&cf);
    }
}
