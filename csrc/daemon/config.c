/*
 * config.c - configuration defaults and the socket/pidfile/log paths.
 * Part of the daemon (csrc/daemon/, docs/daemon.md); shared declarations
 * in daemon_internal.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon_internal.h"

/* ------------------------------------------------------------------ */
/* Configuration and paths                                             */
/* ------------------------------------------------------------------ */

void pd_conf_defaults(dconf *cf) {
    memset(cf, 0, sizeof *cf);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    cf->workers = n < 2 ? 2 : n > 16 ? 16 : (unsigned)n;
    cf->max_workers = DEF_MAX_WORKERS;
    cf->max_conns = DEF_MAX_CONNS;
    cf->max_frame = DEF_MAX_FRAME;
    cf->max_output = DEF_MAX_OUTPUT;
    cf->limits.timeout = DEF_TIMEOUT;
    cf->limits.max_memory = DEF_MAX_MEMORY;
    cf->memory_budget = DEF_MEMORY_BUDGET;
    cf->budget_wait = DEF_BUDGET_WAIT;
    cf->io_timeout = DEF_IO_TIMEOUT;
    cf->stop_timeout = DEF_STOP_TIMEOUT;
}

/* Is dir a directory (not a symlink) owned by us, with no group/other
 * access? On failure *why explains. */
static bool dir_is_private(const char *dir, char *why, size_t wsz) {
    struct stat st;
    if (lstat(dir, &st) < 0) {
        snprintf(why, wsz, "%s: %s", dir, strerror(errno));
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(why, wsz, "%s is not a directory (a symlink or another file)", dir);
        return false;
    }
    if (st.st_uid != geteuid()) {
        snprintf(why, wsz, "%s is owned by uid %u, not by us (uid %u)", dir, (unsigned)st.st_uid,
                 (unsigned)geteuid());
        return false;
    }
    if (st.st_mode & 077) {
        snprintf(why, wsz, "%s has mode %04o; it must be 0700", dir, (unsigned)(st.st_mode & 07777));
        return false;
    }
    return true;
}

/* Fills cf->sock (and the default pidfile/logfile beside it):
 * --socket, else $PYEXPR_SOCKET, else $XDG_RUNTIME_DIR/pyexpr.sock (a
 * private directory), else ${TMPDIR:-/tmp}/pyexpr-UID/pyexpr.sock, whose
 * directory is created 0700 when `create` and must be private. Relative
 * paths are made absolute. 0 ok; -1 with a message in err; -2 (only when
 * not `create`): that directory does not exist, so no daemon can be
 * running (cf->sock still names the path it would have). */
int pd_resolve_paths(dconf *cf, bool create, char *err, size_t esz) {
    char path[PATH_MAX];
    const char *env;
    char why[PATH_MAX + 128];
    int n;
    if (cf->sock_set) {
        n = snprintf(path, sizeof path, "%s", cf->sock);
    } else if ((env = getenv("PYEXPR_SOCKET")) && *env) {
        n = snprintf(path, sizeof path, "%s", env);
    } else if ((env = getenv("XDG_RUNTIME_DIR")) && env[0] == '/' &&
               dir_is_private(env, why, sizeof why)) {
        n = snprintf(path, sizeof path, "%s/pyexpr.sock", env);
    } else {
        const char *tmp = getenv("TMPDIR");
        if (!tmp || tmp[0] != '/' || strlen(tmp) > 512) tmp = "/tmp";
        char dir[600];
        snprintf(dir, sizeof dir, "%s/pyexpr-%u", tmp, (unsigned)geteuid());
        if (create && mkdir(dir, 0700) < 0 && errno != EEXIST) {
            snprintf(err, esz, "cannot create %s: %s", dir, strerror(errno));
            return -1;
        }
        struct stat st;
        if (!create && lstat(dir, &st) < 0 && errno == ENOENT) {
            snprintf(cf->sock, sizeof cf->sock, "%.*s/pyexpr.sock", (int)sizeof cf->sock - 13, dir);
            snprintf(err, esz, "%s does not exist", dir);
            return -2;
        }
        if (!dir_is_private(dir, why, sizeof why)) {
            snprintf(err, esz, "refusing unsafe socket directory: %s", why);
            return -1;
        }
        n = snprintf(path, sizeof path, "%s/pyexpr.sock", dir);
    }
    char abs[PATH_MAX];
    if (n < 0 || (size_t)n >= sizeof path) {
        snprintf(err, esz, "socket path too long");
        return -1;
    }
    if (path[0] != '/') {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd)) {
            snprintf(err, esz, "getcwd: %s", strerror(errno));
            return -1;
        }
        n = snprintf(abs, sizeof abs, "%s/%s", cwd, path);
        if (n < 0 || (size_t)n >= sizeof abs) {
            snprintf(err, esz, "socket path too long");
            return -1;
        }
    } else {
        memcpy(abs, path, sizeof abs);
    }
    if (strlen(abs) >= sizeof cf->sock) {
        snprintf(err, esz, "socket path too long (max %zu bytes): %s", sizeof cf->sock - 1, abs);
        return -1;
    }
    memcpy(cf->sock, abs, strlen(abs) + 1);
    if (!cf->pidfile_set) snprintf(cf->pidfile, sizeof cf->pidfile, "%s.pid", cf->sock);
    if (!cf->logfile_set) snprintf(cf->logfile, sizeof cf->logfile, "%s.log", cf->sock);
    return 0;
}
