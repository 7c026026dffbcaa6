"""Feature programs: randomised snippets over the parts of the language the
typed expression grammar (gen.py) does not reach: classes with inheritance,
super(), properties and dunders; generators, yield from, send/throw/close;
closures and nonlocal; try/except/else/finally with every way out at every
nesting level; with-statements; comprehension scopes; f-string format
specs; str/bytes/list/dict/set methods with arguments; exception messages;
match statements; call binding (*args/**kwargs, defaults, keyword-only)
and its TypeErrors; sorted/min/max with key; number edge cases.

    from progfuzz.feat import feature
    body = feature(seed)   # a body safe to indent into a def (no globals)

Every snippet runs inside try/except Exception printing the type and
message, so one failure does not hide the rest. Same guarantees as gen.py:
terminating, deterministic (no id/hash/str-set order, no addresses: a
class's repr is always overridden or never printed), no deliberate
differences of docs/language.md.
"""

from __future__ import annotations

import random

# ---------------------------------------------------------------------------
# small value pools

INTS = ["0", "1", "-1", "2", "3", "7", "-5", "10", "255", "2**64", "-(2**70)", "10**20", "True"]
FLOATS = ["0.0", "-0.0", "0.5", "1.5", "-2.5", "0.1", "1e16", "1e-5", "123.456", "2.675",
          "float('inf')", "float('-inf')", "float('nan')", "1e300", "-1234.5678", "3.0"]
STRS = ["''", "'a'", "'abc'", "'Hello World'", "'  x y  '", "'a,b,,c'", "'\\u00e9t\\u00e9'", "'ß'",
        "'x\\ty'", "'L1\\nL2\\r\\nL3'", "'MiXeD'", "'123'", "'İ'", "'\\U0001f600'", "\"it's\""]
BYTES = ["b''", "b'abc'", "b'Hello World'", "b'a,b,,c'", "b'\\x00\\xff'", "b'  pad '", "bytes(3)",
         "bytearray(b'xyz')", "b'123'"]
LISTS = ["[]", "[1]", "[3, 1, 2]", "[1, 2, 2, 3]", "[-1, 5, 0, 5]", "list(range(6))", "['b', 'a', 'c']",
         "[(1, 'b'), (0, 'a'), (1, 'a')]", "[[1], [0, 2], []]"]
DICTS = ["{}", "{'a': 1}", "{'a': 1, 'b': 2}", "{1: 'x', 2: 'y', 3: 'z'}", "{'k': [1, 2], 'j': None}",
         "dict(a=3, c=1)", "{(1, 2): 'pair', 0: 0}"]
SETS = ["set()", "{1, 2, 3}", "{0}", "{-1, 5, 9}", "frozenset({2, 3})", "set(range(4))"]
ANY = INTS[:8] + FLOATS[:6] + STRS[:6] + LISTS[:5] + DICTS[:3] + ["None", "(1, 'a')", "()", "(2,)"]
EXCS = ["ValueError", "TypeError", "KeyError", "IndexError", "RuntimeError", "ZeroDivisionError",
        "AttributeError", "LookupError", "ArithmeticError", "StopIteration", "NotImplementedError"]

GUARD = ["try:", None, "except Exception as _e:", "    print('!', type(_e).__name__, _e)"]


def guard(lines):
    """Lines wrapped in try/except Exception printing the exception."""
    return ["try:"] + ["    " + ln for ln in lines] + GUARD[2:]


def ind(lines, n=1):
    return ["    " * n + ln if ln else ln for ln in lines]


class F:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.n = 0

    def fresh(self, p):
        self.n += 1
        return f"{p}{self.n}"

    def pick(self, s):
        return self.r.choice(s)

    def chance(self, p):
        return self.r.random() < p

    # -- classes -------------------------------------------------------------
    def s_classes(self):
        r = self.r
        base, mid, leaf = self.fresh("Base"), self.fresh("Mid"), self.fresh("Leaf")
        L = []
        # a base with __init__, a property, __repr__ and some dunders
        L += [f"class {base}:",
              f"    kind = {self.pick(STRS)}",
              "    count = 0",
              "    def __init__(self, v, w=2):",
              "        self.v = v",
              "        self._w = w",
              f"        {base}.count += 1",
              "    @property",
              "    def w(self):",
              "        return self._w * 2",
              "    @w.setter",
              "    def w(self, x):",
              "        if x < 0:",
              "            raise ValueError('negative ' + str(x))",
              "        self._w = x",
              "    def __repr__(self):",
              "        return f'{type(self).__name__}({self.v!r}, {self._w!r})'",
              "    def describe(self):",
              "        return 'base:' + str(self.v)",
              "    @classmethod",
              "    def make(cls, v):",
              "        return cls(v, 1)",
              "    @staticmethod",
              "    def twice(x):",
              "        return x * 2"]
        dunders = r.sample([
            ["    def __eq__(self, o):", "        return isinstance(o, " + base + ") and self.v == o.v"],
            ["    def __lt__(self, o):", "        return self.v < o.v"],
            ["    def __len__(self):", "        return abs(self.v) % 7"],
            ["    def __bool__(self):", "        return self.v != 3"],
            ["    def __add__(self, o):", f"        if not isinstance(o, {base}):", "            return NotImplemented",
             "        return type(self)(self.v + o.v)"],
            ["    def __radd__(self, o):", "        return type(self)(o + self.v)"],
            ["    def __getitem__(self, i):", "        return [self.v, self._w, 'z'][i]"],
            ["    def __contains__(self, x):", "        return x == self.v"],
            ["    def __iter__(self):", "        yield self.v", "        yield self._w"],
            ["    def __call__(self, *a, **k):", "        return (self.v, a, sorted(k.items()))"],
            ["    def __hash__(self):", "        return hash(self.v)"],
            ["    def __str__(self):", "        return 'S<' + str(self.v) + '>'"],
            ["    def __neg__(self):", "        return type(self)(-self.v)"],
            ["    def __getattr__(self, name):", "        if name.startswith('dyn'):", "            return name.upper()",
             "        raise AttributeError(name)"],
            ["    def __format__(self, spec):", "        return 'F[' + spec + ']'"],
            ["    def __int__(self):", "        return int(self.v)"],
            ["    def __index__(self):", "        return int(self.v)"],
            ["    def __setattr__(self, k, val):", "        if k == 'frozen':", "            raise AttributeError('no ' + k)",
             "        object.__setattr__(self, k, val)"],
        ], r.randint(2, 7))
        for d in dunders:
            L += d
        # a middle class overriding with super()
        L += [f"class {mid}({base}):",
              "    def __init__(self, v, w=3, extra='e'):",
              "        super().__init__(v, w)",
              "        self.extra = extra",
              "    def describe(self):",
              "        return 'mid:' + super().describe()"]
        if self.chance(0.5):
            L += ["    @property", "    def w(self):", "        return -1"]
        if self.chance(0.4):
            L += ["    __slots__ = ()"] if False else []
        L += [f"class {leaf}({mid}):",
              f"    kind = {self.pick(STRS)}",
              "    def describe(self):",
              "        return 'leaf:' + super().describe() + ':' + self.kind"]
        if self.chance(0.4):
            L += ["    def __init_subclass__(cls, **kw):", "        super().__init_subclass__(**kw)"]
        v = self.pick(["1", "3", "-2", "'s'", "2.5", "10**20", "[1]"])
        a, b, c = self.fresh("a"), self.fresh("b"), self.fresh("c")
        L += [f"{a} = {base}({v})", f"{b} = {mid}(3, 4)", f"{c} = {leaf}.make(5)"]
        ops = [f"repr({a})", f"repr({b})", f"repr({c})", f"{c}.describe()", f"{b}.describe()",
               f"{a}.w", f"{b}.w", f"{c}.w", f"{leaf}.kind", f"{mid}.kind", f"{base}.count",
               f"{leaf}.twice(4)", f"{c}.twice('ab')", f"isinstance({c}, {base})",
               f"issubclass({leaf}, {mid})", f"issubclass({base}, {leaf})",
               f"[k.__name__ for k in {leaf}.__mro__]", f"{leaf}.__name__", f"{leaf}.__bases__[0].__name__",
               f"type({c}) is {leaf}", f"{a} == {base}({v})", f"{a} != {b}", f"{b} < {c}", f"sorted([{c}, {b}])",
               f"len({b})", f"bool({a})", f"{a} + {b}", f"1 + {b}", f"{b} + 1", f"{b}[1]", f"{b}[5]",
               f"3 in {b}", f"list({c})", f"{b}(1, 2, z=3)", f"str({c})", f"f'{{{b}:>5}}'", f"format({c}, 'x')",
               f"-{b}", f"{b}.dynamic", f"{b}.missing", f"{b}.extra", f"getattr({c}, 'nope', 'dflt')",
               f"hasattr({c}, 'describe')", f"vars({a})", f"{a}.__dict__", f"int({b})", f"[10, 20, 30, 40][{b}]",
               f"{base}.describe({c})", f"super({leaf}, {c}).describe()", f"{c}.__class__.__name__",
               f"{base}.w.__class__.__name__", f"callable({a})", f"{b} * 2", f"{b} < 1", f"{a} <= {a}",
               f"setattr({b}, 'frozen', 1)", f"delattr({b}, 'extra')", f"{b}.extra"]
        for e in r.sample(ops, r.randint(6, 16)):
            L += guard([f"print({e})"])
        stmts = [[f"{a}.w = {self.pick(['5', '-1', '0'])}", f"print({a}.w, {a}._w)"],
                 [f"{c}.v += 1", f"print({c}.v, {c}.describe())"],
                 [f"del {b}.extra", f"print(hasattr({b}, 'extra'))"],
                 [f"{base}.kind = 'changed'", f"print({a}.kind, {c}.kind, {b}.kind)"],
                 [f"{mid}.describe = lambda self: 'patched'", f"print({b}.describe(), {c}.describe())"],
                 [f"{c}.newattr = [1]", f"print({c}.newattr, sorted(vars({c})))"]]
        for s in r.sample(stmts, r.randint(0, 3)):
            L += guard(s)
        return L

    # -- generators ----------------------------------------------------------
    def s_generators(self):
        r = self.r
        g, sub, h = self.fresh("gen"), self.fresh("sub"), self.fresh("g")
        n = r.randint(0, 4)
        L = [f"def {sub}(n):",
             "    try:",
             "        for i in range(n):",
             "            got = yield i * 10",
             "            if got is not None:",
             "                print('sub got', got)",
             "                if got == 'boom':",
             "                    raise ValueError('sub boom')",
             f"        return {self.pick(['n', repr('ret'), 'None', '(n, n)'])}",
             "    finally:",
             "        print('sub finally', n)"]
        body = self.pick([
            ["    r = yield from " + sub + "(n)", "    print('sub returned', r)", "    yield 'after'"],
            ["    for x in range(n):", "        try:", "            yield x", "        except KeyError as e:",
             "            print('caught in gen', repr(e))", "            yield 'recovered'", "    return 'end'"],
            ["    try:", "        yield 1", "        yield 2", "    except GeneratorExit:", "        print('closing')",
             "        raise", "    finally:", "        print('gen finally')"],
            ["    total = 0", "    while True:", "        v = yield total", "        if v is None:", "            return total",
             "        total += v"],
            ["    yield from [n, n + 1]", "    yield from (c for c in 'ab')", "    yield from range(n)"],
            ["    x = yield", "    print('first', x)", "    while x:", "        x = yield x - 1"],
        ])
        L += [f"def {g}(n):"] + body
        ops = self.r.sample([
            [f"print(list({g}({n})))"],
            [f"{h} = {g}({n})", f"print(next({h}, 'dflt'), next({h}, 'dflt'))", f"print(list({h}))"],
            [f"{h} = {g}({n})", f"print(next({h}))", f"print({h}.send(5))", f"print({h}.send('boom'))"],
            [f"{h} = {g}({n})", f"print(next({h}))", f"print({h}.throw(KeyError('k')))", f"print(next({h}))"],
            [f"{h} = {g}({n})", f"print(next({h}))", f"print({h}.close())", f"print(list({h}))"],
            [f"{h} = {g}({n})", f"print({h}.send(1))"],
            [f"{h} = {g}({n})", f"print(next({h}))", f"{h}.throw(ValueError)"],
            [f"for v in {g}({n}):", "    print('it', v)", "    if v == 10:", "        break"],
            [f"print(sum(x for x in {sub}({n})))"],
            [f"{h} = {sub}({n})", f"print(next({h}), {h}.send('boom'))"],
            [f"{h} = {g}({n})", f"print([next({h}) for _ in range(3)])"],
            [f"print(sorted({g}({n}), key=str))"],
            [f"{h} = (x * x for x in range({n}) if x % 2 == 0)", f"print(next({h}, None), list({h}), list({h}))"],
            [f"print(list(zip({g}({n}), {sub}(3))))"],
            [f"{h} = {g}({n})", f"print(type({h}).__name__, {g}.__name__)"],
        ], r.randint(2, 5))
        for o in ops:
            L += guard(o)
        return L

    # -- closures --------------------------------------------------------------
    def s_closures(self):
        f, c = self.fresh("outer"), self.fresh("cnt")
        L = [f"def {f}(start):",
             "    total = start",
             "    hist = []",
             "    def inc(k=1):",
             "        nonlocal total",
             "        total += k",
             "        hist.append(total)",
             "        return total",
             "    def get():",
             "        return total, list(hist)",
             "    def reset():",
             "        nonlocal total, hist",
             "        total, hist = 0, []",
             "    return inc, get, reset",
             f"inc_, get_, reset_ = {f}({self.pick(INTS[:7])})"]
        acts = [f"print(inc_())", f"print(inc_({self.pick(['2', '-3', '10'])}))", "print(get_())", "reset_()",
                "print(get_())"]
        for _ in range(self.r.randint(2, 6)):
            L.append(self.pick(acts))
        L += [f"fs_ = [lambda: i for i in range(3)]", "print([g() for g in fs_])",
              "fs_ = [lambda i=i: i * 2 for i in range(3)]", "print([g() for g in fs_])"]
        L += [f"def {c}():",
              "    x = 0",
              "    def a():",
              "        def b():",
              "            nonlocal x",
              "            x += 5",
              "            return x",
              "        return b",
              "    b = a()",
              "    b(); b()",
              "    return x, a.__name__, b.__qualname__",
              f"print({c}())"]
        if self.chance(0.4):
            L += guard(["def uses_before():", "    print(q)", "    q = 1", "uses_before()"])
        if self.chance(0.4):
            L += guard(["def freev():", "    def inner():", "        return zz", "    r = inner()", "    zz = 1",
                        "    return r", "freev()"])
        return L

    # -- try/except/else/finally with every exit --------------------------------
    def tf_block(self, depth, in_loop, in_func, tag):
        """A try statement (list of lines) whose clauses exit in random ways."""
        r = self.r
        exits_body = ["pass", "raise"]
        if in_func:
            exits_body.append("return")
        if in_loop:
            exits_body += ["break", "continue"]

        def act(where, allowed, nested_ok=True):
            k = self.pick(allowed + (["nest"] if depth < 2 and nested_ok else []))
            t = f"{tag}{where}"
            if k == "pass":
                return [f"log.append('{t}')"]
            if k == "raise":
                e = self.pick(["ValueError", "KeyError", "TypeError", "ZeroDivisionError"])
                if self.chance(0.3):
                    return [f"log.append('{t}')", "x = 1 // 0" if e == "ZeroDivisionError" else f"{{}}['{t}']"]
                return [f"log.append('{t}')", f"raise {e}('{t}')"]
            if k == "reraise":
                return [f"log.append('{t}')", "raise"]
            if k == "raisefrom":
                return [f"log.append('{t}')", f"raise RuntimeError('{t}') from {self.pick(['exc', 'None'])}"]
            if k == "return":
                return [f"log.append('{t}')", f"return '{t}'"]
            if k in ("break", "continue"):
                return [f"log.append('{t}')", k]
            if k == "nest":
                return self.tf_block(depth + 1, in_loop, in_func, t)
            raise AssertionError(k)

        L = ["try:"] + ind(act("T", exits_body))
        nexc = r.randint(0, 2)
        for i in range(nexc):
            cs = self.pick(["ValueError", "(KeyError, TypeError)", "Exception", "ArithmeticError", "LookupError"])
            L += [f"except {cs} as exc:", f"    log.append(('{tag}E{i}', type(exc).__name__, str(exc)))"]
            L += ind(act(f"E{i}", exits_body + ["reraise", "raisefrom"]))
        if nexc and self.chance(0.4):
            L += ["else:"] + ind(act("L", exits_body))
        if not nexc or self.chance(0.6):
            L += ["finally:"] + ind(act("F", exits_body))
        return L

    def s_tryfinally(self):
        fn = self.fresh("tf")
        in_loop = self.chance(0.6)
        inner = self.tf_block(0, in_loop, True, "")
        L = [f"def {fn}(log):"]
        if in_loop:
            L += ["    for it in range(2):", "        log.append(('it', it))"] + ind(inner, 2)
            if self.chance(0.5):
                L += ["    else:", "        log.append('loop-else')"]
        else:
            L += ind(inner)
        L += ["    log.append('end')", "    return 'fell'"]
        L += [f"log_ = []", "try:", f"    print('result', {fn}(log_))", "except Exception as e:",
              "    print('raised', type(e).__name__, e, type(e.__context__).__name__, type(e.__cause__).__name__)",
              "print(log_)"]
        return L

    # -- with --------------------------------------------------------------------
    def s_with(self):
        cm = self.fresh("CM")
        sup = self.pick(["True", "False", "None", "exc_type is KeyError"])
        L = [f"class {cm}:",
             "    def __init__(self, name):",
             "        self.name = name",
             "    def __enter__(self):",
             "        print('enter', self.name)",
             "        return self.name.upper()",
             "    def __exit__(self, exc_type, exc, tb):",
             "        print('exit', self.name, exc_type.__name__ if exc_type else None, exc)",
             f"        return {sup}"]
        fn = self.fresh("w")
        body = self.pick([["print('body', a)"], ["print('body', a)", "raise KeyError('kb')"],
                          ["print('body', a)", "raise ValueError('vb')"], ["return a"],
                          ["for i in range(3):", "    with " + cm + "('loop') as b:", "        if i == 1:",
                           "            continue", "        if i == 2:", "            break", "        print(b, i)"]])
        second = self.chance(0.5)
        head = f"with {cm}('one') as a" + (f", {cm}('two') as a2:" if second else ":")
        L += [f"def {fn}():", "    " + head] + ind(body, 2) + ["    return 'after'"]
        L += guard([f"print({fn}())"])
        if self.chance(0.3):
            L += guard(["with 5 as q:", "    pass"])
        if self.chance(0.3):
            L += guard([f"with {cm}('x') as (p, q):", "    print(p, q)"])
        return L

    # -- comprehensions and scopes ---------------------------------------------------
    def s_comprehensions(self):
        c = self.fresh("K")
        src = self.pick(LISTS[:6])
        exprs = [f"[x * y for x in {src} for y in range(2) if x]",
                 f"{{x: x % 3 for x in {src}}}", f"{{x % 3 for x in {src}}}",
                 f"[(i, j) for i in range(3) for j in range(i)]",
                 f"[[j for j in range(i)] for i in range(4)]",
                 f"[y for x in [[1, 2], [3]] for y in x if y != 2]",
                 f"[last := x for x in {src}]", f"[x for x in {src} if (t := x * 2) > 2]",
                 f"sorted({{v: k for k, v in {{'a': 1, 'b': 2}}.items()}}.items())",
                 f"list(map(lambda p: p[0] * p[1], zip({src}, range(5))))",
                 f"[i for i in range(10)][::3]", f"{{k: [v] * 2 for k, v in enumerate('ab')}}",
                 f"max({src}, key=lambda v: -abs(v), default='empty')",
                 f"[c for c in 'hello' if c not in 'l']", "list(x for x in range(3))",
                 f"dict((str(k), k) for k in range(3))", f"any(v > 2 for v in {src})",
                 f"[*{src}, *range(2)]", f"{{**{{'a': 1}}, 'b': 2, **dict(c=3)}}", f"(*'ab', *{src})"]
        L = []
        for e in self.r.sample(exprs, self.r.randint(3, 7)):
            L += guard([f"print({e})"])
        L += [f"class {c}:", "    base = [1, 2, 3]", "    sq = [v * v for v in base]",
              "    pairs = [(a, b) for a in base for b in 'xy']"]
        L += guard([f"print({c}.sq, {c}.pairs[:3])"])
        L += guard(["x = 'outer'", "ys = [x for x in range(2)]", "print(x, ys)"])
        if self.chance(0.3):
            L += guard([f"class {c}b:", "    n = 3", "    vals = [n * i for i in range(3)]"])
        return L

    # -- f-strings and formatting ------------------------------------------------------
    def spec(self, kind):
        r = self.r
        fill = self.pick(["", "", "*", "0", "-", " "])
        align = self.pick(["", "<", ">", "^", "="] if kind != "s" else ["", "<", ">", "^"])
        if fill and not align:
            fill = ""
        sign = self.pick(["", "", "+", "-", " "]) if kind != "s" else ""
        alt = "#" if kind in "xobeEfFgG%" and self.chance(0.2) else ""
        zero = "0" if kind != "s" and not fill and self.chance(0.15) else ""
        width = str(r.randint(1, 14)) if self.chance(0.6) else ""
        group = self.pick(["", "", ",", "_"]) if kind in "dfFeg%" and kind != "n" else ""
        if kind == "x" and self.chance(0.2):
            group = "_"
        prec = ("." + str(r.randint(0, 8))) if kind in "fFeEgG%s" and self.chance(0.6) else ""
        return f"{fill}{align}{sign}{alt}{zero}{width}{group}{prec}{kind if kind != 'd?' else ''}"

    def s_format(self):
        L = []
        for _ in range(self.r.randint(4, 10)):
            k = self.r.randint(0, 7)
            if k == 0:
                v, s = self.pick(INTS), self.spec(self.pick(["d", "x", "X", "o", "b", "n", "c", "e", "f", "%", ""]))
            elif k == 1:
                v, s = self.pick(FLOATS), self.spec(self.pick(["f", "F", "e", "E", "g", "G", "%", "", "n"]))
            elif k == 2:
                v, s = self.pick(STRS), self.spec("s")
            elif k == 3:
                v, s = self.pick(ANY), self.pick(["", "!r", "!s", "!a", "!r:>12", "!s:^9"])
                L += guard([f"v_ = {v}", f"print(f'{{v_{s}}}')"])
                continue
            elif k == 4:
                w, p = self.r.randint(0, 12), self.r.randint(0, 5)
                L += guard([f"v_, w_, p_ = {self.pick(FLOATS)}, {w}, {p}", "print(f'{v_:{w_}.{p_}f}|{v_=}|{w_ + p_ = }')"])
                continue
            elif k == 5:
                fmt = self.pick(["'%5.2f|%-4d|%s'", "'%r %a'", "'%+d %x %o %e'", "'%(a)s-%(b)03d'", "'%c%c'",
                                 "'%.3s|%10.2e|%g'", "'%#x %#o %%'", "'%i %u'"])
                args = {"'%5.2f|%-4d|%s'": f"({self.pick(FLOATS)}, {self.pick(INTS)}, {self.pick(ANY)})",
                        "'%r %a'": f"({self.pick(STRS)}, {self.pick(STRS)})",
                        "'%+d %x %o %e'": f"({self.pick(INTS)}, {self.pick(INTS)}, {self.pick(INTS)}, {self.pick(FLOATS)})",
                        "'%(a)s-%(b)03d'": f"{{'a': {self.pick(ANY)}, 'b': {self.pick(INTS)}}}",
                        "'%c%c'": f"({self.pick(['65', '0x1f600', repr('z'), '-1'])}, 'q')",
                        "'%.3s|%10.2e|%g'": f"({self.pick(STRS)}, {self.pick(FLOATS)}, {self.pick(FLOATS)})",
                        "'%#x %#o %%'": f"({self.pick(INTS)}, {self.pick(INTS)})",
                        "'%i %u'": f"({self.pick(INTS + FLOATS[:4])}, {self.pick(INTS)})"}[fmt]
                L += guard([f"print({fmt} % {args})"])
                continue
            elif k == 6:
                fmt = self.pick(["'{0}{1}{0}'", "'{:>{}}'", "'{a[0]}-{b.real}'", "'{!r:^10}'", "'{0:{1}}'",
                                 "'{} {}'", "'{:%}'", "'{0.imag}{0}'"])
                L += guard([f"print({fmt}.format({self.pick(ANY)}, {self.pick(INTS[:6])}, a=[1], b=2.5))"])
                continue
            else:
                v = self.pick(INTS + FLOATS)
                L += guard([f"print(format({v}, {self.pick(['', 'g', '.1', '>8', '012', ',.2f', 'e', '.0%'])!r}), "
                            f"str({v}), repr({v}), round({v}, {self.r.randint(-2, 3)}))"])
                continue
            L += guard([f"v_ = {v}", f"print(repr(format(v_, {s!r})), f'{{v_:{s}}}' == format(v_, {s!r}))"])
        return L

    # -- methods of the built-in types ------------------------------------------------
    def s_methods(self):
        L = []
        strm = ["split({})", "rsplit({}, 1)", "split(maxsplit=1)", "partition({})", "strip({})", "lstrip()",
                "startswith({})", "endswith(({}, 'c'))", "find({}, 1)", "index({})", "count({})",
                "replace({}, '_', 2)", "center(11, '.')", "ljust(6)", "zfill(6)", "join(['p', 'q'])",
                "encode()", "encode('ascii', 'replace')", "title()", "swapcase()", "casefold()",
                "isdigit()", "isalpha()", "isalnum()", "splitlines(keepends=True)", "expandtabs(3)",
                "format_map({{'a': 1}})", "removeprefix({})", "isupper()", "upper()", "lower()",
                "rjust(8, {})", "rfind({})", "rindex({})", "translate(str.maketrans('ab', 'xy'))",
                "capitalize()", "isprintable()"]
        bytm = ["split(b',')", "strip()", "hex()", "hex(':')", "decode()", "decode('ascii', 'replace')",
                "upper()", "find(b'b')", "replace(b'a', b'A')", "count(b'l')", "startswith(b'H')",
                "join([b'1', b'2'])", "isdigit()", "partition(b' ')", "center(9, b'*')", "split()",
                "rstrip(b'd ')", "lower()", "title()", "fromhex('41 42')", "index(b'q')", "zfill(5)",
                "isalpha()", "count(98)", "find(255)", "__len__()", "endswith(b'c')", "splitlines()"]
        lstm = ["append(9)", "pop()", "pop(0)", "pop(10)", "insert(-1, 'i')", "index(2)", "index(99)",
                "count(5)", "remove(5)", "remove(99)", "reverse()", "sort()", "sort(reverse=True)",
                "sort(key=str)", "extend('ab')", "copy()", "clear()", "__len__()"]
        dctm = ["get('a')", "get('zz', 0)", "pop('a')", "pop('zz')", "pop('zz', -1)", "popitem()",
                "setdefault('n', [])", "update(x=1)", "update([('y', 2)])", "keys()", "values()",
                "items()", "copy()", "clear()", "fromkeys('ab', 0)", "__contains__('a')"]
        setm = ["add(4)", "discard(1)", "remove(99)", "pop()", "union([7])", "intersection({1, 2})",
                "difference([1])", "symmetric_difference({2, 8})", "issubset({1, 2, 3, 4})",
                "isdisjoint([0])", "update({5}, [6])", "copy()", "clear()"]
        for _ in range(self.r.randint(5, 12)):
            k = self.r.randint(0, 4)
            if k == 0:
                m = self.pick(strm).replace("{}", self.pick(["','", "'a'", "' '", "'ab'", "''", "'l'"]))
                v = self.pick(STRS)
            elif k == 1:
                m, v = self.pick(bytm), self.pick(BYTES)
            elif k == 2:
                m, v = self.pick(lstm), self.pick(LISTS)
            elif k == 3:
                m, v = self.pick(dctm), self.pick(DICTS)
            else:
                m, v = self.pick(setm), self.pick(SETS[:4])
            L += guard([f"o_ = {v}", f"r_ = o_.{m}", "print(repr(r_), repr(o_) if not isinstance(o_, set) "
                        "else sorted(o_))"])
        return L

    # -- exception messages -------------------------------------------------------------
    def s_errors(self):
        errs = ["[].pop()", "{}.popitem()", "'a' + 1", "1 + 'a'", "None()", "(1)()", "(5).foo", "'x'.bar",
                "int('z')", "int('1.5')", "float('x')", "[1, 2].index(3)", "a_, b_ = [1, 2, 3]",
                "a_, b_, c_ = [1]", "a_, b_ = 5", "{}['k']", "[][0]", "()[1]", "'abc'[5]", "1 / 0", "1 % 0",
                "2.0 // 0", "divmod(1, 0)", "len(5)", "iter(5)", "next(iter([]))", "hash([])", "{[]: 1}",
                "set([{}])", "sorted([1, 'a'])", "max([])", "min(1)", "abs('a')", "-'a'", "~1.5",
                "'a' * 'b'", "[1] * 2.0", "'%d' % 'x'", "'%s %s' % (1,)", "'%s' % (1, 2)", "'{}'.format()",
                "'{0}{1}'.format(1)", "'{x}'.format()", "chr(-1)", "chr(0x110000)", "ord('ab')", "ord('')",
                "list.append()", "[].append(1, 2)", "dict(1)", "dict([1])", "tuple(5)", "str.join(',', [1])",
                "','.join([1, 2])", "int(None)", "float([])", "round('a')", "range(1.5)", "range(0, 5, 0)",
                "[1, 2][1.0]", "'abc'['a']", "{}.get()", "(1, 2) + [3]", "[3] + (1,)", "del [][0]",
                "x_ = object(); x_.a = 1", "object().__dict__", "type('X', (), {})().nope",
                "isinstance(1, 5)", "issubclass(1, int)", "getattr(1, 'x')", "setattr(1, 'x', 2)",
                "int('9' * 5000)", "10 ** -1 % 0", "pow(2, -1, 4)", "pow(2, 3, 0)", "math.sqrt(-1)",
                "math.log(0)", "math.factorial(-1)", "math.factorial(2.5)", "bytes(-1)", "bytes('a')",
                "b'a' + 'b'", "'a' in 5", "5 in 'a'", "[].remove(0)", "{1}.remove(2)", "frozenset().add",
                "(lambda: 0)(1)", "(lambda a, b: 0)(1)", "(lambda *, k: 0)(k=1, j=2)", "print(sep=1)",
                "sum(['a', 'b'])", "sum([[1]], [])", "''.join(5)", "zip(1)", "map(None)", "enumerate(5)",
                "iter([]).__next__()", "1 < 'a'", "[] < ()", "None < None", "{} < {}", "1 .__lt__()",
                "str.upper(5)", "list.sort([], 1)", "sorted([], cmp=1)", "raise TypeError", "assert False",
                "assert 1 == 2, 'msg'", "import nosuchmod", "exit_ = int.bad"]
        L = ["import math"]
        for e in self.r.sample(errs, self.r.randint(6, 14)):
            L += guard(["exec_ = 0", e] if not e.startswith(("raise", "assert", "import", "from", "del", "a_", "x_", "exit_"))
                       else [e])
        return L

    # -- match statements -------------------------------------------------------------------
    def s_match(self):
        pt = self.fresh("Pt")
        L = [f"class {pt}:", "    __match_args__ = ('x', 'y')",
             "    def __init__(self, x, y):", "        self.x, self.y = x, y"]
        subjects = ["0", "1", "-1", "'go'", "'stop'", "[1, 2]", "[1, 2, 3, 4]", "(0, 'a')", "[]",
                    "{'k': 1, 'v': 2}", "{'k': 'x'}", f"{pt}(0, 5)", f"{pt}(1, 1)", "None", "True",
                    "2.5", "{1: 1}", "'x'", "[[1], 2]", "range(3)", "(1, (2, 3))"]
        cases = ["case 0 | 1:", "case -1:", "case 'go' | 'stop' as word:", "case [a_]:", "case [a_, b_]:",
                 "case [a_, *rest_]:", "case [*_, 4]:", "case (0, str() as s_):", "case []:",
                 "case {'k': 1, **kw_}:", "case {'k': str(s_)}:", f"case {pt}(0, y=y_):",
                 f"case {pt}(x=x_, y=y_) if x_ == y_:", f"case {pt}():", "case None:", "case True:",
                 "case float(f_) if f_ > 1:", "case int(i_) if i_ > 100:", "case {}:",
                 "case [[a_], b_]:", "case (1, (a_, b_)):", "case str() | bytes():", "case [1, *_]:",
                 "case dict():", "case list(l_):"]
        fn = self.fresh("m")
        chosen = self.r.sample(cases, self.r.randint(3, 8))
        L += [f"def {fn}(s):", "    match s:"]
        for c in chosen:
            L += ["        " + c, f"            return {c[5:-1]!r}, " + "sorted((k, repr(v)) for k, v in locals().items() if k.endswith('_'))"]
        L += ["        case _:", "            return 'default'"]
        for s in self.r.sample(subjects, self.r.randint(4, 10)):
            L += guard([f"print({fn}({s}))"])
        if self.chance(0.3):
            L += guard([f"match {pt}(1, 2):", f"    case {pt}(1, 2, 3):", "        pass"])
        if self.chance(0.3):
            L += guard(["match 5:", "    case int(1, 2):", "        pass"])
        return L

    # -- call binding ---------------------------------------------------------------------------
    def s_calls(self):
        fn = self.fresh("f")
        sig = self.pick(["a, b=2, *args, c, d=4, **kw", "a, /, b, *, c=1", "*args, **kw", "a, b, c=3",
                         "a=1, *rest", "x, y=None, /", "*, k, j=0", "p, *a, q=5"])
        L = [f"def {fn}({sig}):", "    return sorted((k, repr(v)) for k, v in locals().items())"]
        calls = ["()", "(1)", "(1, 2)", "(1, 2, 3, 4)", "(1, c=3)", "(a=1, b=2, c=3)", "(1, 2, c=3, z=9)",
                 "(*[1, 2], **{'c': 5})", "(1, a=1)", "(1, k=2)", "(k=1)", "(*(), **{})", "(1, *[2, 3], c=0)",
                 "(x=1)", "(1, 2, 3, 4, 5, 6)", "(**{'a': 1, 'b': 2, 'c': 3})", "(b=1)", "(1, p=1)",
                 "(1, **{'b': 1}, c=2)", "(*'xy', q=0)"]
        for c in self.r.sample(calls, self.r.randint(4, 10)):
            L += guard([f"print({fn}{c})"])
        L += guard([f"print({fn}.__name__, {fn}.__defaults__, {fn}.__kwdefaults__)"])
        return L

    # -- sorting ----------------------------------------------------------------------------------
    def s_sorting(self):
        data = self.pick(["[(2, 'b'), (1, 'z'), (2, 'a'), (0, 'q')]", "['bb', 'a', 'ccc', 'B', 'A']",
                          "[3, -1, 2, -3, 0, 2]", "[1.5, -0.0, 0.0, float('inf'), -2]", "['x', 'X', 'y']"])
        keys = ["", ", key=len", ", key=str", ", key=lambda t: t[0]", ", reverse=True", ", key=abs",
                ", key=str.lower", ", key=lambda v: (str(v)[0], v)"]
        L = []
        for _ in range(self.r.randint(3, 6)):
            f = self.pick(["sorted", "min", "max", "list(reversed(sorted", "sorted(sorted"])
            k = self.pick(keys)
            if f in ("min", "max") and "reverse" in k:
                k = ", default=None"
            if f == "list(reversed(sorted":
                e = f"list(reversed(sorted({data}{k})))"
            elif f == "sorted(sorted":
                e = f"sorted(sorted({data}{k}), key=lambda v: str(v)[-1])"
            else:
                e = f"{f}({data}{k})"
            L += guard([f"print({e})"])
        L += guard([f"l_ = {data}", "l_.sort(key=lambda v: str(v))", "print(l_)"])
        return L

    # -- numbers ------------------------------------------------------------------------------------
    def s_numbers(self):
        exprs = ["divmod({a}, {b})", "{a} // {b}", "{a} % {b}", "round({a})", "round({a}, 1)", "-{a} ** 2",
                 "(-{a}) ** 3", "{a} ** -1", "int({a})", "float({a})", "abs({a})", "{a} == {b}", "{a} < {b}",
                 "str({a})", "repr({a} / 3)", "'%.17g' % {a}", "math.copysign(1, {a})",                  "({a}).is_integer()", "({a}).as_integer_ratio()", "int.bit_length({a})", "({a}).real", "({a}).hex()",
                 "(2 ** 100 + {a}) // 3", "{a} * 10 ** 18", "hex(int({a}))", "max({a}, {b})", "[{a}].count({b})",
                 "{a} in [{b}]", "math.isnan({a})", "int({a}) >> 1", "float({a}).hex()", "({a}).conjugate()",
                 "int.from_bytes(b'\\x01\\x00', 'big') + {a}", "(255).to_bytes(2, 'little')",
                 "math.floor({a})", "math.ceil({a})", "round({a} + 0.5)", "{a} != {a}", "bool({a})"]
        vals = INTS + FLOATS + ["-7", "7.5", "-0.5", "1.0000000000000002", "2**53 + 1", "0.30000000000000004"]
        L = ["import math"]
        for _ in range(self.r.randint(6, 14)):
            L += guard([f"print(repr({self.pick(exprs).format(a=self.pick(vals), b=self.pick(vals))}))"])
        return L

    # -- misc: global-free scoping, lambda, star unpacking, del, chained compare ---------------------
    def s_misc(self):
        stmts = [["a_, *b_, c_ = range(5)", "print(a_, b_, c_)"],
                 ["(a_, b_), c_ = 'xy', [1]", "print(a_, b_, c_)"],
                 ["d_ = {}", "d_['x'] = d_.get('x', 0) + 1", "print(d_)"],
                 ["x_ = [1, 2, 3]", "del x_[0], x_[-1]", "print(x_)"],
                 ["print(1 < 2 < 3 > 2 != 5, 1 < 2 > 3)"],
                 ["print(not [] and 'y' or 'n', [] or {} or 0)"],
                 ["x_ = 5", "x_ = x_ if x_ > 3 else -x_", "print(x_)"],
                 ["f_ = lambda *a, **k: (a, k)", "print(f_(1, 2, z=3))"],
                 ["i_ = 0", "while True:", "    i_ += 1", "    if i_ > 3:", "        break", "else:", "    print('no')",
                  "print(i_)"],
                 ["for i_ in []:", "    pass", "else:", "    print('empty else')"],
                 ["s_ = 'abc'", "print(s_[::-1], s_[10:], s_[-10:1])"],
                 ["l_ = [0] * 5", "l_[1:3] = 'xy'", "l_[::2] = [7, 8, 9]", "print(l_)"],
                 ["l_ = list(range(5))", "l_[::2] = [1]"],
                 ["t_ = (1, [2])", "t_[1].append(3)", "print(t_)", "t_[0] = 5"],
                 ["print(type(None).__name__, type(...).__name__, type(NotImplemented).__name__)"],
                 ["print(isinstance(True, int), True + True, True * 2.5, -True)"],
                 ["x_ = y_ = []", "x_.append(1)", "print(y_, x_ is y_)"],
                 ["print(list(enumerate('ab', start=5)), list(zip('ab', 'xyz')), dict(zip('ab', range(2))))"],
                 ["print(*range(3), sep='-', end='!\\n')"],
                 ["print(bytes([65, 66]), bytearray(2), list(b'ab'), b'a'[0], b'abc'[1:])"],
                 ["print(str(b'x'), repr(bytearray(b'q')), bytes(reversed(b'abc')))"],
                 ["print(sorted({3: 'a', 1: 'b'}), list({3: 'a', 1: 'b'}), set() == frozenset())"],
                 ["import functools", "print(functools.reduce(lambda a, b: a * b, range(1, 6)))"],
                 ["print(int.__name__, str.__mro__, bool.__bases__)"],
                 ["print(getattr(str, 'upper')('q'), callable(len), len.__name__)"],
                 ["print(repr(1e16), repr(1e-5), repr(123456789.0), str(1e22), 1e16 == 10**16)"],
                 ["print(0.1 + 0.2, 1 / 3, 2 / 3, 10 / 4, -7 / 2, 1e300 * 1e10, -1e300 * 1e10)"],
                 ["print(round(2.5), round(3.5), round(-0.5), round(0.125, 2), round(2.675, 2), round(1234, -2))"],
                 ["print(7 // -2, -7 // 2, 7 % -2, -7 % 2, 7.5 % -2, -7.5 // 2)"],
                 ["print(2 ** -2, (-2) ** -1, (-8) ** 3, 0 ** 0, 0.0 ** 0, pow(-2, 3, 5))"],
                 ["print(float('nan') == float('nan'), float('inf') - float('inf'), -0.0 == 0.0, str(-0.0))"],
                 ["print(int(-0.9), int(2.9e3), int('  -12  '), int('0o17', 0), int('z', 36))"],
                 ["print(divmod(-7, 2), divmod(7.5, -2), divmod(-0.0, 1))"],
                 ["print(10**25 // 7, -(10**25) // 7, 10**25 % -7, (10**25) / 7)"],
                 ["print(abs(-2**63), -(-2**63), 2**63 - 1 + 1, (2**64).bit_length())"]]
        L = []
        for s in self.r.sample(stmts, self.r.randint(3, 8)):
            L += guard(s)
        return L


    # -- private names, multiple inheritance, custom exceptions, iterators ---------------------
    def s_mangle(self):
        a, b = self.fresh("_Priv"), self.fresh("Sub")
        L = [f"class {a}:",
             "    __shared = 'cls'",
             "    def __init__(self, v):",
             "        self.__v = v",
             "        self._pub = v",
             "    def __hidden(self):",
             "        return ('hidden', self.__v)",
             "    def show(self):",
             f"        return self.__hidden(), self.__shared, {a}.__shared, [__q for __q in 'ab']",
             f"class {b}({a}):",
             "    def __init__(self, v):",
             "        super().__init__(v)",
             "        self.__v = -v",
             "    def both(self):",
             f"        return self.__v, self._{a.lstrip('_')}__v"]
        o = self.fresh("o")
        L += [f"{o} = {b}({self.pick(INTS[:6])})"]
        ops = [f"sorted(vars({o}))", f"{o}.show()", f"{o}.both()", f"{o}._{a.lstrip('_')}__hidden()",
               f"getattr({o}, '__v', 'absent')", f"{o}.__v", f"hasattr({a}, '_{a.lstrip('_')}__shared')"]
        for e in self.r.sample(ops, self.r.randint(3, len(ops))):
            L += guard([f"print({e})"])
        return L

    def s_mro(self):
        names = [self.fresh(c) for c in "ABCD"]
        A, B, C, D = names
        L = [f"class {A}:", "    def who(self, log):", f"        log.append('{A}')", "        return log",
             "    def __init__(self, **kw):", f"        self.seen = ['{A}'] + sorted(kw)"]
        for x, bases in [(B, A), (C, A)]:
            L += [f"class {x}({bases}):", "    def who(self, log):", f"        log.append('{x}')",
                  "        return super().who(log)", "    def __init__(self, **kw):",
                  f"        kw.pop('{x.lower()}', None)", "        super().__init__(**kw)"]
        order = self.pick([f"{B}, {C}", f"{C}, {B}"])
        L += [f"class {D}({order}):", "    pass"]
        L += guard([f"print([k.__name__ for k in {D}.__mro__])", f"print({D}().who([]))",
                    f"print({D}(**{{'{B.lower()}': 1, 'z': 2}}).seen)"])
        if self.chance(0.4):
            L += guard([f"class Bad({A}, {B}):", "    pass"])
        return L

    def s_custom_exc(self):
        e1, e2 = self.fresh("AppError"), self.fresh("DbError")
        L = [f"class {e1}(Exception):",
             "    def __init__(self, msg, code=0):",
             "        super().__init__(msg)",
             "        self.code = code"]
        if self.chance(0.5):
            L += ["    def __str__(self):", "        return f'[{self.code}] {self.args[0]}'"]
        L += [f"class {e2}({e1}):", "    pass",
              "def op(k):",
              "    if k == 0:",
              f"        raise {e2}('db down', 7)",
              "    if k == 1:",
              "        try:",
              "            1 / 0",
              "        except ZeroDivisionError as z:",
              f"            raise {e1}('wrapped') from z",
              "    if k == 2:",
              "        try:",
              "            [][0]",
              "        except IndexError:",
              f"            raise {e1}('during', 3)",
              "    return k"]
        for k in range(4):
            L += ["try:", f"    print(op({k}))", f"except {e1} as e:",
                  "    print(type(e).__name__, str(e), repr(e), e.args, e.code, isinstance(e, Exception),",
                  "          type(e.__cause__).__name__, type(e.__context__).__name__, e.__suppress_context__)"]
        return L

    def s_iterators(self):
        it = self.fresh("Countdown")
        L = [f"class {it}:",
             "    def __init__(self, n):",
             "        self.n = n",
             "    def __iter__(self):",
             "        return self",
             "    def __next__(self):",
             "        if self.n <= 0:",
             f"            raise StopIteration({self.pick(['', '99', repr('end')])})",
             "        self.n -= 1",
             "        return self.n"]
        ops = [f"list({it}(3))", f"sum({it}(4))", f"list(zip({it}(3), 'abc'))", f"list(enumerate({it}(2), 1))",
               f"[x * 2 for x in {it}(3) if x]", f"next({it}(0), 'empty')", f"sorted({it}(4))",
               f"max({it}(5))", f"list(map(str, {it}(2)))", f"dict.fromkeys({it}(2))",
               f"any(x > 5 for x in {it}(3))", f"'-'.join(str(x) for x in {it}(3))", f"set({it}(3))",
               f"tuple(reversed(list({it}(3))))", f"3 in {it}(5)", f"list(iter({it}(2)))"]
        for e in self.r.sample(ops, self.r.randint(4, 9)):
            L += guard([f"print({e})"])
        L += ["try:", f"    next({it}(0))", "except StopIteration as e:", "    print('stop', e.args, e.value)"]
        return L


SNIPPETS = ["s_classes", "s_generators", "s_closures", "s_tryfinally", "s_tryfinally", "s_with",
            "s_comprehensions", "s_format", "s_methods", "s_errors", "s_match", "s_calls", "s_sorting",
            "s_numbers", "s_misc", "s_mangle", "s_mro", "s_custom_exc", "s_iterators"]


def feature(seed: int, k: int | None = None) -> str:
    """A body of k random feature snippets (safe to indent into a def)."""
    f = F(seed)
    lines = []
    for _ in range(k or f.r.randint(2, 5)):
        lines += getattr(f, f.pick(SNIPPETS))()
    lines.append("print('done')")
    return "\n".join(lines) + "\n"
