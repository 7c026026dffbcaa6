/*
 * main.c - the `pyexpr` command-line front end.
 *
 *   pyexpr -c CODE | FILE | - | (stdin)      exit 0 / 1 (exception) / 2 (usage)
 *
 * Calculator mode: when the program's last statement is an expression
 * whose value is not None, its repr is printed after the run. Output goes
 * through one buffer flushed at exit, so start-up and short runs do a
 * single write(2). On a terminal with no arguments, the prompt runs (repl.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pe_repl.h"
#include "pe_vm.h"

/* daemon.c (docs/daemon.md): the daemon commands (-1: argv is not one) and
 * the --via-daemon client (-1: no daemon answered; run it here). */
int pe_daemon_main(int argc, char **argv);
int pe_daemon_run_remote(const char *src, size_t len, const char *filename, int *status);

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
    "  --via-daemon  run it in a running daemon if one answers (PYEXPR_DAEMON=1)\n"
    "  --daemon | --daemon-status | --stop-daemon | --clear-cache  see --daemon -h\n"
    "  --version  print the version and exit\n"
    "  -h, --help print this help and exit\n"
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

static int run_profiled(cli *C, const char *src, size_t len, const char *filename);

/* Compiles and runs one program; prints the calculator echo or the
 * traceback. Returns the exit status. */
static int run_source(cli *C, const char *src, size_t len, const char *filename) {
    if (C->profile) return run_profiled(C, src, len, filename);
    int remote;
    if (C->via_daemon && pe_daemon_run_remote(src, len, filename, &remote) == 0) return remote;
    pe_state *S = C->S;
    pe_code *code = pe_compile(S, src, len, filename, PE_MODE_CALC);
    if (!code) {
        ob_flush(&C->out);
        pe_print_exception(S);
        return 1;
    }
    if (getenv("PYEXPR_DIS")) { /* developer aid: bytecode listing on stderr */
        pe_sb sb;
        pe_sb_init(&sb, S);
        pe_code_dump(S, code, &sb);
        ob_write(&C->err, sb.p, sb.len);
        ob_flush(&C->err);
        pe_sb_free(&sb);
    }
    char *repr = NULL;
    int r = pe_run_repr(S, code, &repr);
    int status = 0;
    if (r == 0) {
        if (repr) {
            ob_write(&C->out, repr, strlen(repr));
            ob_write(&C->out, "\n", 1);
        }
    } else {
        ob_flush(&C->out);
        pe_print_exception(S);
        status = 1;
    }
    free(repr);
    ob_flush(&C->out);
    ob_flush(&C->err);
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
    int r = pe_profile_run(S, NULL, src, len, filename, PE_MODE_CALC, &prof, &repr, &code);
    uint64_t t0 = pe_clock_ns();
    if (r == 0) {
        if (repr) {
            ob_write(&C->out, repr, strlen(repr));
            ob_write(&C->out, "\n", 1);
        }
    } else {
        ob_flush(&C->out);
        pe_print_exception(S);
    }
    free(repr);
    ob_flush(&C->out);
    ob_flush(&C->err);
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
    return r ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* main                                                                */
/* ------------------------------------------------------------------ */

int main(int argc, char **argv) {
    static cli C;
    const char *code_arg = NULL, *file_arg = NULL, *prof_path = NULL;
    bool from_stdin = false;
    int daemon_cmd = pe_daemon_main(argc, argv);
    if (daemon_cmd >= 0) return daemon_cmd;
    const char *via = getenv("PYEXPR_DAEMON");
    C.via_daemon = via && !strcmp(via, "1");
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-c")) {
            if (i + 1 >= argc) return usage_error("Argument expected for the -c option\n");
            code_arg = argv[i + 1];
            break; /* the rest are the program's arguments */
        } else if (!strncmp(a, "-c", 2) && a[2]) {
            code_arg = a + 2;
            break;
        } else if (!strcmp(a, "--version") || !strcmp(a, "-V")) {
            write_str(1, "pyexpr " PYEXPR_VERSION "\n");
            return 0;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            write_str(1, usage_text);
            return 0;
        } else if (!strcmp(a, "-")) {
            from_stdin = true;
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
        } else if (a[0] == '-' && a[1]) {
            char msg[300];
            snprintf(msg, sizeof msg, "unknown option %.200s\n", a);
            return usage_error(msg);
        } else {
            file_arg = a;
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
    int status;
    if (code_arg) {
        status = run_source(&C, code_arg, strlen(code_arg), "<string>");
    } else if (file_arg) {
        int fd = open(file_arg, O_RDONLY);
        if (fd < 0) {
            char msg[512];
            snprintf(msg, sizeof msg, "pyexpr: can't open file '%.300s': [Errno %d] %s\n", file_arg,
                     errno, strerror(errno));
            write_str(2, msg);
            pe_state_free(C.S);
            return 2;
        }
        size_t len;
        char *src = read_all(fd, &len);
        close(fd);
        if (!src) {
            write_str(2, "pyexpr: cannot read file\n");
            pe_state_free(C.S);
            return 2;
        }
        status = run_source(&C, src, len, file_arg);
        free(src);
    } else if (!from_stdin && isatty(0)) {
        status = pe_repl_main(C.S);
    } else {
        size_t len;
        char *src = read_all(0, &len);
        if (!src) {
            write_str(2, "pyexpr: cannot read stdin\n");
            pe_state_free(C.S);
            return 2;
        }
        status = run_source(&C, src, len, "<stdin>");
        free(src);
    }
    ob_flush(&C.out);
    ob_flush(&C.err);
#ifdef PE_FREE_AT_EXIT
    pe_state_free(C.S);
#else
    if (getenv("PYEXPR_LEAKCHECK")) pe_state_free(C.S);
#endif
    return status;
}
