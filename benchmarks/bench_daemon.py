"""Daemon benchmarks: round-trip latency, throughput, memory (docs/daemon.md).

Run the whole report (one run, every ratio measured side by side):

    python benchmarks/bench_daemon.py            # ~1-2 minutes on 2 cores
    python benchmarks/bench_daemon.py --quick    # smoke run, seconds
    python benchmarks/bench_daemon.py --json     # stdout is one JSON document

or the pytest-benchmark group "daemon" (never fails on time):

    pytest benchmarks/bench_daemon.py --benchmark-only

What is measured
* latency: a persistent connection, one request at a time, per-request wall
  time (p50/p95/p99) for each design program, cache hit (same source every
  time) and miss (a distinct source every time), against a bare Unix-socket
  ping-pong floor: a minimal echo server (thread per connection, blocking
  read/write) answering the same frames. The C load generator below drives
  both, so client overhead is the same; the Python client is reported too.
* subprocesses: `pyexpr -c`, `pyexpr --via-daemon -c` (client process start-up
  included) and `sys.executable -c`, same program, same output.
* throughput: 1, 4 and 16 concurrent connections, each one request at a time
  (ping-pong) and pipelined (32 requests in flight per connection: the
  protocol answers in order), cache hits, requests/second.
* memory: daemon RSS before and after 1,000,000 requests (flat = no leak).

The load generator / echo server is C (compiled with `cc -O2` into
build/bench/ on first use) because a Python client cannot drive 100k
requests/s; it shares the machine's 2 cores with the daemon, so throughput
figures include the client's own CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PROGRAMS = {
    "arith": "2 + 3 * 4",
    "genexpr_sum": "sum(i * i for i in range(100))",
    "fstring_join": "', '.join(f'{i:03d}' for i in range(20))",
    "fib15": "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nfib(15)",
    "dict_sort": "sorted({'b': 2, 'a': 1, 'c': 3}.items())",
}

PXBENCH_C = r"""
/* pxbench: echo server and load generator for benchmarks/bench_daemon.py.
 *   pxbench echo PATH                       echo length-prefixed frames (floor)
 *   pxbench lat PATH N WARMUP UNIQUE SRC    one connection, N timed round trips
 *   pxbench tput PATH CONNS PIPE TOTAL SRC  TOTAL requests over CONNS connections
 * SRC: program text; "@N@" in it is replaced by the request number when
 * UNIQUE (cache misses). Frames follow docs/daemon.md (RUN, calc mode, echo). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
static void die(const char *m) { perror(m); exit(1); }
static void le32(unsigned char *p, uint32_t v) { p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24; }
static uint32_t rd32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static int conn_to(const char *path) {
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
    if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) die("connect");
    return fd;
}
static void write_all(int fd, const void *b, size_t n) {
    const char *p = b;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) die("write");
        p += w; n -= (size_t)w;
    }
}
static int read_full(int fd, void *b, size_t n) {
    char *p = b;
    while (n) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        p += r; n -= (size_t)r;
    }
    return 0;
}
/* a RUN frame for src (with @N@ -> i when i >= 0) into buf; returns its size */
static size_t build(unsigned char *buf, size_t cap, const char *tmpl, long i) {
    char src[8192];
    size_t n = 0;
    for (const char *t = tmpl; *t && n < sizeof src - 32;) {
        if (i >= 0 && !strncmp(t, "@N@", 3)) { n += snprintf(src + n, sizeof src - n, "%ld", i); t += 3; }
        else src[n++] = *t++;
    }
    const char *fn = "<string>";
    size_t fl = strlen(fn), len = 8 + 4 + fl + 4 + n;
    if (len + 4 > cap) die("frame too big");
    le32(buf, (uint32_t)len);
    buf[4] = 0x50; buf[5] = 1; buf[6] = 1; buf[7] = 2; le32(buf + 8, 4);
    le32(buf + 12, (uint32_t)fl); memcpy(buf + 16, fn, fl);
    le32(buf + 16 + fl, (uint32_t)n); memcpy(buf + 20 + fl, src, n);
    return len + 4;
}
/* echo server */
static void *echo_conn(void *arg) {
    int fd = (int)(intptr_t)arg;
    unsigned char *buf = malloc(1 << 20);
    for (;;) {
        if (read_full(fd, buf, 4)) break;
        uint32_t n = rd32(buf);
        if (n > (1 << 20) - 4 || read_full(fd, buf + 4, n)) break;
        write_all(fd, buf, n + 4);
    }
    free(buf);
    close(fd);
    return NULL;
}
static int cmp64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}
typedef struct tjob { const char *path, *src; long quota, pipe, done, errors; pthread_barrier_t *bar; } tjob;
static void *tput_thread(void *arg) {
    tjob *j = arg;
    int fd = conn_to(j->path);
    size_t fcap = 16384, one;
    unsigned char *frame = malloc(fcap);
    one = build(frame, fcap, j->src, -1);
    unsigned char *batch = malloc(one * j->pipe);
    for (long k = 0; k < j->pipe; k++) memcpy(batch + k * one, frame, one);
    size_t cap = 1 << 20, have = 0, off = 0;
    unsigned char *in = malloc(cap);
    pthread_barrier_wait(j->bar);
    while (j->done < j->quota) {
        long burst = j->quota - j->done < j->pipe ? j->quota - j->done : j->pipe;
        write_all(fd, batch, one * (size_t)burst);
        long got = 0;
        while (got < burst) {
            if (have - off >= 4 && have - off >= 4 + (size_t)rd32(in + off)) {
                if (in[off + 6] != 0) j->errors++;
                off += 4 + rd32(in + off);
                got++;
                continue;
            }
            if (off) { memmove(in, in + off, have - off); have -= off; off = 0; }
            ssize_t r = read(fd, in + have, cap - have);
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) die("read");
            have += (size_t)r;
        }
        j->done += burst;
    }
    close(fd);
    free(frame); free(batch); free(in);
    return NULL;
}
int main(int argc, char **argv) {
    signal(SIGPIPE, SIG_IGN);
    if (argc >= 3 && !strcmp(argv[1], "echo")) {
        int ls = socket(AF_UNIX, SOCK_STREAM, 0);
        struct sockaddr_un sa = {.sun_family = AF_UNIX};
        snprintf(sa.sun_path, sizeof sa.sun_path, "%s", argv[2]);
        unlink(argv[2]);
        if (ls < 0 || bind(ls, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(ls, 512) < 0) die("listen");
        printf("ready\n");
        fflush(stdout);
        for (;;) {
            int fd = accept(ls, NULL, NULL);
            if (fd < 0) { if (errno == EINTR) continue; die("accept"); }
            pthread_t th;
            if (pthread_create(&th, NULL, echo_conn, (void *)(intptr_t)fd)) die("pthread_create");
            pthread_detach(th);
        }
    }
    if (argc == 7 && !strcmp(argv[1], "lat")) {
        long n = atol(argv[3]), warm = atol(argv[4]), uniq = atol(argv[5]);
        int fd = conn_to(argv[2]);
        unsigned char *f = malloc(16384), *r = malloc(1 << 24);
        int64_t *t = malloc(sizeof(int64_t) * (size_t)n);
        long errors = 0;
        for (long i = 0; i < warm + n; i++) {
            size_t fl = build(f, 16384, argv[6], uniq ? i + (long)getpid() * 1000000L : -1);
            int64_t t0 = now_ns();
            write_all(fd, f, fl);
            if (read_full(fd, r, 4)) die("read");
            uint32_t rl = rd32(r);
            if (rl > (1 << 24) - 4 || read_full(fd, r + 4, rl)) die("read");
            int64_t dt = now_ns() - t0;
            if (r[6] != 0 && r[4] == 0x50 && r[6] != 1) errors++;
            if (i >= warm) t[i - warm] = dt;
        }
        qsort(t, (size_t)n, sizeof *t, cmp64);
        double sum = 0;
        for (long i = 0; i < n; i++) sum += (double)t[i];
        printf("{\"n\":%ld,\"min_us\":%.3f,\"p50_us\":%.3f,\"p95_us\":%.3f,\"p99_us\":%.3f,\"mean_us\":%.3f,\"errors\":%ld",
               n, t[0] / 1e3, t[n / 2] / 1e3, t[(long)(n * 0.95)] / 1e3, t[(long)(n * 0.99)] / 1e3, sum / n / 1e3, errors);
        if (getenv("PXBENCH_SAMPLES")) {
            printf(",\"samples_ns\":[");
            for (long i = 0; i < n; i++) printf(i ? ",%lld" : "%lld", (long long)t[i]);
            printf("]");
        }
        printf("}\n");
        return 0;
    }
    if (argc == 7 && !strcmp(argv[1], "tput")) {
        long conns = atol(argv[3]), pipe = atol(argv[4]), total = atol(argv[5]);
        pthread_barrier_t bar;
        pthread_barrier_init(&bar, NULL, (unsigned)conns + 1);
        tjob *jobs = calloc((size_t)conns, sizeof *jobs);
        pthread_t *th = calloc((size_t)conns, sizeof *th);
        for (long c = 0; c < conns; c++) {
            jobs[c] = (tjob){argv[2], argv[6], total / conns + (c < total % conns), pipe, 0, 0, &bar};
            if (pthread_create(&th[c], NULL, tput_thread, &jobs[c])) die("pthread_create");
        }
        pthread_barrier_wait(&bar);
        int64_t t0 = now_ns();
        long done = 0, errors = 0;
        for (long c = 0; c < conns; c++) { pthread_join(th[c], NULL); done += jobs[c].done; errors += jobs[c].errors; }
        double secs = (now_ns() - t0) / 1e9;
        printf("{\"requests\":%ld,\"seconds\":%.4f,\"rps\":%.1f,\"errors\":%ld}\n", done, secs, done / secs, errors);
        return 0;
    }
    fprintf(stderr, "usage: see bench_daemon.py\n");
    return 2;
}
"""


# --------------------------------------------------------------------------
# plumbing
# --------------------------------------------------------------------------


def pyexpr_bin() -> str:
    env = os.environ.get("PYEXPR_BIN")
    if env:
        return env
    b = REPO / "build" / "pyexpr"
    if not b.exists():
        subprocess.run(["make", "-s"], cwd=REPO, check=True)
    return str(b)


def pxbench_bin() -> str:
    out = REPO / "build" / "bench" / "pxbench"
    src = out.with_suffix(".c")
    if not out.exists() or not src.exists() or src.read_text() != PXBENCH_C:
        out.parent.mkdir(parents=True, exist_ok=True)
        src.write_text(PXBENCH_C)
        cc = os.environ.get("CC", "cc")
        subprocess.run([cc, "-O2", "-std=c11", "-D_GNU_SOURCE", "-pthread", str(src), "-o", str(out)],
                       check=True)
    return str(out)


def run_json(args, timeout=600):
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    if p.returncode:
        raise RuntimeError(f"{args[:3]} failed: {p.stderr.decode()}")
    return json.loads(p.stdout)


class Env:
    """A daemon and an echo server in a private temp dir."""

    def __init__(self, daemon_args=()):
        self.dir = Path(tempfile.mkdtemp(prefix="pxb-", dir="/tmp"))
        os.chmod(self.dir, 0o700)
        self.sock = str(self.dir / "d.sock")
        self.echo_sock = str(self.dir / "echo.sock")
        self.env = dict(os.environ, PYEXPR_SOCKET=self.sock)
        self.env.pop("PYEXPR_DAEMON", None)
        self.bin = pyexpr_bin()
        self.tool = pxbench_bin()
        p = subprocess.run([self.bin, "--daemon", *daemon_args], env=self.env, capture_output=True)
        if p.returncode:
            raise RuntimeError(p.stderr.decode())
        self.pid = int(Path(self.sock + ".pid").read_text())
        self.echo = subprocess.Popen([self.tool, "echo", self.echo_sock], stdout=subprocess.PIPE)
        assert self.echo.stdout.readline().strip() == b"ready"

    def rss_kib(self) -> int:
        with open(f"/proc/{self.pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024

    def close(self):
        subprocess.run([self.bin, "--stop-daemon"], env=self.env, capture_output=True, timeout=60)
        self.echo.send_signal(signal.SIGTERM)
        self.echo.wait(10)
        self.echo.stdout.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def percentiles(samples_s):
    s = sorted(samples_s)
    n = len(s)
    return {
        "n": n,
        "p50_us": s[n // 2] * 1e6,
        "p95_us": s[int(n * 0.95)] * 1e6,
        "p99_us": s[int(n * 0.99)] * 1e6,
        "mean_us": statistics.fmean(s) * 1e6,
    }


def time_subprocesses(rows, n):
    """rows: {label: (args, env, expected stdout)}. Runs them interleaved
    (A B C A B C ...) so machine drift hits every variant alike."""
    times = {k: [] for k in rows}
    for i in range(n + 2):
        for label, (args, env, expect) in rows.items():
            if callable(args):  # a fresh program per iteration (cache misses)
                args = args(i)
            t0 = time.perf_counter()
            p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
            dt = time.perf_counter() - t0
            if expect is not None and p.stdout != expect:
                raise RuntimeError(f"{args}: unexpected output {p.stdout!r}")
            if i >= 2:
                times[label].append(dt)
    return {k: percentiles(v) for k, v in times.items()}


# --------------------------------------------------------------------------
# the report
# --------------------------------------------------------------------------


def report(quick=False, log=print):
    n_lat = 2000 if quick else 20000
    n_miss = 500 if quick else 5000
    n_sub = 10 if quick else 100
    n_tput = 20000 if quick else 300000
    n_mem = 50000 if quick else 1_000_000
    res = {"machine": {"cpus": os.cpu_count(), "uname": " ".join(os.uname()[2:5]),
                       "loadavg_at_start": os.getloadavg()}, "latency": {},
           "subprocess": {}, "throughput": {}, "memory": {}}
    E = Env()
    try:
        tool, sock = E.tool, E.sock
        # Interleaved rounds (floor, then each program hit and miss, again and
        # again) with raw samples merged: machine drift hits every variant alike.
        rounds = 5 if quick else 10
        variants = {"floor_echo": (E.echo_sock, PROGRAMS["arith"], False)}
        for name, src in PROGRAMS.items():
            variants[f"{name}/hit"] = (sock, src, False)
            variants[f"{name}/miss"] = (sock, src + "\n@N@", True)  # a distinct source each time
        samples = {k: [] for k in variants}
        env = dict(os.environ, PXBENCH_SAMPLES="1")
        for r in range(rounds):
            for key, (path, src, uniq) in variants.items():
                n = (n_miss if uniq else n_lat) // rounds
                out = subprocess.run([tool, "lat", path, str(n), "50", "1" if uniq else "0", src], env=env,
                                     stdout=subprocess.PIPE, check=True, timeout=600).stdout
                samples[key] += [x / 1e9 for x in json.loads(out)["samples_ns"]]
        floor = res["latency"]["floor_echo"] = percentiles(samples["floor_echo"])
        log(f"floor (echo ping-pong)     p50 {floor['p50_us']:7.2f} us  p95 {floor['p95_us']:7.2f}  p99 {floor['p99_us']:7.2f}")
        for name in PROGRAMS:
            hit, miss = percentiles(samples[f"{name}/hit"]), percentiles(samples[f"{name}/miss"])
            res["latency"][name] = {"hit": hit, "miss": miss, "hit_p50_over_floor": hit["p50_us"] / floor["p50_us"]}
            log(f"{name:14s} hit  p50 {hit['p50_us']:7.2f} us  p95 {hit['p95_us']:7.2f}  p99 {hit['p99_us']:7.2f}"
                f"  ({hit['p50_us'] / floor['p50_us']:.2f}x floor)")
            log(f"{'':14s} miss p50 {miss['p50_us']:7.2f} us  p95 {miss['p95_us']:7.2f}  p99 {miss['p99_us']:7.2f}")
        # the Python client, for reference
        from pyexpr.client import Client

        with Client(sock) as c:
            for _ in range(200):
                c.eval(PROGRAMS["arith"])
            ts = []
            for _ in range(n_lat // 4):
                t0 = time.perf_counter()
                c.eval(PROGRAMS["arith"])
                ts.append(time.perf_counter() - t0)
        res["latency"]["python_client_arith_hit"] = pc = percentiles(ts)
        log(f"python Client.eval arith p50 {pc['p50_us']:7.2f} us  p95 {pc['p95_us']:7.2f}  p99 {pc['p99_us']:7.2f}")

        # subprocesses (routing decision for --via-daemon), interleaved
        src = PROGRAMS["fstring_join"]
        expect = subprocess.run([E.bin, "-c", src], capture_output=True).stdout
        big = "\n".join(f"v{i} = {i} * 2 + {i} // 3" for i in range(2000)) + "\nv1999\n"
        bigf = E.dir / "big.py"
        bigf.write_text(big)
        expect_big = subprocess.run([E.bin, str(bigf)], capture_output=True).stdout
        mid = "\n".join(f"v{i} = {i} * 2 + {i} // 3" for i in range(200)) + "\nv199\n"
        midf = E.dir / "mid.py"
        midf.write_text(mid)
        expect_mid = subprocess.run([E.bin, str(midf)], capture_output=True).stdout

        def fresh(i, tag):  # the big program with a distinct first line: never cached
            f = E.dir / f"fresh_{tag}_{i}.py"
            f.write_text(f"# {tag} {i}\n" + big)
            return f
        rows = {
            "pyexpr -c": ([E.bin, "-c", src], E.env, expect),
            "pyexpr --via-daemon -c": ([E.bin, "--via-daemon", "-c", src], E.env, expect),
            "python -c": ([sys.executable, "-c", f"print(repr({src}))"], None, expect),
            "pyexpr mid.py (200 lines)": ([E.bin, str(midf)], E.env, expect_mid),
            "pyexpr --via-daemon mid.py": ([E.bin, "--via-daemon", str(midf)], E.env, expect_mid),
            "pyexpr big.py (2000 lines)": ([E.bin, str(bigf)], E.env, expect_big),
            "pyexpr --via-daemon big.py": ([E.bin, "--via-daemon", str(bigf)], E.env, expect_big),
            "pyexpr big.py, uncached": (lambda i: [E.bin, str(fresh(i, "d"))], E.env, expect_big),
            "--via-daemon big.py, uncached": (lambda i: [E.bin, "--via-daemon", str(fresh(i, "v"))], E.env,
                                              expect_big),
        }
        for label, r in time_subprocesses(rows, n_sub).items():
            res["subprocess"][label] = r
            log(f"{label:28s} p50 {r['p50_us'] / 1000:7.3f} ms  p95 {r['p95_us'] / 1000:7.3f}")

        # the routing decision: paired A/B (alternating order), median of the
        # paired differences with a bootstrap 95% CI
        import random

        pairs = 40 if quick else 300
        for label, args_d, args_v in (
            ("one-liner", [E.bin, "-c", src], [E.bin, "--via-daemon", "-c", src]),
            ("200 lines", [E.bin, str(midf)], [E.bin, "--via-daemon", str(midf)]),
        ):
            ta, tb, diffs = [], [], []
            for i in range(pairs):
                order = [(args_d, ta), (args_v, tb)] if i % 2 == 0 else [(args_v, tb), (args_d, ta)]
                for args, acc in order:
                    t0 = time.perf_counter()
                    subprocess.run(args, stdout=subprocess.DEVNULL, env=E.env)
                    acc.append(time.perf_counter() - t0)
                diffs.append(tb[-1] - ta[-1])
            boots = sorted(statistics.median(random.choices(diffs, k=len(diffs))) for _ in range(2000))
            r = {"pairs": pairs, "direct_p50_ms": statistics.median(ta) * 1e3,
                 "via_daemon_p50_ms": statistics.median(tb) * 1e3,
                 "median_diff_us": statistics.median(diffs) * 1e6,
                 "ci95_us": [boots[50] * 1e6, boots[1949] * 1e6],
                 "direct_faster_fraction": sum(d > 0 for d in diffs) / pairs}
            res.setdefault("routing", {})[label] = r
            log(f"routing {label:9s}: direct {r['direct_p50_ms']:.3f} ms, via daemon {r['via_daemon_p50_ms']:.3f} ms;"
                f" paired daemon-direct {r['median_diff_us']:+.0f} us (95% CI {r['ci95_us'][0]:+.0f}.."
                f"{r['ci95_us'][1]:+.0f}); direct faster in {r['direct_faster_fraction']:.0%} of pairs")

        # throughput
        for conns in (1, 4, 16):
            for pipe in (1, 32):
                t = run_json([tool, "tput", sock, str(conns), str(pipe), str(n_tput if pipe > 1 else n_tput // 4),
                              PROGRAMS["arith"]])
                res["throughput"][f"{conns}conn_pipe{pipe}"] = t
                log(f"throughput {conns:2d} conn(s), {pipe:2d} in flight: {t['rps']:10.0f} req/s  ({t['requests']} in {t['seconds']:.2f} s, errors {t['errors']})")
        fl = run_json([tool, "tput", E.echo_sock, "4", "32", str(n_tput), PROGRAMS["arith"]])
        res["throughput"]["floor_echo_4conn_pipe32"] = fl
        log(f"throughput floor (echo, 4 conns, 32 in flight): {fl['rps']:10.0f} req/s")

        # memory
        run_json([tool, "tput", sock, "4", "32", "100000", PROGRAMS["genexpr_sum"]])
        before = E.rss_kib()
        m = run_json([tool, "tput", sock, "4", "32", str(n_mem), PROGRAMS["genexpr_sum"]], timeout=1800)
        after = E.rss_kib()
        res["memory"] = {"requests": m["requests"], "rss_before_kib": before, "rss_after_kib": after,
                         "rps": m["rps"]}
        log(f"memory: RSS {before} KiB before, {after} KiB after {m['requests']} requests ({m['rps']:.0f} req/s)")
        with Client(sock) as c:
            res["status"] = c.status()
    finally:
        E.close()
    return res


# --------------------------------------------------------------------------
# pytest-benchmark group "daemon"
# --------------------------------------------------------------------------

try:
    import pytest
except ImportError:  # pragma: no cover
    pytest = None

if pytest is not None:

    @pytest.fixture(scope="module")
    def bench_env():
        e = Env()
        yield e
        e.close()

    @pytest.mark.parametrize("name", list(PROGRAMS))
    def test_daemon_roundtrip_hit(benchmark, bench_env, name):
        from pyexpr.client import Client

        benchmark.group = "daemon"
        with Client(bench_env.sock) as c:  # calc mode, as the CLI (programs may hold a def)
            c.run(PROGRAMS[name], want_value=True)
            benchmark(c.run, PROGRAMS[name], want_value=True)

    def test_daemon_roundtrip_miss(benchmark, bench_env):
        from pyexpr.client import Client

        benchmark.group = "daemon"
        counter = iter(range(10**9))
        with Client(bench_env.sock) as c:
            benchmark(lambda: c.eval(f"2 + 3 * {next(counter)}"))

    def test_echo_floor_python(benchmark, bench_env):
        import socket
        import struct

        benchmark.group = "daemon"
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(bench_env.echo_sock)
        msg = struct.pack("<I", 28) + b"P" * 28

        def ping():
            s.sendall(msg)
            got = b""
            while len(got) < len(msg):
                got += s.recv(4096)

        benchmark(ping)
        s.close()

    def test_subprocess_pyexpr_c(benchmark, bench_env):
        benchmark.group = "daemon-subprocess"
        benchmark(subprocess.run, [bench_env.bin, "-c", "2 + 3 * 4"], stdout=subprocess.DEVNULL)

    def test_subprocess_pyexpr_via_daemon(benchmark, bench_env):
        benchmark.group = "daemon-subprocess"
        benchmark(subprocess.run, [bench_env.bin, "--via-daemon", "-c", "2 + 3 * 4"],
                  stdout=subprocess.DEVNULL, env=bench_env.env)

    def test_subprocess_python_c(benchmark):
        benchmark.group = "daemon-subprocess"
        benchmark(subprocess.run, [sys.executable, "-c", "print(2 + 3 * 4)"], stdout=subprocess.DEVNULL)

    def test_daemon_throughput_loadgen(benchmark, bench_env):
        """One pedantic round of the C load generator; figures in extra_info."""
        benchmark.group = "daemon-throughput"
        out = {}

        def run():
            for conns in (1, 4, 16):
                out[f"{conns}conn_pipe32"] = run_json(
                    [bench_env.tool, "tput", bench_env.sock, str(conns), "32", "50000", PROGRAMS["arith"]])["rps"]

        benchmark.pedantic(run, rounds=1, iterations=1)
        benchmark.extra_info.update(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small counts (smoke run)")
    ap.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    a = ap.parse_args(argv)
    log = (lambda *x: print(*x, file=sys.stderr)) if a.json else print
    t0 = time.time()
    res = report(quick=a.quick, log=log)
    res["elapsed_s"] = round(time.time() - t0, 1)
    res["machine"]["loadavg_at_end"] = os.getloadavg()
    log(f"load average at start {res['machine']['loadavg_at_start']}, at end {res['machine']['loadavg_at_end']}"
        " (other processes share the 2 cores: compare ratios within one run)")
    res["date"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    if a.json:
        print(json.dumps(res, indent=1))
    else:
        print(f"done in {res['elapsed_s']} s")


if __name__ == "__main__":
    main()
