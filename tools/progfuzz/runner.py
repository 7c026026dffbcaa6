"""Run a program through CPython (the oracle) and pyexpr, compare, shrink.

An outcome is (stdout bytes, last non-empty stderr line, exit status, crash
note). Two outcomes agree when stdout, the last stderr line and the exit
status are identical and pyexpr shows no crash (signal, sanitizer report,
unexpected status). The CLI's calculator echo never matters here: every
generated program ends with a print() call.
"""

from __future__ import annotations

import ast
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# the oracle: CPython 3.11 (PYEXPR_ORACLE overrides; the tests set the one
# tests/_util.py found)
CPYTHON = os.environ.get("PYEXPR_ORACLE") or sys.executable
CRASH_MARKERS = (b"Sanitizer", b"runtime error:", b"Segmentation", b"core dumped", b"Aborted")

SAN_ENV = {
    "ASAN_OPTIONS": "detect_leaks=1:exitcode=99:allocator_may_return_null=1",
    "UBSAN_OPTIONS": "halt_on_error=1:exitcode=98:print_stacktrace=1",
    "PYEXPR_LEAKCHECK": "1",
}


def child_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["LC_ALL"] = "C.UTF-8"
    env.update(SAN_ENV)
    return env


ENV = child_env()


class Outcome(tuple):
    """(stdout, last_line, status, crash)"""

    @property
    def stdout(self): return self[0]
    @property
    def last(self): return self[1]
    @property
    def status(self): return self[2]
    @property
    def crash(self): return self[3]


def last_line(err: bytes) -> str:
    lines = [l for l in err.decode("utf-8", "replace").splitlines() if l.strip()]
    return lines[-1] if lines else ""


def run_one(cmd, path, timeout):
    try:
        p = subprocess.run(cmd + [path], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout, env=ENV, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return Outcome((b"", "", "timeout", "timeout"))
    crash = ""
    if p.returncode < 0:
        crash = f"signal {-p.returncode}"
    elif p.returncode not in (0, 1, 2):
        crash = f"status {p.returncode}"
    for m in CRASH_MARKERS:
        if m in p.stderr:
            crash = crash or m.decode()
            # the sanitizer's one-line summary says what and where
            for ln in p.stderr.decode("utf-8", "replace").splitlines():
                if "SUMMARY:" in ln or "runtime error:" in ln:
                    crash += " | " + ln.strip()[:200]
                    break
            break
    return Outcome((p.stdout, last_line(p.stderr), p.returncode, crash))


def write_tmp(src: str, tmpdir: str, name="prog.py") -> str:
    path = os.path.join(tmpdir, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(src)
    return path


def compare(src: str, bins, tmpdir: str, timeout=20.0, cpy=None):
    """Run src through CPython and each binary. Returns (cpython outcome,
    {bin: outcome}, [bins that disagree])."""
    path = write_tmp(src, tmpdir)
    if cpy is None:
        # both print CPython's compile-time SyntaxWarnings ("perhaps you
        # missed a comma?") on stderr, before the program runs
        cpy = run_one([CPYTHON], path, timeout)
    outs, bad = {}, []
    for b in bins:
        o = run_one([b], path, timeout * (4 if "asan" in os.path.basename(b) else 1))
        outs[b] = o
        if o.crash or o[:3] != cpy[:3]:
            bad.append(b)
    return cpy, outs, bad


def kind(cpy: Outcome, o: Outcome) -> str:
    """A coarse label of a mismatch, kept while shrinking so the reduction
    does not drift into another bug."""
    if cpy.status == "timeout":  # a generator bug (endless program), not pyexpr's
        return "cpython-timeout"
    if o.crash:
        return "crash: " + o.crash.split(" | ")[0]
    if o.status != cpy.status:
        return f"status {cpy.status}->{o.status}"
    if o.last != cpy.last:
        return "stderr"
    return "stdout"


def cpu_seconds() -> float:
    """CPU time of this process and its waited-for children."""
    a = resource.getrusage(resource.RUSAGE_SELF)
    b = resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


# ---------------------------------------------------------------------------
# Shrinking: delta debugging over lines, respecting indentation blocks.

def _blocks(lines):
    """(start, end) of each line together with the lines indented under it."""
    out = []
    for i, ln in enumerate(lines):
        ind = len(ln) - len(ln.lstrip())
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > ind):
            j += 1
        out.append((i, j))
    return out


CLAUSES = ("except", "else:", "finally:", "elif ", "elif(")


def _groups_of_blocks(lines):
    """Compound statements: (start, end, [clause blocks]) where the clause
    blocks are the header's block and following except/else/finally/elif
    siblings at the same indentation."""
    blocks = dict(_blocks(lines))
    out = []
    for i, ln in enumerate(lines):
        if not ln.rstrip().endswith(":") or ln.lstrip().startswith(CLAUSES):
            continue
        ind = len(ln) - len(ln.lstrip())
        parts = [(i, blocks[i])]
        j = blocks[i]
        while j < len(lines) and len(lines[j]) - len(lines[j].lstrip()) == ind \
                and lines[j].lstrip().startswith(CLAUSES):
            parts.append((j, blocks[j]))
            j = blocks[j]
        out.append((i, j, parts))
    return out


def _dedent(body):
    if not body:
        return body
    sub = min(len(b) - len(b.lstrip()) for b in body if b.strip())
    return [b[sub:] for b in body]


def _valid(src):
    """CPython compiles it, and it does not end in a bare expression other
    than a print() call (the CLI would echo its value: a deliberate
    difference, docs/language.md)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(src, "<shrink>")
            compile(tree, "<shrink>", "exec")
    except (SyntaxError, ValueError):
        return False
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        v = tree.body[-1].value
        if not (isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "print"):
            return False
    return True


def _fix_empty_blocks(lines):
    """Insert `pass` under any header line left without a body."""
    out = []
    for i, ln in enumerate(lines):
        out.append(ln)
        if ln.rstrip().endswith(":") and not ln.lstrip().startswith("#"):
            ind = len(ln) - len(ln.lstrip())
            nxt = next((l for l in lines[i + 1:] if l.strip()), None)
            if nxt is None or len(nxt) - len(nxt.lstrip()) <= ind:
                out.append(" " * (ind + 4) + "pass")
    return out


def shrink(src: str, still_bad, deadline: float, log=None) -> str:
    """Smallest variant of src (by lines) for which still_bad(src) holds,
    within the time budget. Candidates that CPython cannot compile are
    skipped without running anything."""
    lines = src.rstrip("\n").split("\n")
    tried = set()

    def attempt(cand):
        cand = _fix_empty_blocks(cand)
        text = "\n".join(cand) + "\n"
        if text in tried or not _valid(text):
            return None
        tried.add(text)
        if time.time() > deadline:
            return None
        return cand if still_bad(text) else None

    changed = True
    while changed and time.time() < deadline:
        changed = False
        # 1. one pass from the last line to the first: remove each line
        #    together with the lines indented under it (later statements go
        #    first, so the earlier positions stay valid)
        pos = len(lines) - 1
        while pos >= 0 and time.time() < deadline:
            if pos < len(lines):
                j = dict(_blocks(lines))[pos]
                c = attempt(lines[:pos] + lines[j:])
                if c is not None:
                    lines, changed = c, True
            pos -= 1
        # 2. unwrap compound statements (last first): replace one, with all
        #    its clauses, by the body of one clause, dedented to its level
        pos = len(lines) - 1
        while pos >= 0 and time.time() < deadline:
            for (i, j, parts) in _groups_of_blocks(lines):
                if i != pos:
                    continue
                ind = lines[i][:len(lines[i]) - len(lines[i].lstrip())]
                for (a, b) in parts:
                    body = [ind + x for x in _dedent(lines[a + 1:b])]
                    c = attempt(lines[:i] + body + lines[j:])
                    if c is not None:
                        lines, changed = c, True
                        break
                break
            pos -= 1
        # 3. simplify expressions: replace a bracketed group by a small atom
        for i in range(len(lines) - 1, -1, -1):
            if time.time() > deadline:
                break
            done = False
            while not done and i < len(lines):
                done = True
                ln = lines[i]
                for a, b in _groups(ln):
                    for rep in ("0", "1", "[]", "None"):
                        c = attempt(lines[:i] + [ln[:a] + rep + ln[b:]] + lines[i + 1:])
                        if c is not None:
                            lines, changed, done = c, True, False
                            break
                    if not done:
                        break
    return "\n".join(lines) + "\n"


def _groups(ln):
    """Spans of (...) / [...] groups in a line, longest first (strings are
    skipped roughly)."""
    spans, stack, q = [], [], None
    for i, ch in enumerate(ln):
        if q:
            if ch == q:
                q = None
            continue
        if ch in "'\"":
            q = ch
        elif ch in "([":
            stack.append(i)
        elif ch in ")]" and stack:
            a = stack.pop()
            if a > 0 and (ln[a - 1].isalnum() or ln[a - 1] in "_)]'\""):
                # a call or subscript: the whole `name(...)` / `x.m(...)`
                k = a
                while k > 0 and (ln[k - 1].isalnum() or ln[k - 1] in "_."):
                    k -= 1
                if k < a and ch == ")" and not ln[k:a].startswith(("print", "_p", ".")) \
                        and ln[k:a] not in ("def", "if", "while", "elif"):
                    spans.append((k, i + 1))
                continue
            spans.append((a, i + 1))
    return sorted(spans, key=lambda s: s[0] - s[1])[:30]
