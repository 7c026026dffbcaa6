"""``pyexpr-bench``: the native ``pyexpr`` binary against CPython, as processes.

Installed as a console script by ``pip install .``::

    pyexpr-bench                 # about a minute: table on stdout
    pyexpr-bench --quick         # a few seconds (smoke run, wide intervals)
    pyexpr-bench --runs 200      # a fixed number of interleaved rounds
    pyexpr-bench --json          # the whole of stdout is one JSON document

What it does
------------
1. Finds the native binary with :func:`pyexpr.binary_path` (``$PYEXPR_BIN``,
   this environment's ``bin/``, ``PATH``, a source checkout's ``build/``;
   ``--bin`` overrides) and CPython as ``sys.executable`` (never a shim).
2. For each of the design's eight programs runs ``pyexpr -c SRC``, ``python -c
   SRC'`` and ``python -I -S -c SRC'`` (``SRC'`` is the ``print(...)`` form, as
   pyexpr echoes the value of a final expression like a calculator), plus
   ``lua5.4 -e`` / ``micropython -c`` equivalents when those are on PATH, and
   checks that every command prints exactly what CPython prints. A command
   whose output differs is not timed (and is reported).
3. Builds the *floor*: a static C program that only prints ``5``, with ``cc
   -static`` (glibc) and ``musl-gcc -static`` when present. Nothing that
   starts as a process can be faster than it; pyexpr's ratio to the floor of
   its own libc shows what is left to gain.
4. Warm-up runs, then rounds; in each round every program slot runs every
   command once, in alternating order (A B C, C B A, ...), so slow drift of
   the machine hits all commands alike. Each run is ``posix_spawn`` + ``wait4``
   with ``time.perf_counter_ns()`` around it (stdout to /dev/null; the output
   was verified beforehand). The launcher's own overhead (tens of
   microseconds) is the same for every command and is included in the floor.
5. Statistics per (program, command): median, mean, standard deviation, 95%
   confidence interval of the mean (Student t), coefficient of variation,
   and a distribution-free 95% interval of the median. Speedup = the other
   command's median / pyexpr's median; the conservative bound is the other
   command's lower CI bound / pyexpr's upper CI bound (means).

Nothing here asserts on speed: a slow machine gives slow numbers, never an error.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence

from ._version import __version__

# ---------------------------------------------------------------------------
# The design's eight programs. ``pyexpr`` is run as given (calculator mode
# echoes the repr of the final expression); CPython runs the print(...) form,
# so both print the same text. ``lua`` is an equivalent Lua 5.4 chunk.


@dataclass(frozen=True)
class Program:
    name: str
    pyexpr: str
    python: str
    lua: str


PROGRAMS: List[Program] = [
    Program("2 + 3", "2 + 3", "print(2 + 3)", "print(2 + 3)"),
    Program("(10 + 20) * 3 / 2", "(10 + 20) * 3 / 2", "print((10 + 20) * 3 / 2)",
            "print((10 + 20) * 3 / 2)"),
    Program("x = 10\\ny = 20\\nx + y", "x = 10\ny = 20\nx + y", "x = 10\ny = 20\nprint(x + y)",
            "x = 10\ny = 20\nprint(x + y)"),
    Program("print(42)", "print(42)", "print(42)", "print(42)"),
    Program("10 + 5 * 2 - 8 / 4 % 3", "10 + 5 * 2 - 8 / 4 % 3", "print(10 + 5 * 2 - 8 / 4 % 3)",
            "print(10 + 5 * 2 - 8 / 4 % 3)"),
    Program("((1 + 2) * (3 + 4)) / 7", "((1 + 2) * (3 + 4)) / 7", "print(((1 + 2) * (3 + 4)) / 7)",
            "print(((1 + 2) * (3 + 4)) / 7)"),
    Program("10 // 3", "10 // 3", "print(10 // 3)", "print(10 // 3)"),
    Program("10 % 3", "10 % 3", "print(10 % 3)", "print(10 % 3)"),
]

FLOOR_C = '#include <stdio.h>\nint main(void) { puts("5"); return 0; }\n'

# ---------------------------------------------------------------------------
# statistics

# Two-sided 95% Student t quantiles (0.975) for df = 1..30.
_T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
         2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
         2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
_Z975 = 1.959963984540054


def t975(df: int) -> float:
    """The 0.975 quantile of Student's t with ``df`` degrees of freedom."""
    if df < 1:
        return float("inf")
    if df <= 30:
        return _T975[df - 1]
    z = _Z975  # Cornish-Fisher expansion; error < 1e-4 for df > 30
    return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df)


def summarize(samples: Sequence[float]) -> Dict[str, float]:
    """Median, mean, sd, 95% CI of the mean, CV and a 95% CI of the median."""
    xs = sorted(samples)
    n = len(xs)
    if n == 0:
        return {"n": 0}
    mean = statistics.fmean(xs)
    sd = statistics.stdev(xs) if n > 1 else 0.0
    half = t975(n - 1) * sd / math.sqrt(n) if n > 1 else float("inf")
    # distribution-free CI of the median: order statistics around n/2
    k = _Z975 * math.sqrt(n) / 2
    lo_i = max(0, int(math.floor(n / 2 - k)) - 1)
    hi_i = min(n - 1, int(math.ceil(n / 2 + k)))
    q = statistics.quantiles(xs, n=20, method="inclusive") if n > 1 else [xs[0]] * 19
    return {
        "n": n,
        "median": statistics.median(xs),
        "mean": mean,
        "sd": sd,
        "ci_lo": max(0.0, mean - half),  # a duration is never negative
        "ci_hi": mean + half,
        "cv": sd / mean if mean else 0.0,
        "median_ci_lo": xs[lo_i],
        "median_ci_hi": xs[hi_i],
        "min": xs[0],
        "max": xs[-1],
        "p5": q[0],
        "p95": q[-1],
    }


def speedup(other: Dict[str, float], pe: Dict[str, float]) -> Dict[str, float]:
    """How many times faster pyexpr is than ``other`` (>1: pyexpr faster)."""
    med = other["median"] / pe["median"] if pe.get("median") else float("nan")
    cons = other["ci_lo"] / pe["ci_hi"] if pe.get("ci_hi", 0) > 0 else float("nan")
    return {"median_ratio": med, "conservative": cons}


def geomean(xs: Sequence[float]) -> float:
    xs = [x for x in xs if x and x > 0 and math.isfinite(x)]
    return math.exp(statistics.fmean(math.log(x) for x in xs)) if xs else float("nan")


# ---------------------------------------------------------------------------
# machine description


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def binary_libc(path: str) -> Dict[str, object]:
    """Which libc an ELF executable uses: {"libc": "glibc"|"musl"|"unknown",
    "version", "static"} - from PT_INTERP, or markers in a static binary."""
    info: Dict[str, object] = {"libc": "unknown", "version": None, "static": None}
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return info
    if data[:4] != b"\x7fELF":
        return info
    interp = re.search(rb"/lib[^\x00]*/ld-(linux[^\x00]*|musl[^\x00]*)\.so[^\x00]*\x00", data[:65536])
    info["static"] = interp is None
    if interp is not None:
        info["libc"] = "musl" if b"musl" in interp.group(0) else "glibc"
        if info["libc"] == "glibc":
            ver = os.confstr("CS_GNU_LIBC_VERSION") if hasattr(os, "confstr") else None
            info["version"] = ver.split()[-1] if ver else None
        return info
    m = re.search(rb"GNU C Library[^\x00\n]*?version (\d+\.\d+)", data) or \
        re.search(rb"GLIBC (\d+\.\d+)", data)
    if m or b"GLIBC_" in data or b"glibc" in data:
        info["libc"] = "glibc"
        info["version"] = m.group(1).decode() if m else None
    elif b"musl" in data or len(data) < 200_000:
        info["libc"] = "musl"
    return info


def libc_label(info: Dict[str, object]) -> str:
    name = str(info.get("libc", "unknown"))
    if info.get("version"):
        name += f" {info['version']}"
    if info.get("static") is True:
        name += ", static"
    elif info.get("static") is False:
        name += ", dynamic"
    return name


def pyexpr_binary_version(binary: str) -> str:
    try:
        out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30)
        return out.stdout.strip().split()[-1] if out.stdout.strip() else "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def machine_info(binary: Optional[str] = None) -> Dict[str, object]:
    now = _dt.datetime.now(_dt.timezone.utc)
    mem = None
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem = int(line.split()[1]) * 1024
                    break
    except OSError:
        pass
    info: Dict[str, object] = {
        "date": now.strftime("%Y-%m-%d %H:%M UTC"),
        "date_iso": now.isoformat(timespec="seconds"),
        "cpu": cpu_model(),
        "cores": usable_cores(),
        "memory_bytes": mem,
        "kernel": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "python_impl": platform.python_implementation(),
        "python_executable": sys.executable,
        "pyexpr_package": __version__,
    }
    if binary:
        info["pyexpr_binary"] = binary
        info["pyexpr_version"] = pyexpr_binary_version(binary)
        info["pyexpr_libc"] = binary_libc(binary)
    return info


def machine_line(info: Dict[str, object]) -> str:
    """One line naming date and machine, for every table and figure."""
    parts = [str(info["date"]), f"{info['cpu']} ({info['cores']} cores)", str(info["kernel"]),
             f"Python {info['python']}"]
    if "pyexpr_version" in info:
        libc = info.get("pyexpr_libc") or {}
        parts.append(f"pyexpr {info['pyexpr_version']} ({libc_label(libc)})")
    return " · ".join(parts)


# ---------------------------------------------------------------------------
# running processes


def clean_env() -> Dict[str, str]:
    """The environment for every measured process: ours, minus the switch that
    would route pyexpr through a daemon."""
    env = dict(os.environ)
    env.pop("PYEXPR_DAEMON", None)
    return env


@dataclass
class Sample:
    wall_ns: int
    cpu_ns: int
    minflt: int
    t_ns: int
    # (no peak RSS: after posix_spawn's vfork-like start, the child's ru_maxrss
    # includes the parent's memory, so it would report the launcher, not the child)  # when the run started, relative to the start of the benchmark


class Spawner:
    """Times one child process: posix_spawn (vfork-like: no copy of our address
    space) + wait4, perf_counter_ns around both; stdout/stderr to /dev/null."""

    def __init__(self, env: Optional[Dict[str, str]] = None):
        self.env = env if env is not None else clean_env()
        self._null = os.open(os.devnull, os.O_RDWR)
        self._fa = [
            (os.POSIX_SPAWN_DUP2, self._null, 0),
            (os.POSIX_SPAWN_DUP2, self._null, 1),
            (os.POSIX_SPAWN_DUP2, self._null, 2),
        ]
        self.t0 = time.perf_counter_ns()

    def close(self) -> None:
        if self._null >= 0:
            os.close(self._null)
            self._null = -1

    def __enter__(self) -> "Spawner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def run(self, argv: Sequence[str]) -> Sample:
        t0 = time.perf_counter_ns()
        pid = os.posix_spawn(argv[0], list(argv), self.env, file_actions=self._fa)
        _, status, ru = os.wait4(pid, 0)
        t1 = time.perf_counter_ns()
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise RuntimeError(f"{argv[0]} exited with status {code} during timing: {list(argv)!r}")
        return Sample(t1 - t0, int((ru.ru_utime + ru.ru_stime) * 1e9), ru.ru_minflt, t0 - self.t0)


def capture(argv: Sequence[str], env: Optional[Dict[str, str]] = None, timeout: float = 120) -> str:
    """stdout of one run (raises on a non-zero exit)."""
    r = subprocess.run(list(argv), stdin=subprocess.DEVNULL, capture_output=True,
                       env=env if env is not None else clean_env(), timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError(f"{list(argv)!r} exited {r.returncode}: "
                           f"{r.stderr.decode('utf-8', 'replace').strip()[-400:]}")
    return r.stdout.decode("utf-8", "replace")


@dataclass
class Floor:
    key: str
    label: str
    libc: str
    path: str


def snapshot_binary(binary: str, tmpdir: str) -> str:
    """Copy ``binary`` into ``tmpdir`` (retrying while it is being rewritten)."""
    dst = os.path.join(tmpdir, os.path.basename(binary))
    for attempt in range(20):
        try:
            shutil.copy2(binary, dst)
            if capture([dst, "-c", "2 + 3"]) == "5\n":
                return dst
        except (OSError, RuntimeError, subprocess.SubprocessError):
            if attempt == 19:
                raise
        time.sleep(0.5)
    raise RuntimeError(f"{binary} does not run `2 + 3` correctly")


def build_floors(tmpdir: str, notes: Optional[List[str]] = None) -> List[Floor]:
    """Compile the static "print 5" C program with every available libc."""
    notes = notes if notes is not None else []
    src = os.path.join(tmpdir, "floor.c")
    with open(src, "w") as f:
        f.write(FLOOR_C)
    floors = []
    for cc in ("cc", "musl-gcc"):
        if not shutil.which(cc):
            if cc == "cc":
                notes.append("no C compiler (cc): no floor measured")
            continue
        exe = os.path.join(tmpdir, f"floor-{cc}")
        r = subprocess.run([cc, "-O2", "-static", src, "-o", exe], capture_output=True, text=True)
        if r.returncode != 0:
            notes.append(f"{cc} -static failed (no static libc?): no {cc} floor")
            continue
        libc = str(binary_libc(exe)["libc"])
        if any(fl.libc == libc for fl in floors):
            continue
        floors.append(Floor(f"floor-{libc}", f"floor: C puts(\"5\"), {libc} static", libc, exe))
    return floors


# ---------------------------------------------------------------------------
# the commands compared


@dataclass
class Impl:
    key: str
    label: str
    argv: Callable[[Program], List[str]]
    kind: str  # "pyexpr" | "cpython" | "other"


def find_binary(arg: Optional[str] = None) -> str:
    if arg:
        if not (os.path.isfile(arg) and os.access(arg, os.X_OK)):
            raise FileNotFoundError(f"--bin {arg!r} is not an executable file")
        return os.path.abspath(arg)
    from . import binary_path

    return binary_path()


def default_impls(binary: str, others: bool = True) -> List[Impl]:
    py = sys.executable
    impls = [
        Impl("pyexpr", "pyexpr -c", lambda p: [binary, "-c", p.pyexpr], "pyexpr"),
        Impl("python", "python -c", lambda p: [py, "-c", p.python], "cpython"),
        Impl("python-I-S", "python -I -S -c", lambda p: [py, "-I", "-S", "-c", p.python], "cpython"),
    ]
    if others:
        lua = shutil.which("lua5.4")
        if lua:
            impls.append(Impl("lua5.4", "lua5.4 -e", lambda p: [lua, "-e", p.lua], "other"))
        mp = shutil.which("micropython")
        if mp:
            impls.append(Impl("micropython", "micropython -c", lambda p: [mp, "-c", p.python], "other"))
    return impls


# ---------------------------------------------------------------------------
# the benchmark


def _progress(enabled: bool, msg: str) -> None:
    if enabled:
        sys.stderr.write("\r\x1b[K" + msg)
        sys.stderr.flush()


def run_subprocess_bench(
    binary: str,
    runs: Optional[int] = None,
    budget_s: float = 60.0,
    warmup: int = 3,
    min_runs: int = 20,
    max_runs: int = 2000,
    floors: bool = True,
    others: bool = True,
    programs: Sequence[Program] = PROGRAMS,
    extra_impls: Optional[Callable[[str], List[Impl]]] = None,
    display_binary: Optional[str] = None,
    progress: Optional[bool] = None,
) -> Dict[str, object]:
    """Run the interleaved subprocess benchmark; returns a JSON-able dict with
    statistics and raw samples. ``runs=None``: as many rounds as fit in
    ``budget_s`` seconds (including verification and warm-up), at least
    ``min_runs``. ``extra_impls(exe)`` adds commands (``exe`` is the private
    copy of the binary that is measured)."""
    started = time.monotonic()
    progress = sys.stderr.isatty() if progress is None else progress
    notes: List[str] = []
    env = clean_env()
    tmp = tempfile.mkdtemp(prefix="pyexpr-bench-")
    try:
        # A private copy of the binary: a rebuild of the original during the
        # run cannot disturb it, and it runs from the same filesystem as the floor.
        exe = snapshot_binary(binary, tmp)
        impls = default_impls(exe, others) + (extra_impls(exe) if extra_impls else [])
        info = machine_info(exe)
        info["pyexpr_binary"] = display_binary or binary
        pe_libc = str((info.get("pyexpr_libc") or {}).get("libc", "unknown"))
        floor_list = build_floors(tmp, notes) if floors else []
        # 1. verify outputs: CPython (`python -c`) is the oracle
        plan: Dict[str, List[Impl]] = {}
        expected: Dict[str, str] = {}
        skipped: Dict[str, Dict[str, str]] = {}
        failed_pyexpr: List[str] = []
        for p in programs:
            want = capture([sys.executable, "-c", p.python], env)
            expected[p.name] = want
            plan[p.name] = []
            for im in impls:
                try:
                    got = capture(im.argv(p), env)
                except (OSError, RuntimeError, subprocess.SubprocessError) as e:
                    got = f"<error: {e}>"
                if got == want:
                    plan[p.name].append(im)
                else:
                    skipped.setdefault(p.name, {})[im.key] = got
                    msg = f"{im.label} on {p.name!r}: output {got!r} != CPython's {want!r}: not timed"
                    notes.append(msg)
                    if im.kind == "pyexpr":
                        failed_pyexpr.append(p.name)
        good_floors = []
        for fl in floor_list:
            if capture([fl.path], env) == "5\n":
                good_floors.append(fl)
            else:
                notes.append(f"{fl.label}: unexpected output; not timed")
        floor_list = good_floors
        progs = [p for p in programs if any(im.kind == "pyexpr" for im in plan[p.name])]

        samples: Dict[str, Dict[str, List[Sample]]] = {p.name: {im.key: [] for im in plan[p.name]}
                                                       for p in progs}
        floor_samples: Dict[str, List[Sample]] = {fl.key: [] for fl in floor_list}
        spawner = Spawner(env)

        def one_round(r: int, record: bool) -> None:
            for pi, p in enumerate(progs):
                seq = [(im.key, im.argv(p)) for im in plan[p.name]]
                seq += [(fl.key, [fl.path]) for fl in floor_list]
                if (r + pi) % 2:
                    seq.reverse()
                for key, argv in seq:
                    s = spawner.run(argv)
                    if not record:
                        continue
                    if key in samples[p.name]:
                        samples[p.name][key].append(s)
                    else:
                        floor_samples[key].append(s)

        with spawner:
            # 2. warm-up (page cache, CPU frequency)
            for r in range(warmup):
                _progress(progress, f"pyexpr-bench: warm-up {r + 1}/{warmup}")
                one_round(r, False)
            # 3. the timed rounds: `runs` of them, or until the time budget is
            # spent (at least min_runs, at most max_runs)
            deadline = started + budget_s
            t_r = time.monotonic()
            r = 0
            while True:
                if runs is not None:
                    if r >= runs:
                        break
                elif r >= max_runs or (r >= min_runs and time.monotonic() >= deadline):
                    break
                if progress and r % 5 == 0:
                    if runs is not None:
                        el = time.monotonic() - t_r
                        eta = el / r * (runs - r) if r else 0.0
                        _progress(True, f"pyexpr-bench: round {r + 1}/{runs}, ~{eta:.0f}s left")
                    else:
                        left = max(0.0, deadline - time.monotonic())
                        _progress(True, f"pyexpr-bench: round {r + 1}, ~{left:.0f}s left")
                one_round(r, True)
                r += 1
            runs = r
        _progress(progress, "")
        elapsed = time.monotonic() - started
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # 4. statistics
    floor_stats = {}
    for fl in floor_list:
        xs = floor_samples[fl.key]
        floor_stats[fl.key] = {
            "label": fl.label, "libc": fl.libc,
            "wall": summarize([s.wall_ns for s in xs]),
            "cpu_median_ns": statistics.median(s.cpu_ns for s in xs) if xs else None,
            "minflt_median": statistics.median(s.minflt for s in xs) if xs else None,
            "samples_ns": [s.wall_ns for s in xs],
        }
    same_floor = next((k for k, v in floor_stats.items() if v["libc"] == pe_libc), None)
    out_programs = []
    for p in programs:
        entry: Dict[str, object] = {"name": p.name, "pyexpr_source": p.pyexpr,
                                    "python_source": p.python, "lua_source": p.lua,
                                    "expected_stdout": expected.get(p.name)}
        if p.name in skipped:
            entry["not_timed"] = skipped[p.name]
        res = {}
        for key, xs in samples.get(p.name, {}).items():
            res[key] = {
                "wall": summarize([s.wall_ns for s in xs]),
                "cpu_median_ns": statistics.median(s.cpu_ns for s in xs) if xs else None,
                "minflt_median": statistics.median(s.minflt for s in xs) if xs else None,
                "samples_ns": [s.wall_ns for s in xs],
                "t_ns": [s.t_ns for s in xs],
            }
        entry["results"] = res
        if "pyexpr" in res:
            pe = res["pyexpr"]["wall"]
            entry["speedup"] = {k: speedup(v["wall"], pe) for k, v in res.items() if k != "pyexpr"}
            if same_floor:
                fw = floor_stats[same_floor]["wall"]
                entry["floor_ratio"] = pe["median"] / fw["median"]
                entry["over_floor_ns"] = pe["median"] - fw["median"]
        out_programs.append(entry)

    summary: Dict[str, object] = {"geomean_speedup": {}, "geomean_conservative": {}}
    for im in impls:
        if im.key == "pyexpr":
            continue
        rs = [e["speedup"][im.key] for e in out_programs if im.key in e.get("speedup", {})]
        if rs:
            summary["geomean_speedup"][im.key] = geomean([r["median_ratio"] for r in rs])
            summary["geomean_conservative"][im.key] = geomean([r["conservative"] for r in rs])
    frs = [e["floor_ratio"] for e in out_programs if "floor_ratio" in e]
    if frs:
        summary["geomean_floor_ratio"] = geomean(frs)
    if floors and not same_floor:
        notes.append(f"no floor built with pyexpr's libc ({pe_libc}): no floor ratio")

    return {
        "tool": "pyexpr-bench",
        "version": __version__,
        "machine": info,
        "machine_line": machine_line(info),
        "method": {
            "timer": "time.perf_counter_ns around os.posix_spawn + os.wait4 (stdio to /dev/null)",
            "interleaving": "each round runs every command once per program, order reversed on "
                            "alternate rounds/programs",
            "runs": runs,
            "warmup_rounds": warmup,
            "oracle": f"{sys.executable} -c (stdout compared byte for byte before timing)",
            "ci": "95% CI of the mean, Student t; median CI from order statistics",
            "speedup": "other median / pyexpr median; conservative = other CI low / pyexpr CI high",
            "elapsed_s": round(elapsed, 2),
        },
        "impls": [{"key": im.key, "label": im.label, "kind": im.kind} for im in impls],
        "floor_same_libc": same_floor,
        "floors": floor_stats,
        "programs": out_programs,
        "summary": summary,
        "notes": notes,
        "pyexpr_output_mismatch": failed_pyexpr,
    }


# ---------------------------------------------------------------------------
# text output


def fmt_ms(ns: Optional[float], width: int = 0) -> str:
    if ns is None or not math.isfinite(ns):
        s = "-"
    else:
        ms = ns / 1e6
        s = f"{ms:.3f}" if ms < 10 else (f"{ms:.2f}" if ms < 100 else f"{ms:.1f}")
    return s.rjust(width) if width else s


def fmt_x(r: Optional[float]) -> str:
    if r is None or not math.isfinite(r):
        return "-"
    return f"{r:.2f}x" if r < 10 else (f"{r:.1f}x" if r < 100 else f"{r:.0f}x")


def format_report(res: Dict[str, object]) -> str:
    L: List[str] = []
    m = res["method"]
    impl_label = {i["key"]: i["label"] for i in res["impls"]}
    for fk, fv in res["floors"].items():
        impl_label[fk] = fv["label"]
    L.append(f"pyexpr-bench {res['version']}: process wall time, pyexpr vs CPython")
    L.append(f"measured {res['machine_line']}")
    info = res["machine"]
    L.append(f"pyexpr: {info.get('pyexpr_binary')}   CPython: {sys.executable}")
    L.append(f"{m['runs']} interleaved rounds after {m['warmup_rounds']} warm-up rounds "
             f"({m['elapsed_s']:.0f} s); times in ms; every output checked equal to CPython's first")
    L.append("speedup = that command's median / pyexpr's median (>1: pyexpr faster); "
             "(>= x) = conservative: its 95% CI low / pyexpr's 95% CI high")
    L.append("")
    hdr = (f"  {'command':<22} {'median':>9} {'mean':>9} {'std dev':>9} {'95% CI of mean':>21}"
           f" {'CV':>6} {'cpu':>8} {'speedup':>9} {'(>= cons.)':>11}")
    for e in res["programs"]:
        rs = e["results"]
        if not rs:
            L.append(f"{e['name']}: not timed (pyexpr output differs from CPython's)")
            continue
        L.append(f"{e['name']}   -> {e['expected_stdout'].strip()!r}")
        L.append(hdr)
        for key, v in rs.items():
            w = v["wall"]
            ci = f"[{fmt_ms(w['ci_lo'])}, {fmt_ms(w['ci_hi'])}]"
            sp = e.get("speedup", {}).get(key)
            spx = fmt_x(sp["median_ratio"]) if sp else "-"
            cons = f"(>= {fmt_x(sp['conservative'])})" if sp else ""
            L.append(f"  {impl_label.get(key, key):<22} {fmt_ms(w['median'], 9)} {fmt_ms(w['mean'], 9)}"
                     f" {fmt_ms(w['sd'], 9)} {ci:>21} {w['cv'] * 100:5.1f}%"
                     f" {fmt_ms(v['cpu_median_ns'], 8)} {spx:>9} {cons:>11}")
        L.append("")
    if res["floors"]:
        L.append("Floor (a static C program printing 5; no process can start faster):")
        for fk, fv in res["floors"].items():
            w = fv["wall"]
            mark = "   <- same libc as pyexpr" if fk == res["floor_same_libc"] else ""
            L.append(f"  {fv['label']:<34} median {fmt_ms(w['median'])} ms, 95% CI of mean "
                     f"[{fmt_ms(w['ci_lo'])}, {fmt_ms(w['ci_hi'])}], CV {w['cv'] * 100:.1f}%{mark}")
        L.append("")
    # summary table
    keys = [i["key"] for i in res["impls"] if i["key"] != "pyexpr"]
    L.append("Summary (medians, ms; x = speedup of pyexpr, >= conservative bound)")
    head = f"  {'program':<24} {'pyexpr':>8}"
    for k in keys:
        head += f" {impl_label[k]:>16} {'x (>=)':>16}"
    if res["floor_same_libc"]:
        head += f" {'/floor':>7}"
    L.append(head)
    for e in res["programs"]:
        rs = e["results"]
        if "pyexpr" not in rs:
            continue
        row = f"  {e['name']:<24} {fmt_ms(rs['pyexpr']['wall']['median'], 8)}"
        for k in keys:
            if k in rs:
                sp = e["speedup"][k]
                row += f" {fmt_ms(rs[k]['wall']['median'], 16)} " \
                       f"{fmt_x(sp['median_ratio']) + ' (' + fmt_x(sp['conservative']) + ')':>16}"
            else:
                row += f" {'-':>16} {'-':>16}"
        if res["floor_same_libc"]:
            row += f" {fmt_x(e.get('floor_ratio')):>7}"
        L.append(row)
    s = res["summary"]
    row = f"  {'geometric mean':<24} {'':>8}"
    for k in keys:
        g = s["geomean_speedup"].get(k)
        c = s["geomean_conservative"].get(k)
        row += f" {'':>16} {(fmt_x(g) + ' (' + fmt_x(c) + ')') if g else '-':>16}"
    if "geomean_floor_ratio" in s:
        row += f" {fmt_x(s['geomean_floor_ratio']):>7}"
    L.append(row)
    if res["floor_same_libc"]:
        L.append(f"  /floor = pyexpr median / median of the {res['floors'][res['floor_same_libc']]['libc']}"
                 " floor (pyexpr's own libc): 1.00x would be a free interpreter")
    for n in res["notes"]:
        L.append(f"note: {n}")
    return "\n".join(L) + "\n"


# ---------------------------------------------------------------------------
# command line


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(
        prog="pyexpr-bench",
        description="Compare the native pyexpr binary with CPython (and lua5.4/micropython "
                    "when on PATH) as processes, on the design's eight programs.")
    ap.add_argument("--runs", type=int, metavar="N",
                    help="timed rounds (default: as many as fit in about a minute, at least 20)")
    ap.add_argument("--quick", action="store_true",
                    help="a few seconds: 1 warm-up round, about 5 s of rounds (at least 5)")
    ap.add_argument("--warmup", type=int, metavar="N", help="warm-up rounds (default 3; --quick 1)")
    ap.add_argument("--time-budget", type=float, metavar="SECONDS",
                    help="target duration when --runs is not given (default 60; --quick 6)")
    ap.add_argument("--json", action="store_true", help="print one JSON document (with raw samples)")
    ap.add_argument("--bin", metavar="PATH", help="the pyexpr binary (default: pyexpr.binary_path())")
    ap.add_argument("--no-floor", action="store_true", help="do not build/measure the C floor")
    ap.add_argument("--no-others", action="store_true", help="skip lua5.4 / micropython")
    ap.add_argument("--no-progress", action="store_true", help="no progress line on stderr")
    a = ap.parse_args(argv)
    try:
        binary = find_binary(a.bin)
    except FileNotFoundError as e:
        print(f"pyexpr-bench: {e}", file=sys.stderr)
        return 2
    if a.runs is not None and a.runs < 2:
        ap.error("--runs must be at least 2")
    quick = a.quick
    res = run_subprocess_bench(
        binary,
        runs=a.runs,
        budget_s=a.time_budget if a.time_budget else (6.0 if quick else 60.0),
        warmup=a.warmup if a.warmup is not None else (1 if quick else 3),
        min_runs=5 if quick else 20,
        floors=not a.no_floor,
        others=not a.no_others,
        progress=False if a.no_progress else None,
    )
    if a.json:
        json.dump(json_safe(res), sys.stdout, indent=1, allow_nan=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_report(res))
    return 1 if res["pyexpr_output_mismatch"] else 0


def json_safe(o):
    """``o`` with NaN/infinite floats replaced by None (strict JSON)."""
    if isinstance(o, float):
        return o if math.isfinite(o) else None
    if isinstance(o, dict):
        return {k: json_safe(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [json_safe(v) for v in o]
    return o


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
