"""Host objects for scripts (issue 15, docs/host.md): ``expose``,
``register_type``, ``shared`` and the program introspection of
``Code.names()``.

The policies themselves live in the extension (``_pyexpr._policy``): this
module only works out the default attribute lists and checks arguments.
"""

from __future__ import annotations

import ast
import dataclasses
import types
from typing import Any, Iterable, NamedTuple, Optional

from . import _pyexpr

__all__ = ["expose", "register_type", "unregister_type", "shared", "CodeNames", "Names"]


def _names(arg: Optional[Iterable[str]], what: str) -> tuple:
    if arg is None:
        return ()
    if isinstance(arg, str):
        arg = (arg,)
    out = []
    for name in arg:
        if not isinstance(name, str):
            raise TypeError(f"{what} must be names (str), not {type(name).__name__}")
        if not name.isidentifier():
            raise ValueError(f"{what}: {name!r} is not an identifier")
        if name.startswith("__"):
            raise ValueError(f"cannot expose the special attribute {name!r}")
        out.append(name)
    return tuple(out)


def _default_attrs(cls: type, obj: Any) -> Optional[tuple]:
    """The readable attributes when the host names none: a dataclass's
    fields, a namedtuple's fields, a SimpleNamespace's current keys."""
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls))
    fields = cls.__dict__.get("_fields") if issubclass(cls, tuple) else None
    if isinstance(fields, tuple):
        return fields
    if issubclass(cls, types.SimpleNamespace) and obj is not None:
        return tuple(k for k in vars(obj) if isinstance(k, str) and not k.startswith("__"))
    return None


def _policy(cls: type, obj: Any, attrs, methods, writable):
    if attrs is None:
        attrs = _default_attrs(cls, obj)
        if attrs is None:
            if not (methods or writable):
                raise TypeError(f"'{cls.__name__}' objects have no default attributes: "
                                "pass attrs=, methods= or writable=")
            attrs = ()
    return _pyexpr._policy(cls, _names(attrs, "attrs"), _names(methods, "methods"),
                           _names(writable, "writable"))


def expose(obj: Any, attrs: Optional[Iterable[str]] = None, methods: Iterable[str] = (),
           writable: Iterable[str] = ()) -> "_pyexpr.Exposed":
    """Wrap ``obj`` so that a script can use it with attribute syntax.

    ``attrs``: readable attributes (default: a dataclass's or namedtuple's
    fields, a SimpleNamespace's keys; required for other objects unless
    ``methods``/``writable`` are given). ``methods``: callable methods.
    ``writable``: attributes the script may assign (readable too).
    Anything else is an ``AttributeError`` in the script; special
    (``__dunder__``) names can never be exposed. The script's object
    converts back to ``obj`` itself.
    """
    pol = _policy(type(obj), obj, attrs, methods, writable)
    return _pyexpr._expose(obj, pol)


def register_type(cls: type, attrs: Optional[Iterable[str]] = None, methods: Iterable[str] = (),
                  writable: Iterable[str] = ()) -> None:
    """Let every instance of exactly ``cls`` cross as a host object with this
    policy (as ``expose`` would wrap it), wherever it appears: in ``names``,
    in containers, in results of host functions and attributes."""
    if not isinstance(cls, type):
        raise TypeError(f"register_type() needs a class, not {type(cls).__name__}")
    if attrs is None and issubclass(cls, types.SimpleNamespace):
        raise TypeError("register_type(SimpleNamespace) needs attrs= (instances differ)")
    _pyexpr._register_type(cls, _policy(cls, None, attrs, methods, writable))


def unregister_type(cls: type) -> None:
    """Forget ``register_type(cls)``: its instances are refused again."""
    _pyexpr._register_type(cls, None)


shared = _pyexpr.shared


# ---------------------------------------------------------------------------
# Code.names(): free names, calls and attribute chains of a program
# ---------------------------------------------------------------------------

class CodeNames(NamedTuple):
    """What a program reads from outside: ``reads`` (free names that are not
    builtins: its inputs), ``calls`` (free names it calls, builtins
    included), ``attrs`` (dotted attribute chains rooted at an input, e.g.
    ``'order.customer.tier'``). Each in order of first appearance."""

    reads: tuple
    calls: tuple
    attrs: tuple


def _scope_locals(node: ast.AST) -> set:
    """Names bound inside a function/lambda/comprehension scope (not in
    nested scopes), minus those declared global."""
    bound: set = set()
    glob: set = set()
    args = getattr(node, "args", None)
    if isinstance(args, ast.arguments):
        for a in args.posonlyargs + args.args + args.kwonlyargs:
            bound.add(a.arg)
        if args.vararg:
            bound.add(args.vararg.arg)
        if args.kwarg:
            bound.add(args.kwarg.arg)
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        roots = [g.target for g in node.generators]
    elif isinstance(node, ast.Lambda):
        roots = []
    else:
        roots = list(node.body)
    stack = list(roots)
    while stack:
        n = stack.pop()
        if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)):
            bound.add(n.id)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(n.name)
            stack.extend(n.decorator_list)
            continue
        elif isinstance(n, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
                            ast.GeneratorExp)):
            continue
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            for al in n.names:
                bound.add((al.asname or al.name).split(".")[0])
        elif isinstance(n, ast.Global):
            glob.update(n.names)
        elif isinstance(n, ast.ExceptHandler) and n.name:
            bound.add(n.name)
        elif isinstance(n, ast.MatchAs) and n.name:
            bound.add(n.name)
        elif isinstance(n, ast.MatchStar) and n.name:
            bound.add(n.name)
        elif isinstance(n, ast.MatchMapping) and n.rest:
            bound.add(n.rest)
        elif isinstance(n, ast.NamedExpr) and isinstance(n.target, ast.Name):
            bound.add(n.target.id)
        stack.extend(ast.iter_child_nodes(n))
    return bound - glob


def program_names(source: str, builtins: frozenset) -> CodeNames:
    tree = ast.parse(source)
    module_bound = _scope_locals(tree)
    reads: dict = {}
    calls: dict = {}
    attrs: dict = {}

    def free(name: str, scopes: list) -> bool:
        return not any(name in s for s in scopes) and name not in module_bound

    def chain(n: ast.AST):
        parts = []
        while isinstance(n, ast.Attribute):
            parts.append(n.attr)
            n = n.value
        if isinstance(n, ast.Name):
            parts.append(n.id)
            return n.id, ".".join(reversed(parts))
        return None, None

    # iterative walk carrying the enclosing function scopes' locals
    stack = [(tree, [])]
    while stack:
        node, scopes = stack.pop()
        inner = scopes
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp,
                             ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            inner = scopes + [_scope_locals(node)]
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            if free(node.id, scopes) and node.id not in builtins:
                reads.setdefault(node.id, None)
        elif isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and free(f.id, scopes):
                calls.setdefault(f.id, None)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            root, text = chain(node)
            if root and free(root, scopes) and root not in builtins:
                attrs.setdefault(text, None)
                # the longest chain only: skip the inner Attribute nodes
                n = node.value
                while isinstance(n, ast.Attribute):
                    n = n.value
                stack.append((n, inner))
                continue
        children = list(ast.iter_child_nodes(node))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            # defaults and decorators are evaluated in the enclosing scope
            outer = [*node.args.defaults, *[d for d in node.args.kw_defaults if d is not None]]
            outer += getattr(node, "decorator_list", [])
            for c in reversed(children):
                stack.append((c, scopes if c in outer else inner))
            continue
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            todo = []
            for k, g in enumerate(node.generators):
                todo.append((g.target, inner))
                todo.append((g.iter, scopes if k == 0 else inner))  # the first: outside
                todo.extend((x, inner) for x in g.ifs)
            if isinstance(node, ast.DictComp):
                todo = [(node.key, inner), (node.value, inner)] + todo
            else:
                todo = [(node.elt, inner)] + todo
            stack.extend(reversed(todo))
            continue
        for c in reversed(children):
            stack.append((c, inner))
    return CodeNames(tuple(reads), tuple(calls), tuple(attrs))


class Names(tuple):
    """``Code.names``: the tuple of the global names the program uses that
    are not builtins (its possible inputs). Call it, ``code.names()``, for
    the split into reads / calls / attribute chains (a ``CodeNames``)."""

    def __call__(self) -> CodeNames:
        return program_names(self._source, self._builtins)


def _make_names(names: tuple, source: str, builtins: frozenset) -> Names:
    n = Names(names)
    n._source = source
    n._builtins = builtins
    return n
