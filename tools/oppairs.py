#!/usr/bin/env python3
"""Dynamic opcode-pair profile over the throughput group (issue 17).

Builds nothing itself: first build the counting interpreter with

    make BUILD=build-pairs CFLAGS=-DPE_OPPAIRS

then run

    python3 tools/oppairs.py build-pairs/pyexpr [--top N] [--programs a,b]

Every program of the throughput group (benchmarks/programs/*.py that has a
.lua equivalent) runs once; the executed (previous, next) opcode pairs are
summed over the group, each program weighted by the inverse of its total
count, so that every program counts alike, and printed by weight.
"""
import argparse
import collections
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(ROOT, "benchmarks", "programs")


def group():
    return sorted(n[:-3] for n in os.listdir(PROGRAMS)
                  if n.endswith(".py") and os.path.exists(os.path.join(PROGRAMS, n[:-3] + ".lua"))
                  and not n.startswith("cls_"))


def profile(binary, name):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "pairs.txt")
        env = dict(os.environ, PE_OPPAIRS_OUT=out)
        subprocess.run([binary, os.path.join(PROGRAMS, name + ".py")], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        counts = collections.Counter()
        with open(out) as fp:
            for line in fp:
                a, b, n = line.split()
                counts[(a, b)] += int(n)
        return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--programs", help="comma-separated subset of the group")
    args = ap.parse_args()
    names = args.programs.split(",") if args.programs else group()
    total = collections.Counter()
    singles = collections.Counter()
    for name in names:
        c = profile(args.binary, name)
        s = sum(c.values()) or 1
        for (a, b), n in c.items():
            total[(a, b)] += n / s
            singles[b] += n / s
        print(f"{name}: {s} instructions", file=sys.stderr)
    k = len(names)
    print("pairs (share of each program's instructions, averaged over the group):")
    for (a, b), w in total.most_common(args.top):
        print(f"  {100 * w / k:6.2f}%  {a} -> {b}")
    print("opcodes:")
    for op, w in singles.most_common(args.top):
        print(f"  {100 * w / k:6.2f}%  {op}")


if __name__ == "__main__":
    main()
