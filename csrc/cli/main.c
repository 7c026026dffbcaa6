/*
 * main.c - the `pyexpr` command-line front end.
 *
 *   pyexpr [options] -c CODE | FILE | - | (stdin)
 *
 * Exit status as python3's: 0, 1 (uncaught exception, LimitError included),
 * 2 (usage, unreadable file), SystemExit's code, and an uncaught
 * KeyboardInterrupt ends the process by SIGINT (the shell sees 130).
 *
 * Calculator mode: when the program's last statement is an expression
 * whose value is not None, its repr is printed after the run. Output goes
 * through one buffer flushed at exit, so start-up and short runs do a
 * single write(2). On a terminal with no arguments, the prompt runs (repl.c).
 *
 * Like every front end, written against pyexpr.h alone (the Makefile
 * compiles csrc/cli with only csrc/include on the include path).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "pe_cli.h"
#include "pe_repl.h"

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

typedef struct outbuf {
    int fd;
    size_t len;
    bool line_buffered;
    char buf[1 << 14];
} outbuf;

static void ob_flush(outbuf *o) {
    size_t off = 0;
    while (off < o->len) {
        ssize_t n = write(o->fd, o->buf + off, o->len - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            break;
        }
        off += (size_t)n;
    }
    o->len = 0;
}

static size_t ob_write(void *ud, const char *s, size_t n) {
    outbuf *o = ud;
    if (n > sizeof o->buf - o->len) {
        ob_flush(o);
        if (n > sizeof o->buf) {
            size_t off = 0;
            while (off < n) {
                ssize_t w = write(o->fd, s + off, n - off);
                if (w < 0) {
                    if (errno == EINTR) continue;
                    return off;
                }
                off += (size_t)w;
            }
            return n;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    if (o->line_buffered && memchr(s, '\n', n)) ob_flush(o);
    return n;
}

typedef struct cli {
    outbuf out, err;
    pe_state *S;
    int profile; /* --profile: 1 (table on stderr), --profile-json: 2 */
    int prof_fd; /* where the JSON goes (2, or the --profile-json=PATH file) */
    bool via_daemon; /* --via-daemon or PYEXPR_DAEMON=1 */
    bool has_limits; /* any of --max-steps/--max-memory/--max-depth/--timeout */
    pe_limits lim;   /* as given (max_memory: bytes for the run) */
    bool sigint_exit; /* an uncaught KeyboardInterrupt: end by SIGINT */
    bool has_args;    /* the program has arguments (sys.argv beyond its name) */
    bool fixed_time;  /* --fixed-time: the wall clock scripts read is fixed_ns */
    int64_t fixed_ns;
} cli;

static void write_str(int fd, const char *s) {
    size_t n = strlen(s);
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

static const char usage_text[] =
    "usage: pyexpr [option] ... [-c cmd | file | -]\n"
    "Options:\n"
    "  -c cmd     program passed in as a string\n"
    "  file       program read from a file\n"
    "  -          program read from stdin (default; a prompt on a terminal)\n"
    "  --profile  after the run, print stage timings (ns) as a table on stderr\n"
    "  --profile-json[=PATH]  the same as one JSON object, on stderr or to PATH\n"
    "  --version  print the version and exit\n"
    "  -h, --help print this help and exit\n"
    "Limits (none by default; 0 = none; OPTION=VALUE works too):\n"
    "  --max-steps N         bytecode steps (as pyexpr.exec's max_steps)\n"
    "  --max-memory SIZE     bytes the run may allocate; SIZE takes K/M/G (x1024)\n"
    "  --timeout SECONDS     wall time of the run (fractional)\n"
    "  --max-depth N         Python call depth, 1..1000000 (default 1000)\n"
    "  A limit that stops the program raises LimitError (RecursionError for the\n"
    "  depth): traceback on stderr, exit status 1.\n"
    "Reproducible runs:\n"
    "  --fixed-time SECONDS  the wall clock scripts read (time.time(), datetime's\n"
    "                        now()/today(), ...) stands at SECONDS since the Unix\n"
    "                        epoch (UTC, fractional); unseeded `random` is then\n"
    "                        seeded from it instead of the host's entropy.\n"
    "                        monotonic()/perf_counter() and limits keep real time;\n"
    "                        the program runs here, not in a daemon\n"
    "Daemon:\n"
    "  --via-daemon  run it in a running daemon if one answers (PYEXPR_DAEMON=1);\n"
    "                limits above are sent with it; no daemon: runs here\n"
    "  --no-daemon   run it here even if PYEXPR_DAEMON=1\n"
    "  --daemon | --daemon-status | --stop-daemon | --clear-cache  see --daemon -h\n"
    "MCP:\n"
    "  --mcp      serve the Model Context Protocol on stdio (see --mcp -h)\n"
    "Exit status: 0; 1 uncaught exception; 2 usage error or unreadable file;\n"
    "SystemExit(n): n; Ctrl-C (KeyboardInterrupt): killed by SIGINT (130).\n"
    "pyexpr runs a subset of Python 3.11. When the last statement is an\n"
    "expression whose value is not None, its repr is printed (calculator mode).\n"
    "Environment: PYEXPR_HISTFILE=PATH  the prompt's history file (default\n"
    "  $XDG_STATE_HOME/pyexpr/history or ~/.local/state/pyexpr/history;\n"
    "  set and empty: no history file)\n";

static int usage_error(const char *msg) {
    write_str(2, msg);
    write_str(2, "usage: pyexpr [option] ... [-c cmd | file | -]\n"
                 "Try `pyexpr -h' for more information.\n");
    return 2;
}

/* ------------------------------------------------------------------ */
/* Reading input                                                       */
/* ------------------------------------------------------------------ */

/* Reads a whole fd into a malloc'ed buffer (NUL-terminated). */
static char *read_all(int fd, size_t *len) {
    size_t cap = 1 << 16, n = 0;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        cap = (size_t)st.st_size + 1;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    for (;;) {
        if (n + 1 >= cap) {
            size_t nc = cap * 2;
            char *nb = realloc(buf, nc);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
            cap = nc;
        }
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r < 0) {
            if (errno == EINTR) continue;
            free(buf);
            return NULL;
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

/* ------------------------------------------------------------------ */
/* Running                                                             */
/* ------------------------------------------------------------------ */

/* Signal handlers reach the running state only through these: the front
 * end's only mutable globals (the engine has none). */
static pe_state *volatile g_run_state;    /* SIGINT sets its interrupt flag */
static volatile sig_atomic_t g_sigint;    /* a SIGINT arrived */
static char g_timeout_msg[128];           /* the SIGALRM backstop's message */
static volatile size_t g_timeout_len;

/* Ctrl-C: the VM raises KeyboardInterrupt at its next loop back-edge or
 * call. The handler is one-shot (SA_RESETHAND): a second Ctrl-C, e.g.
 * while a native operation runs, ends the process at once. */
static void on_sigint(int sig) {
    (void)sig;
    g_sigint = 1;
    pe_state *S = g_run_state;
    if (S) pe_interrupt(S);
}

/* --timeout backstop: the VM checks the deadline at back-edges and calls;
 * a native operation that runs on past it (e.g. 3 ** 10 ** 9) is ended 1 s
 * later with the same message (no traceback: output buffered so far is
 * lost). Only async-signal-safe calls here. */
static void on_sigalrm(int sig) {
    (void)sig;
    size_t n = g_timeout_len;
    if (n && write(2, g_timeout_msg, n) < 0) n = 0;
    _exit(1);
}

static void signals_begin(cli *C) {
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    g_run_state = C->S;
    /* an ignored SIGINT (background jobs, nohup) stays ignored, as in CPython */
    if (sigaction(SIGINT, NULL, &old) == 0 && old.sa_handler != SIG_IGN) {
        sa.sa_handler = on_sigint;
        sa.sa_flags = SA_RESETHAND;
        (void)sigaction(SIGINT, &sa, NULL);
    }
    if (C->lim.timeout > 0) {
        int n = snprintf(g_timeout_msg, sizeof g_timeout_msg,
                         "LimitError: time limit exceeded (timeout=%gs)\n", C->lim.timeout);
        g_timeout_len = n > 0 && (size_t)n < sizeof g_timeout_msg ? (size_t)n : 0;
        sa.sa_handler = on_sigalrm;
        sa.sa_flags = 0;
        (void)sigaction(SIGALRM, &sa, NULL);
        double t = C->lim.timeout + 1.0;
        struct itimerval it = {{0, 0}, {(time_t)t, (suseconds_t)((t - (double)(time_t)t) * 1e6)}};
        (void)setitimer(ITIMER_REAL, &it, NULL);
    }
}

static void signals_end(cli *C) {
    if (C->lim.timeout > 0) {
        struct itimerval it = {{0, 0}, {0, 0}};
        (void)setitimer(ITIMER_REAL, &it, NULL);
    }
    g_run_state = NULL;
}

/* Sets the command-line limits for a run (max_memory counts what the run
 * allocates beyond what the state holds when it starts: the engine's
 * meaning, as in the extension). */
static void limits_begin(cli *C) {
    if (C->has_limits) pe_set_limits(C->S, &C->lim);
}

/* After the run: no limits while the traceback is built and printed. */
static void limits_end(cli *C) {
    if (!C->has_limits) return;
    pe_limits none = {0, 0, 0, 0.0};
    pe_set_limits(C->S, &none);
}

/* The run raised: SystemExit gives its status (and maybe a message),
 * anything else prints its traceback (exit 1). */
static int report_exception(cli *C) {
    pe_state *S = C->S;
    ob_flush(&C->out);
    limits_end(C);
    int st = pe_exception_exit_status(S);
    if (st >= 0) return st;
    if (pe_exception_matches(pe_exception(S), pe_exception_type_lookup("KeyboardInterrupt")) == 1)
        C->sigint_exit = true;
    pe_print_exception(S);
    return 1;
}

static int run_profiled(cli *C, const char *src, size_t len, const char *filename);
static int run_here(cli *C, const char *src, size_t len, const char *filename);

/* After a run (r as pe_run_repr returned): the echo of the result or the
 * traceback, both output buffers flushed. Frees repr; returns the exit
 * status. */
static int finish_run(cli *C, int r, char *repr) {
    int status = 0;
    if (r == 0) {
        limits_end(C);
        if (repr) {
            ob_write(&C->out, repr, strlen(repr));
            ob_write(&C->out, "\n", 1);
        }
    } else {
        status = report_exception(C);
    }
    free(repr);
    ob_flush(&C->out);
    ob_flush(&C->err);
    return status;
}

/* Runs one program (through the daemon with --via-daemon, if one takes it);
 * returns the exit status. The daemon's runs see sys.argv == [''] (its
 * protocol carries no arguments), so a program that could read sys.argv
 * (it has arguments, or its text contains "sys" at all) runs here. */
static int run_source(cli *C, const char *src, size_t len, const char *filename) {
    int remote;
    if (!C->profile && C->via_daemon && !C->has_args && !memmem(src, len, "sys", 3) &&
        pe_daemon_run_remote(src, len, filename, C->has_limits ? &C->lim : NULL, &remote) == 0)
        return remote;
    signals_begin(C);
    int status = run_here(C, src, len, filename);
    signals_end(C);
    return status;
}

/* Compiles and runs one program here; prints the calculator echo or the
 * traceback. Returns the exit status. */
static int run_here(cli *C, const char *src, size_t len, const char *filename) {
    if (C->profile) return run_profiled(C, src, len, filename);
    pe_state *S = C->S;
    limits_begin(C); /* max_memory covers compiling too, as in the extension */
    pe_code *code = pe_compile(S, src, len, filename, PE_MODE_CALC);
    if (!code) return report_exception(C);
    if (getenv("PYEXPR_DIS")) { /* developer aid: bytecode listing on stderr */
        char *listing;
        size_t n;
        if (pe_code_disassemble(S, code, &listing, &n) == 0) {
            ob_write(&C->err, listing, n);
            free(listing);
        } else {
            pe_exception_clear(S);
        }
        ob_flush(&C->err);
    }
    char *repr = NULL;
    if (g_sigint) { /* Ctrl-C while compiling: the run would not see it */
        ob_flush(&C->out);
        write_str(2, "KeyboardInterrupt\n");
        C->sigint_exit = true;
        pe_code_release_in(S, code);
        return 1;
    }
    int r = pe_run_repr(S, code, &repr);
    int status = finish_run(C, r, repr);
    pe_reset(S); /* objects of the run may point into the code */
    pe_code_release_in(S, code);
    return status;
}

/* run_source with stage timings (--profile/--profile-json; keep the two in
 * step): same output and status, then the report on stderr / the file.
 * format_ns also covers writing the echo/traceback and flushing; total_ns
 * runs from compile start to teardown (reading the file is not counted). */
static int run_profiled(cli *C, const char *src, size_t len, const char *filename) {
    pe_state *S = C->S;
    pe_profile prof;
    pe_code *code = NULL;
    char *repr = NULL;
    limits_begin(C);
    int r = pe_profile_run(S, NULL, src, len, filename, PE_MODE_CALC, &prof, &repr, &code);
    uint64_t t0 = pe_clock_ns();
    int status = finish_run(C, r, repr);
    prof.format_ns += pe_clock_ns() - t0;
    pe_reset(S);
    pe_code_release(code);
    prof.total_ns += pe_clock_ns() - t0;
    char buf[1024];
    if (C->profile & 1) {
        pe_profile_format_table(&prof, buf, sizeof buf);
        write_str(2, buf);
    }
    if (C->profile & 2) {
        pe_profile_format_json(&prof, buf, sizeof buf);
        write_str(C->prof_fd, buf);
    }
    return status;
}

/* ------------------------------------------------------------------ */
/* main                                                                */
/* ------------------------------------------------------------------ */

/* --max-steps/--max-memory/--timeout/--max-depth, as `--opt VALUE` or
 * `--opt=VALUE`, into C->lim. 0: a is not one; 1: taken (*i advanced past
 * a separate value); 2: a usage error was printed (exit status 2). */
static int limit_option(cli *C, int argc, char **argv, int *i) {
    static const char *const names[] = {"--max-steps", "--max-memory", "--timeout", "--max-depth"};
    const char *a = argv[*i], *val = NULL;
    int k = 0;
    size_t nl = 0;
    for (; k < 4; k++) {
        nl = strlen(names[k]);
        if (!strncmp(a, names[k], nl) && (a[nl] == 0 || a[nl] == '=')) break;
    }
    if (k == 4) return 0;
    char msg[400];
    if (a[nl] == '=') {
        val = a + nl + 1;
    } else if (*i + 1 < argc) {
        val = argv[++*i];
    } else {
        snprintf(msg, sizeof msg, "Argument expected for the %s option\n", names[k]);
        return usage_error(msg);
    }
    unsigned long long u = 0;
    size_t sz = 0;
    double t = 0;
    static const char *const expect[] = {
        "a whole number of steps, 0 = no limit", "bytes, with an optional K/M/G suffix; 0 = no limit",
        "seconds, fractional; 0 = no limit", "a whole number from 1 to 1000000"};
    bool bad = false;
    switch (k) {
    case 0:
        bad = pe_cli_parse_uint(val, UINT64_MAX, &u) != 0;
        C->lim.max_steps = u;
        break;
    case 1:
        bad = pe_cli_parse_size(val, &sz) != 0;
        C->lim.max_memory = sz;
        break;
    case 2:
        bad = pe_cli_parse_secs(val, &t) != 0;
        C->lim.timeout = t;
        break;
    default:
        bad = pe_cli_parse_uint(val, 1000000, &u) != 0 || u == 0;
        C->lim.max_depth = (uint32_t)u;
        break;
    }
    if (bad) {
        snprintf(msg, sizeof msg, "pyexpr: bad value for %s: '%.100s' (%s)\n", names[k], val,
                 expect[k]);
        return usage_error(msg);
    }
    C->has_limits = C->lim.max_steps || C->lim.max_memory || C->lim.timeout > 0 || C->lim.max_depth;
    return 1;
}

/* --fixed-time SECONDS (or =SECONDS): 0 not it, 1 taken, 2 usage error. */
static int fixed_time_option(cli *C, int argc, char **argv, int *i) {
    const char *a = argv[*i], *val;
    if (strncmp(a, "--fixed-time", 12) || (a[12] && a[12] != '=')) return 0;
    if (a[12] == '=') val = a + 13;
    else if (*i + 1 < argc) val = argv[++*i];
    else return usage_error("Argument expected for the --fixed-time option\n");
    char *end;
    errno = 0;
    double t = strtod(val, &end);
    if (!*val || *end || errno || !(t > -9.2e9 && t < 9.2e9)) {
        char msg[300];
        snprintf(msg, sizeof msg,
                 "pyexpr: bad value for --fixed-time: '%.100s' (seconds since the epoch)\n", val);
        return usage_error(msg);
    }
    C->fixed_time = true;
    C->fixed_ns = (int64_t)(t * 1e9);
    return 1;
}

static int64_t fixed_clock(void *ud) { return *(const int64_t *)ud; }

/* python3's message for a program file it cannot open or read: the path
 * made absolute as python3 does (cwd + "/" + path, not normalised). */
static int file_error(const char *path, int err) {
    char cwd[4096], msg[8192];
    const char *dir = "", *sep = "";
    if (path[0] != '/' && getcwd(cwd, sizeof cwd)) dir = cwd, sep = "/";
    snprintf(msg, sizeof msg, "pyexpr: can't open file '%s%s%.4000s': [Errno %d] %s\n", dir, sep,
             path, err, strerror(err));
    write_str(2, msg);
    return 2;
}

/* Reads a program file; NULL after printing file_error. */
static char *read_file(const char *path, size_t *len) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        file_error(path, errno);
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        file_error(path, EISDIR);
        return NULL;
    }
    errno = 0;
    char *src = read_all(fd, len);
    int e = errno ? errno : ENOMEM;
    close(fd);
    if (!src) file_error(path, e);
    return src;
}

/* sys.argv as python3 makes it: the program's name ('-c' for -c, '-' for
 * stdin given as '-', '' for stdin or the prompt), then its arguments. */
static int set_argv(pe_state *S, const char *prog, int n, const char *const *args) {
    const char **v = malloc(((size_t)n + 1) * sizeof *v);
    if (!v) return -1;
    v[0] = prog;
    for (int i = 0; i < n; i++) v[i + 1] = args[i];
    int r = pe_set_argv(S, n + 1, v);
    free(v);
    if (r) pe_exception_clear(S);
    return r;
}

int main(int argc, char **argv) {
    static cli C;
    const char *code_arg = NULL, *file_arg = NULL, *prof_path = NULL;
    bool from_stdin = false;
    int r, rest = argc; /* argv[rest..] follow the program in sys.argv */
    int mcp = pe_mcp_main(argc, argv);
    if (mcp >= 0) return mcp;
    int daemon_cmd = pe_daemon_main(argc, argv);
    if (daemon_cmd >= 0) return daemon_cmd;
    const char *via = getenv("PYEXPR_DAEMON");
    C.via_daemon = via && !strcmp(via, "1");
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-c")) {
            if (i + 1 >= argc) return usage_error("Argument expected for the -c option\n");
            code_arg = argv[i + 1];
            rest = i + 2;
            break; /* the rest are the program's arguments */
        } else if (!strncmp(a, "-c", 2) && a[2]) {
            code_arg = a + 2;
            rest = i + 1;
            break;
        } else if (!strcmp(a, "--version") || !strcmp(a, "-V")) {
            write_str(1, "pyexpr " PYEXPR_VERSION "\n");
            return 0;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            write_str(1, usage_text);
            return 0;
        } else if (!strcmp(a, "-")) {
            from_stdin = true;
            rest = i + 1;
            break;
        } else if (!strcmp(a, "--profile")) {
            C.profile |= 1;
        } else if (!strcmp(a, "--profile-json")) {
            C.profile |= 2;
        } else if (!strncmp(a, "--profile-json=", 15)) {
            if (!a[15]) return usage_error("--profile-json= needs a file name\n");
            C.profile |= 2;
            prof_path = a + 15;
        } else if (!strcmp(a, "--via-daemon") || !strcmp(a, "--no-daemon")) {
            C.via_daemon = a[2] == 'v';
        } else if (a[0] == '-' && a[1] == '-' && (r = limit_option(&C, argc, argv, &i)) != 0) {
            if (r == 2) return 2;
        } else if (a[0] == '-' && a[1] == '-' && (r = fixed_time_option(&C, argc, argv, &i)) != 0) {
            if (r == 2) return 2;
        } else if (a[0] == '-' && a[1]) {
            char msg[300];
            snprintf(msg, sizeof msg, "unknown option %.200s\n", a);
            return usage_error(msg);
        } else {
            file_arg = a;
            rest = i + 1;
            break;
        }
    }
    C.out.fd = 1;
    C.err.fd = 2;
    C.prof_fd = 2;
    if (C.profile && !code_arg && !file_arg && !from_stdin && isatty(0))
        return usage_error("--profile needs a program (-c cmd, file or -)\n");
    if (prof_path) {
        C.prof_fd = open(prof_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (C.prof_fd < 0) {
            char msg[512];
            snprintf(msg, sizeof msg, "pyexpr: can't open profile file '%.300s': [Errno %d] %s\n",
                     prof_path, errno, strerror(errno));
            write_str(2, msg);
            return 2;
        }
    }
    C.S = pe_state_new();
    if (!C.S) {
        write_str(2, "pyexpr: out of memory\n");
        return 1;
    }
    pe_set_output(C.S, ob_write, &C.out, ob_write, &C.err);
    if (C.fixed_time) {
        pe_set_clock(C.S, fixed_clock, &C.fixed_ns);
        C.via_daemon = false; /* the daemon's runs read the real clock */
    }
    if (set_argv(C.S, code_arg ? "-c" : file_arg ? file_arg : from_stdin ? "-" : "", argc - rest,
                 (const char *const *)argv + rest)) {
        write_str(2, "pyexpr: out of memory\n");
        pe_state_free(C.S);
        return 1;
    }
    C.has_args = argc > rest;
    int status;
    if (code_arg) {
        status = run_source(&C, code_arg, strlen(code_arg), "<string>");
    } else if (file_arg) {
        size_t len;
        char *src = read_file(file_arg, &len);
        if (!src) {
            pe_state_free(C.S);
            return 2;
        }
        status = run_source(&C, src, len, file_arg);
        free(src);
    } else if (!from_stdin && isatty(0)) {
        status = pe_repl_main(C.S);
    } else {
        size_t len;
        errno = 0;
        char *src = read_all(0, &len);
        if (!src) {
            char msg[300];
            snprintf(msg, sizeof msg, "pyexpr: can't read the program from stdin: [Errno %d] %s\n",
                     errno ? errno : ENOMEM, strerror(errno ? errno : ENOMEM));
            write_str(2, msg);
            pe_state_free(C.S);
            return 2;
        }
        status = run_source(&C, src, len, "<stdin>");
        free(src);
    }
    ob_flush(&C.out);
    ob_flush(&C.err);
    if (C.sigint_exit) { /* as CPython: end by the signal, so the parent sees it */
        signal(SIGINT, SIG_DFL);
        kill(getpid(), SIGINT);
        return 130;
    }
#ifdef PE_FREE_AT_EXIT
    pe_state_free(C.S);
#else
    if (getenv("PYEXPR_LEAKCHECK")) pe_state_free(C.S);
#endif
    return status;
}
