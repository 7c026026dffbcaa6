"""Grammar-based generator of random, valid, terminating, deterministic
programs inside pyexpr's subset (docs/language.md).

    from progfuzz.gen import generate
    src = generate(seed)                 # a whole program (may end uncaught)
    src = generate(seed, wrapped=True)   # a body safe to indent into a def

Expressions are generated per static type (int, float, str, bool, list of
int, dict str->int, tuple), so most programs do real work instead of dying
on the first TypeError; deliberate error productions (division by zero,
bad index, missing key, int('x'), math domain, overflow, unsupported
operands, raise/re-raise/raise from) are mixed in at a low rate and are
usually wrapped in try/except/else/finally so the program goes on.

Guarantees (what keeps CPython and pyexpr comparable):
- termination: loops are `for` over small ranges/containers or `while`
  with a counter incremented first in the body; functions only call
  functions defined before them (no recursion);
- determinism: no id(), hash(), sets of strings (str hashes differ,
  docs/language.md), no `is` on numbers, no timing;
- no deliberate differences: no negative base ** float (complex), values
  are capped by `_c()` on every assignment so ints stay far below the
  4300-digit limit and strings/lists stay short;
- names: every variable is assigned at the top level of its scope before
  later statements read it; nested blocks only reassign.
"""

from __future__ import annotations

import random

from .feat import feature

INT, FLOAT, STR, BOOL, LIST, DICT, TUPLE = "int", "float", "str", "bool", "list", "dict", "tuple"
TYPES = (INT, FLOAT, STR, BOOL, LIST, DICT, TUPLE)

PRELUDE = (
    "import math\n"
    "def _c(v):\n"
    "    if isinstance(v, bool):\n"
    "        return v\n"
    "    if isinstance(v, int) and (v > 10**60 or v < -10**60):\n"
    "        return v % 1000000007\n"
    "    if isinstance(v, (str, list, tuple)) and len(v) > 40:\n"
    "        return v[:40]\n"
    "    return v\n"
)

SEPS = ["','", "''", "'-'", "' '", "'a'"]
STR_LITS = ["''", "'a'", "'abc'", "'Hello World'", "'  pad  '", "'x,y,,z'", "'\\u00e9t\\u00e9'",
            "'line1\\nline2'", "'123'", "'-7'", "'3.5'", "'\\t tab'", "'\\U0001f600'", "'a\"b'", "\"it's\"",
            "'ß'", "'MiXeD'", "'_id9'", "'%'", "'{}'"]
FLOAT_LITS = ["0.0", "-0.0", "1.5", "0.1", "2.5", "-3.25", "1e300", "1e-300", "3.0", "100.0",
              "float('inf')", "float('-inf')", "1e16", "123456.789", "math.pi"]
EXC_TYPES = ["ValueError", "TypeError", "KeyError", "IndexError", "RuntimeError", "ZeroDivisionError",
             "ArithmeticError", "LookupError", "AssertionError", "OverflowError"]
CATCH_SETS = ["Exception", "ValueError", "(ValueError, TypeError)", "ArithmeticError",
              "ZeroDivisionError", "LookupError", "(KeyError, IndexError)", "TypeError",
              "(OverflowError, ValueError, ZeroDivisionError)", "RuntimeError", "BaseException"]


class Scope:
    def __init__(self, parent=None, is_func=False):
        self.parent = parent
        self.is_func = is_func
        self.vars = {}      # name -> type (assigned here)
        self.funcs = {}     # name -> (param types, return type)
        self.nonlocals = set()

    def readable(self, t):
        out, s = [], self
        while s is not None:
            out += [n for n, ty in s.vars.items() if ty == t]
            s = s.parent
        return out

    def writable(self, t):
        return [n for n, ty in self.vars.items() if ty == t]

    def all_funcs(self):
        out, s = {}, self
        while s is not None:
            for k, v in s.funcs.items():
                out.setdefault(k, v)
            s = s.parent
        return out


class Gen:
    def __init__(self, rng: random.Random, wrapped: bool, size: int):
        self.r = rng
        self.wrapped = wrapped
        self.budget = size           # statements left
        self.n = 0                   # fresh-name counter
        self.err_rate = 0.03

    # -- helpers ---------------------------------------------------------
    def fresh(self, prefix):
        self.n += 1
        return f"{prefix}{self.n}"

    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq):
        return self.r.choice(seq)

    # -- expressions -------------------------------------------------------
    def expr(self, t, sc, d=0):
        r = self.r
        if d >= 3 or r.random() < 0.25 * (d + 1) / 2:
            return self.atom(t, sc)
        if self.chance(self.err_rate):
            e = self.err_expr(t, sc, d)
            if e:
                return e
        return getattr(self, "e_" + t)(sc, d + 1)

    def atom(self, t, sc):
        names = sc.readable(t)
        if names and self.chance(0.6):
            return self.pick(names)
        return self.lit(t)

    def lit(self, t):
        r = self.r
        if t == INT:
            return self.pick([str(r.randint(-5, 12)), str(r.randint(0, 1000)), str(r.randint(-10**6, 10**6)),
                              "2**64", "-(2**63)", str(r.randint(10**19, 10**25)), "0", "1", "-1", "10**30",
                              "0x7f", "0b101", "1_000", "True"])
        if t == FLOAT:
            return self.pick(FLOAT_LITS)
        if t == STR:
            return self.pick(STR_LITS)
        if t == BOOL:
            return self.pick(["True", "False"])
        if t == LIST:
            k = r.randint(0, 5)
            return "[" + ", ".join(str(r.randint(-9, 20)) for _ in range(k)) + "]"
        if t == DICT:
            k = r.randint(0, 4)
            keys = r.sample(["'a'", "'b'", "'c'", "'key'", "'zz'", "''"], k)
            return "{" + ", ".join(f"{kk}: {r.randint(-5, 50)}" for kk in keys) + "}"
        if t == TUPLE:
            k = r.randint(0, 3)
            items = [self.lit(self.pick([INT, STR, FLOAT, BOOL])) for _ in range(k)]
            return "(" + ", ".join(items) + ("," if k == 1 else "") + ")"
        raise AssertionError(t)

    def small(self):
        return str(self.r.randint(0, 6))

    def call_expr(self, t, sc, d):
        fs = [(n, sig) for n, sig in sc.all_funcs().items() if sig[1] == t]
        if not fs:
            return None
        name, (params, _) = self.pick(fs)
        return f"{name}(" + ", ".join(self.expr(p, sc, d + 1) for p in params) + ")"

    def e_int(self, sc, d):
        e = lambda: self.expr(INT, sc, d)  # noqa: E731
        k = self.r.randint(0, 31)
        if k == 28: return f"len({self.set_lit()} {self.pick(['|', '&', '-', '^'])} set({self.expr(LIST, sc, d)}))"
        if k == 29:
            return f"(lambda q: q {self.pick(['+', '*', '-', '//'])} {self.pick(['3', '7'] + sc.readable(INT)[:3])})({e()})"
        if k == 30: return f"sum(1 for v in {self.expr(LIST, sc, d)} if v {self.pick(['>', '<', '=='])} {e()})"
        if k == 31: return f"max({self.expr(LIST, sc, d)} + [{e()}], key=lambda v: (v % 5, v))"
        if k == 0: return f"({e()} + {e()})"
        if k == 1: return f"({e()} - {e()})"
        if k == 2: return f"({e()} * {e()})"
        if k == 3: return f"({e()} // {self.nonzero(sc, d)})"
        if k == 4: return f"({e()} % {self.nonzero(sc, d)})"
        if k == 5: return f"({e()} ** {self.r.randint(0, 4)})"
        if k == 6: return f"(-{e()})"
        if k == 7: return f"abs({e()})"
        if k == 8: return f"len({self.expr(self.pick([STR, LIST, DICT, TUPLE]), sc, d)})"
        if k == 9: return f"({e()} << {self.r.randint(0, 70)})"
        if k == 10: return f"({e()} >> {self.r.randint(0, 70)})"
        if k == 11: return f"({e()} {self.pick(['&', '|', '^'])} {e()})"
        if k == 12: return f"(~{e()})"
        if k == 13: return f"round({self.safe_float(sc, d)})"
        if k == 14: return f"sum({self.expr(LIST, sc, d)})"
        if k == 15: return f"max({e()}, {e()})"
        if k == 16: return f"min({self.expr(LIST, sc, d)}, default={e()})"
        if k == 17: return f"{self.expr(STR, sc, d)}.find({self.expr(STR, sc, d)})"
        if k == 18: return f"{self.expr(STR, sc, d)}.count({self.pick(STR_LITS)})"
        if k == 19:
            c = self.call_expr(INT, sc, d)
            if c: return c
            return f"({e()} if {self.expr(BOOL, sc, d)} else {e()})"
        if k == 20: return f"({e()} if {self.expr(BOOL, sc, d)} else {e()})"
        if k == 21: return f"int({self.safe_float(sc, d)})"
        if k == 22: return f"{self.expr(DICT, sc, d)}.get({self.pick(['a', 'b', 'key', 'q'])!r}, {e()})"
        if k == 23: return f"ord({self.pick(STR_LITS[1:4])}[0])"
        if k == 24: return f"divmod({e()}, {self.nonzero(sc, d)})[{self.r.randint(0, 1)}]"
        if k == 25: return f"pow({e()}, {self.r.randint(0, 5)}, {self.r.randint(2, 1000)})"
        if k == 26: return f"int({self.pick(['1_0', '  42 ', '-0', '0x1f', '123456789012345678901234'])!r}, {self.pick(['0', '10', '16'])})" if self.chance(0.3) else f"int({self.pick(['7', '-12', '  3 ', '0'])!r})"
        return f"sum(x * {self.small()} for x in {self.expr(LIST, sc, d)})"

    def fexpr(self, t, sc, d):
        """An expression usable inside an f-string replacement field (3.11:
        no quotes of the f-string's kind, no backslashes)."""
        e = self.expr(t, sc, d)
        if any(c in e for c in "'\"\\{}"):
            names = sc.readable(t)
            return self.pick(names) if names else self.pick(["7", "-2", "10**20", "2.5", "True", "None"])
        return e

    def set_lit(self):
        k = self.r.randint(0, 5)
        items = [str(self.r.randint(-3, 40)) for _ in range(k)]
        return "{" + ", ".join(items) + "}" if items else "set()"

    def nonzero(self, sc, d):
        if self.chance(0.9):
            return self.pick(["3", "7", "-2", "10**20", "(2**64 + 1)", "-5", "1"])
        return self.expr(INT, sc, d)

    def safe_float(self, sc, d):
        # a finite float (int()/round() of inf/nan raise; that is in err_expr)
        return self.pick(["1.5", "2.5", "-3.5", "0.1", "123.456", "1e15", "-0.0", "7.0", "0.5", "-2.5"])

    def e_float(self, sc, d):
        e = lambda: self.expr(FLOAT, sc, d)  # noqa: E731
        k = self.r.randint(0, 14)
        if k == 0: return f"({e()} + {e()})"
        if k == 1: return f"({e()} - {self.expr(INT, sc, d)})"
        if k == 2: return f"({e()} * {e()})"
        if k == 3: return f"({self.expr(INT, sc, d)} / {self.nonzero(sc, d)})"
        if k == 4: return f"({e()} / {self.pick(['2.0', '3', '-0.5', '7.25'])})"
        if k == 5: return f"float({self.expr(INT, sc, d)})"
        if k == 6: return f"math.sqrt(abs({e()}))"
        if k == 7: return f"abs({e()})"
        if k == 8: return f"({e()} // {self.pick(['2.0', '3', '0.25'])})"
        if k == 9: return f"({e()} % {self.pick(['2.0', '3', '-1.5'])})"
        if k == 10: return f"round({e()}, {self.r.randint(-2, 4)})"
        if k == 11: return f"math.{self.pick(['floor', 'ceil', 'trunc'])}({self.safe_float(sc, d)}) * 0.5"
        if k == 12: return f"float({self.pick(['1.5', ' -2e3 ', 'inf', '-0', '1_0.5', 'nan'])!r})"
        if k == 13:
            c = self.call_expr(FLOAT, sc, d)
            if c: return c
        return f"math.{self.pick(['sin', 'cos', 'atan', 'tanh', 'fabs'])}({e()})"

    def e_str(self, sc, d):
        s = lambda: self.expr(STR, sc, d)  # noqa: E731
        k = self.r.randint(0, 26)
        if k == 23: return f"str({self.set_lit()} {self.pick(['|', '&', '-', '^'])} {{v % 7 for v in {self.expr(LIST, sc, d)}}})"
        if k == 24: return f"('%5d|%-6s|%x|%.3f' % ({self.expr(INT, sc, d)}, {s()}, {self.expr(INT, sc, d)}, {self.safe_float(sc, d)}))"
        if k == 25: return f"'{{a}}-{{b!r:>6}}-{{a}}'.format(b={s()}, a={self.expr(self.pick(TYPES), sc, d)})"
        if k == 26: return f"str(sorted({{v % 4: v for v in {self.expr(LIST, sc, d)}}}.items()))"
        if k == 0: return f"({s()} + {s()})"
        if k == 1: return f"({s()} * {self.r.randint(0, 3)})"
        if k == 2: return f"str({self.expr(self.pick(TYPES), sc, d)})"
        if k == 3: return f"repr({self.expr(self.pick(TYPES), sc, d)})"
        if k == 4: return f"{s()}.{self.pick(['upper', 'lower', 'strip', 'title', 'capitalize', 'swapcase', 'casefold', 'lstrip', 'rstrip'])}()"
        if k == 5: return f"{s()}[{self.r.randint(-3, 3)}:{self.r.randint(-2, 6)}]"
        if k == 6: return f"{s()}[::{self.pick(['-1', '2', '-2'])}]"
        if k == 7:
            a, b = self.fexpr(self.pick(TYPES), sc, d), self.fexpr(self.pick(TYPES), sc, d)
            return f"f'{{{a}}}|{{{b}!r}}'"
        if k == 8: return f"f'{{{self.fexpr(INT, sc, d)}:{self.pick(['>8', '<5', '^7', ',', '_', 'x', '#o', '+', '08d', 'b'])}}}'"
        if k == 9: return f"f'{{{self.safe_float(sc, d)}:{self.pick(['.3f', '.2e', 'g', '>10.1f', '%', '.0f', '+.1f', 'n'])}}}'"
        if k == 10: return f"('%s/%d/%r' % ({s()}, {self.expr(INT, sc, d)}, {s()}))"
        if k == 11: return f"'{{}}-{{!r}}'.format({self.expr(self.pick(TYPES), sc, d)}, {s()})"
        if k == 12: return f"{self.pick(SEPS)}.join([str(v) for v in {self.expr(LIST, sc, d)}])"
        if k == 13: return f"{s()}.replace({self.pick(STR_LITS[1:6])}, {self.pick(STR_LITS[:4])})"
        if k == 14: return f"{s()}.{self.pick(['center', 'ljust', 'rjust', 'zfill'])}({self.r.randint(0, 12)})"
        if k == 15: return f"chr(65 + {self.expr(INT, sc, d)} % 26)"
        if k == 16: return f"{self.pick(['hex', 'oct', 'bin'])}({self.expr(INT, sc, d)})"
        if k == 17: return f"str({self.expr(LIST, sc, d)}[{self.r.randint(0, 3)}:])"
        if k == 18: return f"'|'.join({s()}.split({self.pick(['None', repr(','), repr(' ')])}))"
        if k == 19: return f"format({self.expr(self.pick([INT, FLOAT]), sc, d)}, {self.pick(['', '>6', '.2', 'e', '_'])!r})" if self.chance(0.5) else f"ascii({s()})"
        if k == 20:
            c = self.call_expr(STR, sc, d)
            if c: return c
        if k == 21: return f"str({self.expr(DICT, sc, d)})"
        return f"({s()} if {self.expr(BOOL, sc, d)} else {s()})"

    def e_bool(self, sc, d):
        k = self.r.randint(0, 13)
        if k == 12: return f"{self.pick(['any', 'all'])}(v {self.pick(['>', '<', '!='])} {self.expr(INT, sc, d)} for v in {self.expr(LIST, sc, d)})"
        if k == 13: return f"{self.set_lit()}.{self.pick(['issubset', 'isdisjoint', 'issuperset'])}({self.expr(LIST, sc, d)})"
        if k == 0:
            t = self.pick([INT, FLOAT, STR, LIST, TUPLE])
            op = self.pick(["==", "!=", "<", "<=", ">", ">="]) if t != TUPLE or self.chance(0.5) else "=="
            return f"({self.expr(t, sc, d)} {op} {self.expr(t, sc, d)})"
        if k == 1: return f"({self.expr(INT, sc, d)} < {self.expr(INT, sc, d)} <= {self.expr(INT, sc, d)})"
        if k == 2: return f"({self.expr(INT, sc, d)} in {self.expr(LIST, sc, d)})"
        if k == 3: return f"(not {self.expr(BOOL, sc, d)})"
        if k == 4: return f"({self.expr(BOOL, sc, d)} {self.pick(['and', 'or'])} {self.expr(BOOL, sc, d)})"
        if k == 5: return f"{self.expr(STR, sc, d)}.{self.pick(['isdigit', 'isalpha', 'isupper', 'islower', 'isspace', 'isidentifier', 'istitle', 'isalnum'])}()"
        if k == 6: return f"{self.expr(STR, sc, d)}.startswith({self.pick(STR_LITS[:5])})"
        if k == 7: return f"{self.pick(['all', 'any'])}({self.expr(LIST, sc, d)})"
        if k == 8: return f"({self.pick(['a', 'key', 'b', 'x'])!r} in {self.expr(DICT, sc, d)})"
        if k == 9: return f"isinstance({self.expr(self.pick(TYPES), sc, d)}, {self.pick(['int', 'str', 'float', '(list, tuple)', 'bool', 'dict'])})"
        if k == 10: return f"bool({self.expr(self.pick(TYPES), sc, d)})"
        return f"({self.expr(STR, sc, d)} in {self.expr(STR, sc, d)})"

    def e_list(self, sc, d):
        l = lambda: self.expr(LIST, sc, d)  # noqa: E731
        k = self.r.randint(0, 13)
        if k == 0: return f"({l()} + {l()})"
        if k == 1: return f"sorted({l()}{self.pick(['', ', reverse=True', ', key=lambda v: -v', ', key=abs'])})"
        if k == 2:
            v = self.fresh("v")
            sc2 = Scope(sc); sc2.vars[v] = INT
            cond = f" if {self.expr(BOOL, sc2, d + 1)}" if self.chance(0.4) else ""
            return f"[{self.expr(INT, sc2, d)} for {v} in {self.pick(['range(' + self.small() + ')', l()])}{cond}]"
        if k == 3: return f"{l()}[{self.r.randint(-3, 2)}:{self.r.randint(-1, 5)}:{self.pick(['1', '-1', '2', ''])}]"
        if k == 4: return f"list(range({self.r.randint(-3, 3)}, {self.r.randint(0, 8)}, {self.pick(['1', '2', '-1', '3'])}))"
        if k == 5: return f"list(map(lambda v: v {self.pick(['+', '*', '-', '%'])} {self.pick(['1', '2', '3'])}, {l()}))"
        if k == 6: return f"list(filter(lambda v: v % 2, {l()}))"
        if k == 7: return f"({l()} * {self.r.randint(0, 2)})"
        if k == 8: return f"[len(w) for w in {self.expr(STR, sc, d)}.split()]"
        if k == 9: return f"list({self.expr(DICT, sc, d)}.values())"
        if k == 10: return f"[a * b for a in {l()} for b in range({self.r.randint(0, 3)})]"
        if k == 11: return f"list(reversed({l()}))"
        if k == 12: return f"[i for i, _ in enumerate({self.expr(STR, sc, d)})]"
        return f"[{self.expr(INT, sc, d)}, {self.expr(INT, sc, d)}]"

    def e_dict(self, sc, d):
        k = self.r.randint(0, 5)
        if k == 0: return f"{{w: len(w) for w in {self.expr(STR, sc, d)}.split()}}"
        if k == 1: return f"dict(zip(['a', 'b', 'c'], {self.expr(LIST, sc, d)}))"
        if k == 2: return f"({self.expr(DICT, sc, d)} | {self.expr(DICT, sc, d)})"
        if k == 3: return f"{{str(i): i * i for i in range({self.small()})}}"
        if k == 4: return f"dict({self.expr(DICT, sc, d)}, q={self.expr(INT, sc, d)})"
        return f"{{{self.pick(['a', 'b', 'key'])!r}: {self.expr(INT, sc, d)}}}"

    def e_tuple(self, sc, d):
        k = self.r.randint(0, 5)
        if k == 0: return f"({self.expr(self.pick(TYPES), sc, d)}, {self.expr(self.pick(TYPES), sc, d)})"
        if k == 1: return f"tuple({self.expr(LIST, sc, d)})"
        if k == 2: return f"divmod({self.expr(self.pick([INT, FLOAT]), sc, d)}, {self.pick(['3', '-2', '2.5', '10**20'])})"
        if k == 3: return f"tuple({self.expr(DICT, sc, d)}.items())"
        if k == 4: return f"({self.expr(TUPLE, sc, d)} + {self.expr(TUPLE, sc, d)})"
        return f"{self.expr(STR, sc, d)}.partition({self.pick(SEPS)})"

    def err_expr(self, t, sc, d):
        """An expression that may (or surely will) raise."""
        i = lambda: self.expr(INT, sc, d + 1)  # noqa: E731
        opts = {
            INT: [f"({i()} // 0)", f"({i()} % {i()})", f"{self.expr(LIST, sc, d + 1)}[{i()}]",
                  f"{self.expr(DICT, sc, d + 1)}[{self.pick(['a', 'zz', 'nope'])!r}]", f"int({self.expr(STR, sc, d + 1)})",
                  f"({i()} + {self.pick(['None', repr('s'), '[]'])})", f"int({self.pick(FLOAT_LITS)})",
                  f"{self.expr(LIST, sc, d + 1)}.index({i()})", f"({i()} << -1)", f"max({self.expr(LIST, sc, d + 1)})",
                  f"{self.expr(STR, sc, d + 1)}.index('q')", f"len({i()})", f"round(float('nan'))",
                  f"({i()} ** -1)", f"ord({self.expr(STR, sc, d + 1)})", f"int('9' * 5000)"],
            FLOAT: [f"({self.expr(FLOAT, sc, d + 1)} / 0.0)", f"math.sqrt({self.expr(FLOAT, sc, d + 1)})",
                    f"math.log({self.expr(FLOAT, sc, d + 1)})", f"math.exp({self.expr(FLOAT, sc, d + 1)})",
                    f"(10.0 ** {self.pick(['400', '-400', '0.5'])})", f"float({self.expr(STR, sc, d + 1)})",
                    f"({self.pick(['0.0', '-0.0'])} ** -1)", f"(2 ** {self.pick(['1024.5', '10000'])} * 1.0)",
                    f"float(10 ** 400)", f"({self.expr(FLOAT, sc, d + 1)} % 0.0)"],
            STR: [f"{self.expr(STR, sc, d + 1)}[{i()}]", f"({self.expr(STR, sc, d + 1)} + {i()})",
                  f"chr({i()})", f"{self.expr(STR, sc, d + 1)}.format({i()})", f"('%d' % {self.expr(STR, sc, d + 1)})",
                  f"str(10 ** 5000)", f"({self.expr(STR, sc, d + 1)} * 1.5)"],
            BOOL: [f"({self.expr(INT, sc, d + 1)} < {self.expr(STR, sc, d + 1)})",
                   f"({self.expr(LIST, sc, d + 1)} < {self.expr(TUPLE, sc, d + 1)})",
                   f"({self.expr(STR, sc, d + 1)} in {self.expr(LIST, sc, d + 1)})", f"({i()} in {i()})"],
            LIST: [f"sorted([1, 'a', {i()}])", f"list({i()})", f"({self.expr(LIST, sc, d + 1)} + {self.expr(TUPLE, sc, d + 1)})",
                   f"{self.expr(LIST, sc, d + 1)}[::0]"],
            DICT: [f"dict({self.expr(LIST, sc, d + 1)})", f"{{[]: 1}}"],
            TUPLE: [f"divmod({i()}, 0)", f"tuple({i()})"],
        }
        return self.pick(opts[t])

    # -- statements --------------------------------------------------------
    def block(self, sc, ctx, ind, n, top=False):
        lines = []
        for _ in range(max(1, n)):
            if self.budget <= 0 and lines:
                break
            self.budget -= 1
            lines += self.stmt(sc, ctx, ind, top)
        return lines

    def stmt(self, sc, ctx, ind, top):
        p = "    " * ind
        r = self.r.random()
        depth_ok = ind < 5
        if top and (r < 0.12 or not sc.vars):
            if r < 0.015 and sc.vars:
                return self.s_unpack(sc, p)
            return self.s_newvar(sc, p)
        if r < 0.22:
            return self.s_print(sc, p)
        if r < 0.30:
            return self.s_assign(sc, p)
        if r < 0.36:
            return self.s_mutate(sc, p)
        if r < 0.44 and depth_ok:
            return self.s_if(sc, ctx, ind)
        if r < 0.54 and depth_ok:
            return self.s_loop(sc, ctx, ind)
        if r < 0.70 and depth_ok:
            return self.s_try(sc, ctx, ind)
        if r < 0.76 and top and depth_ok and ind < 3:
            return self.s_def(sc, ctx, ind)
        if r < 0.80:
            return self.s_raise(sc, ctx, p)
        if r < 0.86 and ctx.get("loop"):
            return self.s_jump(sc, ctx, p)
        if r < 0.90 and ctx.get("func"):
            return [p + f"if {self.expr(BOOL, sc)}:", p + f"    return {self.expr(ctx['func'], sc)}"]
        if r < 0.915:
            return [p + f"assert {self.expr(BOOL, sc)}, {self.expr(STR, sc)}"]
        if r < 0.96 and sc.nonlocals:
            n = self.pick(sorted(sc.nonlocals))
            return [p + f"{n} += 1"]
        return self.s_print(sc, p)

    def s_newvar(self, sc, p):
        t = self.pick(TYPES)
        name = self.fresh(t[0])
        line = p + f"{name} = _c({self.expr(t, sc)})"
        sc.vars[name] = t
        return [line]

    def s_print(self, sc, p):
        k = self.r.randint(1, 3)
        args = ", ".join(self.expr(self.pick(TYPES), sc) for _ in range(k))
        extra = self.pick(["", "", "", ", sep='|'", ", end=';\\n'"])
        return [p + f"print({args}{extra})"]

    def s_assign(self, sc, p):
        t = self.pick(TYPES)
        names = sc.writable(t)
        if not names:
            return self.s_print(sc, p)
        n = self.pick(names)
        if t in (INT, STR, LIST, FLOAT) and self.chance(0.4):
            op = {INT: self.pick(["+=", "-=", "*=", "//=", "%=", "|=", "^="]), STR: "+=", LIST: "+=",
                  FLOAT: self.pick(["+=", "*=", "-="])}[t]
            rhs = self.expr(t, sc) if op not in ("//=", "%=") else self.nonzero(sc, 0)
            return [p + f"{n} {op} {rhs}", p + f"{n} = _c({n})"]
        if t == TUPLE and self.chance(0.3) and len(sc.writable(INT)) >= 2:
            a, b = self.r.sample(sc.writable(INT), 2)
            return [p + f"{a}, {b} = {b}, {a}"]
        return [p + f"{n} = _c({self.expr(t, sc)})"]

    def s_mutate(self, sc, p):
        ls, ds = sc.writable(LIST), sc.writable(DICT)
        if ls and (not ds or self.chance(0.5)):
            n = self.pick(ls)
            k = self.r.randint(0, 6)
            if k == 0: return [p + f"{n}.append({self.expr(INT, sc)})", p + f"{n} = _c({n})"]
            if k == 1: return [p + f"if {n}:", p + f"    print('pop', {n}.pop())"]
            if k == 2: return [p + f"{n}.sort()"]
            if k == 3: return [p + f"{n}[{self.r.randint(-2, 2)}] = {self.expr(INT, sc)}"]
            if k == 4: return [p + f"{n}.extend({self.expr(LIST, sc)})", p + f"{n} = _c({n})"]
            if k == 5:
                if self.chance(0.5):
                    return [p + f"{n}[{self.r.randint(0, 2)}:{self.r.randint(0, 4)}] = {self.expr(LIST, sc)}", p + f"{n} = _c({n})"]
                return [p + f"del {n}[{self.pick([':2', '::2', '1::3', '-1:'])}]"]
            return [p + f"{n}.insert({self.r.randint(-1, 3)}, {self.expr(INT, sc)})", p + f"{n} = _c({n})"]
        if ds:
            n = self.pick(ds)
            k = self.r.randint(0, 3)
            key = self.pick(["'a'", "'b'", "'key'", "'zz'"])
            if k == 0: return [p + f"{n}[{key}] = {self.expr(INT, sc)}"]
            if k == 1: return [p + f"{n}.pop({key}, None)"]
            if k == 2: return [p + f"{n}.setdefault({key}, {self.expr(INT, sc)})"]
            return [p + f"del {n}[{key}]"]
        return self.s_print(sc, p)

    def s_if(self, sc, ctx, ind):
        p = "    " * ind
        out = [p + f"if {self.expr(BOOL, sc)}:"] + self.block(sc, ctx, ind + 1, self.r.randint(1, 3))
        for _ in range(self.r.randint(0, 2)):
            out += [p + f"elif {self.expr(BOOL, sc)}:"] + self.block(sc, ctx, ind + 1, self.r.randint(1, 2))
        if self.chance(0.5):
            out += [p + "else:"] + self.block(sc, ctx, ind + 1, self.r.randint(1, 2))
        return out

    def s_loop(self, sc, ctx, ind):
        p = "    " * ind
        c2 = dict(ctx, loop=True, finally_=False)
        if self.chance(0.6):
            v = self.fresh("i")
            kind = self.r.randint(0, 4)
            v2 = None
            if kind == 0:
                it, vt = f"range({self.r.randint(0, 5)})", INT
            elif kind == 1:
                it, vt = f"range({self.r.randint(-2, 2)}, {self.r.randint(0, 6)})", INT
            elif kind == 2:
                it, vt = self.expr(LIST, sc, 2), INT
            elif kind == 3:
                it, vt = self.expr(STR, sc, 2), STR
            else:
                it, vt = f"{self.expr(DICT, sc, 2)}.items()", INT
                v2 = self.fresh("k")
            if v2:
                head = p + f"for {v2}, {v} in {it}:"
                sc.vars[v2] = STR
            else:
                head = p + f"for {v} in {it}:"
            sc.vars[v] = vt
            # the loop variable may be unbound after an empty loop: readable
            # only in the body
            body = self.block(sc, c2, ind + 1, self.r.randint(1, 4))
            sc.vars.pop(v, None)
            if v2:
                sc.vars.pop(v2, None)
            out = [head] + body
        else:
            w = self.fresh("w")
            lim = self.r.randint(0, 5)
            out = [p + f"{w} = 0", p + f"while {w} < {lim}:", p + f"    {w} += 1"]
            out += self.block(sc, c2, ind + 1, self.r.randint(1, 4))
        if self.chance(0.3):
            out += [p + "else:"] + self.block(sc, ctx, ind + 1, self.r.randint(1, 2))
        return out

    def s_jump(self, sc, ctx, p):
        j = self.pick(["break", "continue"])
        if self.chance(0.7):
            return [p + f"if {self.expr(BOOL, sc)}:", p + f"    {j}"]
        return [p + j]

    def s_raise(self, sc, ctx, p):
        if ctx.get("handler") and self.chance(0.4):
            if self.chance(0.5):
                return [p + "raise"]
            return [p + f"raise {self.pick(EXC_TYPES)}({self.expr(STR, sc)}) from {self.pick([ctx['handler'], 'None'])}"]
        exc = self.pick(EXC_TYPES)
        if self.chance(0.15):
            return [p + f"if {self.expr(BOOL, sc)}:",
                    p + f"    raise {exc}({self.expr(STR, sc)}) from {self.pick(EXC_TYPES)}({self.expr(INT, sc)})"]
        arg = self.expr(self.pick([STR, INT]), sc) if self.chance(0.8) else ""
        return [p + f"if {self.expr(BOOL, sc)}:", p + f"    raise {exc}({arg})"]

    def s_try(self, sc, ctx, ind):
        p = "    " * ind
        out = [p + "try:"] + self.block(sc, ctx, ind + 1, self.r.randint(1, 4))
        nexc = self.r.randint(0, 2)
        has_finally = nexc == 0 or self.chance(0.5)
        names = []
        for _ in range(nexc):
            e = self.fresh("e")
            cs = self.pick(CATCH_SETS)
            if self.chance(0.8):
                names.append(e)
                out.append(p + f"except {cs} as {e}:")
                out.append(p + f"    print('caught', type({e}).__name__, {e}, repr({e}))")
                c2 = dict(ctx, handler=e)
            else:
                out.append(p + f"except {cs}:")
                out.append(p + f"    print('caught', {cs!r})")
                c2 = dict(ctx, handler="None")
            if self.chance(0.6):
                out += self.block(sc, c2, ind + 1, self.r.randint(1, 2))
        if nexc and self.chance(0.3):
            out += [p + "else:"] + self.block(sc, ctx, ind + 1, self.r.randint(1, 2))
        if has_finally:
            c2 = dict(ctx, finally_=True)
            out += [p + "finally:", p + "    print('finally', " + repr(self.fresh("f")) + ")"]
            if self.chance(0.7):
                out += self.block(sc, c2, ind + 1, self.r.randint(1, 2))
            if ctx.get("func") and self.chance(0.15):
                out += [p + f"    return {self.expr(ctx['func'], sc)}"]
            elif ctx.get("loop") and self.chance(0.15):
                out += [p + f"    {self.pick(['break', 'continue'])}"]
        if names and self.chance(0.12):
            # a handler's name is unbound after the handler (NameError at
            # module level, UnboundLocalError in a function)
            e = self.pick(names)
            ee = self.fresh("e")
            out += [p + "try:", p + f"    print({e})", p + f"except NameError as {ee}:",
                    p + f"    print('unbound', type({ee}).__name__, {ee})"]
        return out

    def s_def(self, sc, ctx, ind):
        p = "    " * ind
        name = self.fresh("fn")
        params = [self.pick(TYPES) for _ in range(self.r.randint(0, 3))]
        ret = self.pick(TYPES)
        fsc = Scope(sc, is_func=True)
        pnames = []
        for t in params:
            n = self.fresh("p")
            pnames.append(n)
            fsc.vars[n] = t
        plist = list(pnames)
        ndef = self.r.randint(0, len(params)) if self.chance(0.3) else 0
        for k in range(len(params) - ndef, len(params)):
            plist[k] += "=" + self.lit(params[k])
        rest = None
        if self.chance(0.15):
            rest = self.fresh("rest")
            plist.append("*" + rest)
            fsc.vars[rest] = TUPLE
        head = p + f"def {name}({', '.join(plist)}):"
        body = []
        # a closure counter over an enclosing function's local, or (whole
        # programs, module-level functions) a global counter
        if sc.is_func and self.chance(0.5):
            cands = sc.writable(INT)
            if cands:
                nl = self.pick(cands)
                body.append(p + f"    nonlocal {nl}")
                fsc.nonlocals.add(nl)
        elif not self.wrapped and sc.parent is None and self.chance(0.4):
            cands = sc.writable(INT)
            if cands:
                gl = self.pick(cands)
                body.append(p + f"    global {gl}")
                fsc.nonlocals.add(gl)
        c2 = {"func": ret, "loop": False, "handler": None, "finally_": False}
        body += self.block(fsc, c2, ind + 1, self.r.randint(1, 5), top=True)
        body.append(p + f"    return {self.expr(ret, fsc)}")
        sc.funcs[name] = (params, ret)
        args = [self.expr(t, sc) for t in params]
        if ndef and self.chance(0.5):
            args = args[:len(params) - self.r.randint(1, ndef)]
        elif params and not rest and self.chance(0.3):
            # keyword arguments, in a shuffled order
            kw = [f"{pnames[k]}={args[k]}" for k in range(len(params))]
            self.r.shuffle(kw)
            args = kw
        elif rest:
            args += [self.lit(self.pick([INT, STR])) for _ in range(self.r.randint(0, 3))]
        call = p + f"print({name!r}, {name}(" + ", ".join(args) + "))"
        return [head] + body + [call]

    def s_unpack(self, sc, p):
        a, b = self.fresh("i"), self.fresh("l")
        line = p + f"{a}, *{b} = {self.expr(LIST, sc)}"
        sc.vars[a], sc.vars[b] = INT, LIST
        return [line]


def generate(seed: int, wrapped: bool = False, size: int | None = None) -> str:
    """A random program for `seed`. wrapped=True: no prelude and no global
    statements, so the body can be indented into a function (batch mode);
    the caller adds PRELUDE once."""
    rng = random.Random(seed)
    g = Gen(rng, wrapped, size or rng.randint(8, 40))
    sc = Scope(None, is_func=wrapped)
    ctx = {"func": None, "loop": False, "handler": None, "finally_": False}
    lines = []
    while g.budget > 0:
        g.budget -= 1
        st = g.stmt(sc, ctx, 0, True)
        if not wrapped and rng.random() < 0.5 and not st[0].startswith(("def ", "import")) \
                and " = " not in st[0]:
            # most top-level statements are guarded so the program lives on
            e = g.fresh("e")
            st = ["try:"] + ["    " + ln for ln in st] + [
                f"except Exception as {e}:", f"    print('top', type({e}).__name__, {e})"]
        lines += st
    lines.append("print('done')")
    body = "\n".join(lines) + "\n"
    return body if wrapped else PRELUDE + body


BATTERY_SHARE = 0.25  # share of batch programs that are expression batteries
FEATURE_SHARE = 0.3   # share of batch programs that are feature snippets (feat.py)


def batch(seeds, size=None) -> tuple[str, list[str]]:
    """One program running every seed's body inside its own function, each
    call guarded by try/except BaseException printing the exception, with a
    marker line after each. BATTERY_SHARE of the bodies are expression
    batteries (battery()), FEATURE_SHARE feature snippets (feat.feature():
    classes, generators, try/finally exits, with, match, formatting, ...). Returns (source, [bodies])."""
    parts, bodies = [PRELUDE], []
    for s in seeds:
        k = random.Random(s ^ 0x5EED).random()
        if k < BATTERY_SHARE:
            body = battery(s)
        elif k < BATTERY_SHARE + FEATURE_SHARE:
            body = feature(s)
        else:
            body = generate(s, wrapped=True, size=size)
        bodies.append(body)
        parts.append(wrap_one(s, body))
    return "".join(parts), bodies


def wrap_one(seed, body: str) -> str:
    ind = "".join("    " + ln + "\n" if ln else "\n" for ln in body.splitlines())
    return (f"def _p{seed}():\n{ind}"
            f"try:\n    _p{seed}()\nexcept BaseException as _e:\n"
            f"    print('!!', type(_e).__name__, _e)\n"
            f"print('== end {seed}')\n")


# ---------------------------------------------------------------------------
# Expression batteries: many independent expressions over mixed values, each
# printed as repr (or as the exception it raises). They aim at the exactness
# promises: int/float arithmetic incl. big and negative operands, float repr,
# formatting, math, str methods with arguments, builtins with keywords.

NUMS = ["0", "1", "-1", "2", "-3", "7", "10", "-10", "255", "2**31", "-(2**31)", "2**63 - 1", "-(2**63)",
        "2**64", "-(2**64) + 1", "10**20", "-(10**25) - 7", "3**50", "12345678901234567890123",
        "0.0", "-0.0", "0.5", "-2.5", "1.5", "0.1", "1e16", "1e-7", "123.456", "-1e300", "1e308",
        "2.0**53", "float('inf')", "float('-inf')", "math.pi", "True", "False", "7.0", "-0.75"]
STRS = ["''", "'a'", "'abc'", "'Hello, World'", "'  spaced out  '", "'a,b,,c'", "'x\\ty'", "'\\u00e9l\\u00e8ve'",
        "'\\u0130i'", "'ß'", "'ǅ'", "'12'", "'-3'", "'1_000'", "' 0x1f '", "('ab' * 3)", "'line\\nnext\\r\\nlast'",
        "'Title of a BOOK'", "'o\\'neil'", "'tab\\tbed'", "'\\U0001f600x'", "'ﬁ'", "'0b101'", "'İ'"]
NUM_UNOPS = ["-{a}", "+{a}", "abs({a})", "~{a}", "int({a})", "float({a})", "round({a})", "round({a}, 2)",
             "round({a}, -1)", "math.floor({a})", "math.ceil({a})", "math.trunc({a})", "bool({a})",
             "str({a})", "repr({a})", "hex({a})", "oct({a})", "bin({a})", "math.sqrt({a})", "math.isqrt({a})",
             "math.exp({a})", "math.log({a})", "math.log2({a})", "math.log10({a})", "math.log1p({a})",
             "math.factorial({a})", "math.frexp({a})", "math.modf({a})", "math.fabs({a})", "math.isfinite({a})",
             "math.atan({a})", "math.tanh({a})", "math.erf({a})", "math.gamma({a})", "math.lgamma({a})",
             "format({a}, '.3g')", "format({a}, '+.2e')", "format({a}, ',')", "format({a}, '_x')",
             "format({a}, '>12.4f')", "format({a}, '%')", "format({a}, '#b')", "format({a}, '08.3f')",
             "format({a}, 'n')", "'%d' % {a}", "'%.3f' % {a}", "'%r|%s' % ({a}, {a})", "'%x' % {a}",
             "'%10.4g' % {a}", "'%e' % {a}", "f'{{{a}!r:>20}}'", "f'{{{a}:^11}}'", "chr({a})",
             "divmod({a}, 7)", "pow({a}, 2)", "abs({a}) ** 0.5", "int(str({a}))", "float(repr({a}))",
             "hash({a}) == hash({a})", "(lambda v: v * v)({a})", "[{a}] * 2", "({a},) * 2"]
NUM_BINOPS = ["{a} + {b}", "{a} - {b}", "{a} * {b}", "{a} / {b}", "{a} // {b}", "{a} % {b}", "{a} ** {b}",
              "{a} << {b}", "{a} >> {b}", "{a} & {b}", "{a} | {b}", "{a} ^ {b}", "{a} < {b}", "{a} == {b}",
              "{a} >= {b}", "divmod({a}, {b})", "pow({a}, {b})", "pow({a}, {b}, 97)", "pow({a}, -1, {b})",
              "math.fmod({a}, {b})", "math.atan2({a}, {b})", "math.hypot({a}, {b})", "math.copysign({a}, {b})",
              "math.ldexp({a}, {b})", "math.gcd({a}, {b})", "math.lcm({a}, {b})", "math.comb({a}, {b})",
              "math.perm({a}, {b})", "math.isclose({a}, {b})", "max({a}, {b})", "min({a}, {b}, key=abs)",
              "round({a}, {b})", "sum([{a}, {b}], 0.5)", "math.fsum([{a}, {b}, -({a})])", "math.prod([{a}, {b}])",
              "[{a}, {b}] < [{b}, {a}]", "({a}, {b}) == ({b}, {a})", "sorted([{a}, {b}, 0])",
              "{a} if {a} > {b} else {b}", "{a} and {b}", "{a} or {b}", "not {a}", "{a} < {b} < 100",
              "range({a}, {b})[1:3]", "len(range({a}, {b}, 3))", "list(range({a}, {b}))[-2:]",
              "{a} in range({b})", "{{{a}: 1, {b}: 2}}", "{{{a}, {b}}}"]
STR_OPS = ["{s}.split()", "{s}.split(',')", "{s}.split(',', 1)", "{s}.rsplit(None, 1)", "{s}.splitlines()",
           "{s}.splitlines(True)", "{s}.partition(',')", "{s}.rpartition('l')", "{s}.strip('a ')",
           "{s}.center(15, '*')", "{s}.ljust(9, '.')", "{s}.rjust(3)", "{s}.zfill(8)", "{s}.expandtabs(4)",
           "{s}.title()", "{s}.capitalize()", "{s}.swapcase()", "{s}.casefold()", "{s}.upper()", "{s}.lower()",
           "{s}.count('a', 1)", "{s}.find('l', 2, 8)", "{s}.rfind('o')", "{s}.index('a')", "{s}.rindex('b')",
           "{s}.startswith(('a', 'H'))", "{s}.endswith('d', 0, 5)", "{s}.replace('a', 'XY', 1)",
           "{s}.removeprefix('He')", "{s}.removesuffix('ld')", "{s}.isidentifier()", "{s}.isnumeric()",
           "{s}.isdecimal()", "{s}.isprintable()", "{s}.istitle()", "{s}.isspace()", "{s}.isascii()",
           "'-'.join({s})", "{s}[::-1]", "{s}[1:-1:2]", "{s}[5]", "{s} * 2", "{s} + {t}", "{s} < {t}",
           "{s} in {t}", "{s}.join([{t}, {t}])", "sorted({s})", "list(reversed({s}))", "len({s})",
           "int({s})", "int({s}, 0)", "int({s}, 16)", "float({s})", "ord({s})", "repr({s})", "ascii({s})",
           "str({s})", "{s}.format(1, 2)", "{s} % ()", "'{{0!r:^10}}|{{1}}'.format({s}, {t})",
           "f'{{{s}!a}}'", "f'{{{s}:>10}}'", "f'{{{s}=}}'", "{s}.translate({{97: 'A', 98: None}})",
           "max({s}, {t}, key=len)", "min({s}, default='z')", "list(enumerate({s}, 1))[:3]",
           "list(zip({s}, {t}))", "dict.fromkeys({s}, 0)", "{{c: {s}.count(c) for c in {s}}}",
           "set({s}) == set({t})"]


# Templates whose cost explodes with big operands (CPython would run for
# hours): their operands come from SMALL.
EXPENSIVE = ("**", "<<", "pow({a}, {b})", "factorial", "comb", "perm", "range(", "round({a}, {b})",
             "ldexp")
SMALL = ["0", "1", "2", "3", "5", "-1", "-2", "7", "10", "33", "0.5", "2.5", "-0.5", "True", "64"]


SMALL_INT = ["0", "1", "2", "3", "5", "-1", "-2", "7", "10", "33", "True", "64"]


def _operand(r, tpl, which="a"):
    if which == "b" and ("**" in tpl or "pow({a}, {b})" in tpl):
        return r.choice(SMALL_INT)  # no fractional powers of negatives (complex)
    return r.choice(SMALL) if any(x in tpl for x in EXPENSIVE) else r.choice(NUMS)


def battery(seed: int, n: int | None = None) -> str:
    """A program of `n` independent expressions, each printed as its repr or
    as the exception it raises (type and message)."""
    r = random.Random(seed * 7919 + 17)
    n = n or r.randint(20, 60)
    lines = []
    for _ in range(n):
        k = r.random()
        if k < 0.3:
            tpl = r.choice(NUM_UNOPS)
            vals = {"a": _operand(r, tpl)}
        elif k < 0.7:
            tpl = r.choice(NUM_BINOPS)
            vals = {"a": _operand(r, tpl), "b": _operand(r, tpl, "b")}
        else:
            tpl, vals = r.choice(STR_OPS), {"s": r.choice(STRS), "t": r.choice(STRS)}
        # operands inline (constant folding) or through variables (the VM's
        # paths; always for f-strings, whose fields cannot hold quotes)
        inline = "f'" not in tpl and r.random() < 0.5
        pre = [] if inline else [f"{name}_ = {v}" for name, v in vals.items()]
        e = tpl.format(**(vals if inline else {name: name + "_" for name in vals}))
        if k >= 0.3 and k < 0.7 and r.random() < 0.3:  # nest once
            t2 = r.choice(NUM_BINOPS)
            if any(x in t2 for x in EXPENSIVE):
                t2 = "{a} + {b}"
            e = t2.format(a=f"({e})", b=r.choice(NUMS))
        lines += ["try:"] + ["    " + x for x in pre] + [f"    print(repr({e}))", "except Exception as e:",
                                                           "    print(type(e).__name__, e)"]
    lines.append("print('done')")
    return "\n".join(lines) + "\n"
