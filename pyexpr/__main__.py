"""``python -m pyexpr ARGS...`` behaves exactly like the ``pyexpr`` binary.

The native executable (located by :func:`pyexpr.binary_path`: ``$PYEXPR_BIN``,
this environment's scripts directory, ``PATH``, ``build/pyexpr`` in a source
checkout) replaces this Python process with the same arguments, so its
output, exit status, signals and terminal handling are the binary's own.
"""

import os
import subprocess
import sys

from . import binary_path


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        exe = binary_path()
    except FileNotFoundError as exc:
        print(f"python -m pyexpr: {exc}", file=sys.stderr)
        return 2
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        try:
            os.execv(exe, [exe, *args])  # does not return on success
        except OSError as exc:
            print(f"python -m pyexpr: cannot run {exe}: {exc}", file=sys.stderr)
            return 2
    # Without exec(): run it as a child and pass its exit status through.
    return subprocess.call([exe, *args])


if __name__ == "__main__":
    sys.exit(main())
