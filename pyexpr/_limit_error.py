"""The one ``LimitError`` class of the package.

``pyexpr.LimitError`` (raised by the extension's ``eval``/``exec``) and
``pyexpr.client.LimitError`` (raised by :class:`pyexpr.Client` for a daemon's
LimitError response) must be the same class, so that ``except
pyexpr.LimitError`` catches both. The class is the extension's when it is
importable; without the compiled extension (a pure-Python install using only
the daemon client) it is defined here, once, with the same name, base and
module.
"""

try:
    from ._pyexpr import LimitError
except ImportError:  # only without the compiled extension

    class LimitError(RuntimeError):  # type: ignore[no-redef]
        """A resource limit (time, memory, steps, output) stopped the program."""

    LimitError.__module__ = "pyexpr"

__all__ = ["LimitError"]
