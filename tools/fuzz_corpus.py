#!/usr/bin/env python3
"""Mutation fuzzing of the corpus through the sanitizer build.

    make asan && python3 tools/fuzz_corpus.py [SEED] [SECONDS]

Takes random corpus programs, mutates them (deletes, duplicates and splices
lines, inserts tokens, cuts characters), runs each through
build/pyexpr-asan with the state freed at exit, and saves any program that
crashes, trips ASan/UBSan/LSan or exits with a status other than 0/1 to
/tmp/pyexpr-fuzz/. Infinite loops produced by mutation are skipped (10 s).
"""
import glob, os, random, subprocess, sys, time
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("PYEXPR_BIN", os.path.join(ROOT, "build", "pyexpr-asan"))
files = sorted(glob.glob(os.path.join(ROOT, "tests", "corpus", "*", "*.py")))
OUT = "/tmp/pyexpr-fuzz"
os.makedirs(OUT, exist_ok=True)
srcs = [open(f, encoding="utf-8").read() for f in files]
toks = ["(", ")", "[", "]", "{", "}", ":", ",", "*", "**", "lambda", "yield", "def f(", "return", "try:", "except", "finally:",
        "for x in", "while", "if", "else", "not", "in", "is", "and", "or", "1e308", "2**64", "-1", "''", "f'{x}'", "\\", "\n", "\t", "    ", "global x", "nonlocal x", "del", "*a", "=", "+=", "@", ".", "[::-1]", "{1:2}", "{*a}", "...", "raise", "from", "import", "with", "class", "async", "\x00", "\xff", "é"]
def mutate(s):
    lines = s.split("\n")
    for _ in range(random.randint(1, 4)):
        r = random.random()
        if r < 0.25 and lines:
            del lines[random.randrange(len(lines))]
        elif r < 0.45 and lines:
            i = random.randrange(len(lines)); lines.insert(random.randrange(len(lines)+1), lines[i])
        elif r < 0.75 and lines:
            i = random.randrange(len(lines)); ln = lines[i]; p = random.randint(0, len(ln))
            lines[i] = ln[:p] + random.choice(toks) + ln[p:]
        elif lines:
            i = random.randrange(len(lines)); ln = lines[i]
            if ln:
                p = random.randrange(len(ln)); q = min(len(ln), p + random.randint(1, 5)); lines[i] = ln[:p] + ln[q:]
    if random.random() < 0.3:
        other = random.choice(srcs).split("\n")
        k = random.randrange(len(lines) + 1)
        lines[k:k] = other[:random.randint(0, len(other))]
    return "\n".join(lines)
env = dict(os.environ, PYEXPR_LEAKCHECK="1", ASAN_OPTIONS="detect_leaks=1:exitcode=99:allocator_may_return_null=1", UBSAN_OPTIONS="halt_on_error=1:exitcode=98:print_stacktrace=1")
deadline = time.time() + float(sys.argv[2] if len(sys.argv) > 2 else 240)
n = bad = 0
while time.time() < deadline:
    src = mutate(random.choice(srcs))
    n += 1
    try:
        p = subprocess.run([BIN, "-"], input=src.encode("utf-8", "surrogateescape"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=10, env=env)
    except subprocess.TimeoutExpired:
        # infinite loops are legitimate mutations; only note them
        continue
    err = p.stderr
    if p.returncode not in (0, 1) or b"Sanitizer" in err or b"runtime error" in err:
        bad += 1
        path = f"{OUT}/crash_{sys.argv[1] if len(sys.argv)>1 else 1}_{bad}.py"
        open(path, "w", encoding="utf-8", errors="surrogateescape").write(src)
        print("CRASH", p.returncode, path, err.decode("utf-8", "replace").strip().splitlines()[-3:] if err else "")
print(f"fuzz: {n} programs, {bad} crashes")
sys.exit(1 if bad else 0)
