"""Host objects benchmark (issue 15): a 10-variable pricing rule over N
dataclass rows, CPython ``eval(code, ns)`` per row against pyexpr compiled
once.

    python benchmarks/bench_host.py [--rows 100000] [--repeat 7] [--json] [--cpython-only]

Variants (each checked to give CPython's results):

* ``cpython eval(code, {'r': row})``: the rule written ``r.price * r.qty ...``
* ``cpython eval(code, {}, vars(row))``: the rule on plain names
* ``pyexpr eval_many(rows)``: the rule on plain names; each row's readable
  attributes are its variables (``register_type``)
* ``pyexpr eval_many(rows, row_name='r')``: the ``r.price`` rule, attribute
  syntax on an exposed object
* ``pyexpr code.eval({'r': row})`` per row

The variants are interleaved and the best of ``--repeat`` rounds is kept
(the machine may be shared); the ratio column is CPython's first variant
divided by each.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


@dataclasses.dataclass
class Row:
    price: float
    qty: int
    discount: float
    tax: float
    shipping: float
    weight: float
    tier: int
    coupon: float
    region: int
    fee: float


RULE_ATTR = ("(r.price * r.qty * (1 - r.discount) + r.shipping * r.weight + r.fee - r.coupon)"
             " * (1 + r.tax) * (0.9 if r.tier > 2 else 1.0) + (5 if r.region == 3 else 0)")
RULE_VARS = RULE_ATTR.replace("r.", "")


def make_rows(n):
    return [Row(10.0 + i % 7, 1 + i % 5, 0.05 * (i % 3), 0.2, 4.5, 0.3 * (i % 4), i % 5, 1.5,
                i % 4, 0.99) for i in range(n)]


CPYTHON_ONLY = ("cpython eval(code, {'r': row})", "cpython eval(code, {}, vars(row))")


def measure(n_rows, repeat, cpython_only=False):
    """{variant: best seconds over the rows}, each variant first checked to
    give CPython's results; the variants are interleaved."""
    rows = make_rows(n_rows)
    cp_attr = compile(RULE_ATTR, "<rule>", "eval")
    cp_vars = compile(RULE_VARS, "<rule>", "eval")
    variants = {
        CPYTHON_ONLY[0]: lambda: [eval(cp_attr, {"r": r}) for r in rows],
        CPYTHON_ONLY[1]: lambda: [eval(cp_vars, {}, vars(r)) for r in rows],
    }
    if not cpython_only:
        import pyexpr

        pyexpr.register_type(Row, attrs=[f.name for f in dataclasses.fields(Row)])
        px_attr = pyexpr.compile(RULE_ATTR, "eval")
        px_vars = pyexpr.compile(RULE_VARS, "eval")
        variants.update({
            "pyexpr eval_many(rows)": lambda: px_vars.eval_many(rows),
            "pyexpr eval_many(rows, row_name='r')": lambda: px_attr.eval_many(rows, row_name="r"),
            "pyexpr code.eval({'r': row}) per row": lambda: [px_attr.eval({"r": r}) for r in rows],
        })
    expect = variants[CPYTHON_ONLY[0]]()
    for name, f in variants.items():
        assert f() == expect, name
    best = dict.fromkeys(variants, float("inf"))
    gc.disable()
    try:
        for _ in range(repeat):
            for name, f in variants.items():
                t0 = time.perf_counter()
                f()
                best[name] = min(best[name], time.perf_counter() - t0)
    finally:
        gc.enable()
    return best


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--json", action="store_true", help="print one JSON document (seconds per row)")
    ap.add_argument("--cpython-only", action="store_true",
                    help="only the CPython variants (for another interpreter, without pyexpr)")
    args = ap.parse_args(argv)
    best = measure(args.rows, args.repeat, args.cpython_only)
    if args.json:
        print(json.dumps({"python": sys.executable, "version": sys.version.split()[0],
                          "rows": args.rows, "repeat": args.repeat,
                          "s_per_row": {k: v / args.rows for k, v in best.items()}}))
        return
    base = best[CPYTHON_ONLY[0]]
    print(f"{args.rows} rows, best of {args.repeat}")
    print(f"{'variant':42s} {'ms':>8s} {'ns/row':>8s} {'vs CPython':>10s}")
    for name, t in best.items():
        print(f"{name:42s} {t * 1e3:8.1f} {t / args.rows * 1e9:8.0f} {base / t:9.2f}x")


if __name__ == "__main__":
    main()
