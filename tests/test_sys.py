"""`import sys` through the front ends, compared with CPython 3.11 run at test
time with the same command line: sys.argv (file, -c, -, stdin), exit
statuses of sys.exit, sys.stderr.write / print(file=sys.stderr), and what
pyexpr deliberately leaves out (docs/language.md "The sys module"): every
attribute that would reach the host is an AttributeError, and
setrecursionlimit never raises the depth past the --max-depth bound.
The in-file behaviour (values, messages) is in tests/corpus/sys/.
"""

from __future__ import annotations

import pytest

from _extension_build import load_pyexpr
from _util import run_cpython, run_pyexpr

ARGV = "import sys\nprint(sys.argv)\nprint(len(sys.argv), [type(a).__name__ for a in sys.argv])\n"


def _same(got, exp, what):
    assert (got.stdout, got.stderr, got.returncode) == (exp.stdout, exp.stderr, exp.returncode), (
        f"{what}\n[cpython] {exp}\n[pyexpr] {got}")


@pytest.mark.parametrize("args", [[], ["a"], ["a", "b c", ""], ["-x", "--y", "-c", "-"], ["caf\u00e9"]])
def test_argv_file(pyexpr_bin, tmp_path, args):
    prog = tmp_path / "prog.py"
    prog.write_text(ARGV)
    # relative and absolute program paths, as python3 stores them
    _same(run_pyexpr(["prog.py", *args], cwd=tmp_path), run_cpython(["prog.py", *args], cwd=tmp_path), args)
    _same(run_pyexpr([str(prog), *args]), run_cpython([str(prog), *args]), args)


@pytest.mark.parametrize("args", [[], ["a"], ["a", "-c", "x"]])
def test_argv_dash_c(pyexpr_bin, args):
    _same(run_pyexpr(["-c", ARGV, *args]), run_cpython(["-c", ARGV, *args]), args)


@pytest.mark.parametrize("args", [["-"], ["-", "a", "b"]])
def test_argv_stdin(pyexpr_bin, args):
    _same(run_pyexpr(args, input=ARGV), run_cpython(args, input=ARGV), args)


def test_argv_stdin_without_dash(pyexpr_bin):
    _same(run_pyexpr([], input=ARGV), run_cpython([], input=ARGV), "stdin")


def test_argv_undecodable_bytes(pyexpr_bin, tmp_path):
    # bytes that are not UTF-8 arrive as CPython's surrogateescape code points
    src = "import sys\nprint([hex(ord(c)) for c in sys.argv[1]])\n"
    arg = b"a\xff\xc3(b"
    _same(run_pyexpr(["-c", src, arg]), run_cpython(["-c", src, arg]), arg)


def test_argv_is_one_list_per_run(pyexpr_bin):
    src = "import sys\nsys.argv.append('x')\nimport sys as s\nprint(s.argv, s.argv is sys.argv)\n"
    _same(run_pyexpr(["-c", src, "a"]), run_cpython(["-c", src, "a"]), src)


SYS_EXIT = [
    "import sys; sys.exit()",
    "import sys; sys.exit(0)",
    "import sys; sys.exit(3)",
    "import sys; sys.exit(255 + 2)",
    "import sys; sys.exit(-1)",
    "import sys; sys.exit(2 ** 70)",
    "import sys; sys.exit(None)",
    "import sys; sys.exit(True)",
    "import sys; sys.exit('message')",
    "import sys; sys.exit('')",
    "import sys; sys.exit([1, 'a'])",
    "import sys; sys.exit((1, 2))",
    "import sys; sys.exit(1.5)",
    "import sys\nprint('out')\nsys.stdout.write('partial')\nsys.exit(4)",
    "import sys\ndef f():\n    try:\n        sys.exit(9)\n    finally:\n        print('fin')\nf()",
    "from sys import exit\nexit('via from-import')",
    "import sys; sys.exit(1, 2)",
]


@pytest.mark.parametrize("src", SYS_EXIT)
def test_sys_exit_status(pyexpr_bin, src):
    _same(run_pyexpr(["-c", src]), run_cpython(["-c", src]), src)


STDERR = [
    "import sys\nprint(sys.stderr.write('to err\\n'))\nprint('to out')",
    "import sys\nprint('a', 'b', sep='+', file=sys.stderr)\nprint('x', file=sys.stdout)",
    "import sys\nsys.stderr.write('no newline')\nsys.stderr.flush()",
    "import sys\nw = sys.stderr.write\nprint(w('h\\u00e9\\n'))",
]


@pytest.mark.parametrize("src", STDERR)
def test_stderr(pyexpr_bin, src):
    _same(run_pyexpr(["-c", src]), run_cpython(["-c", src]), src)


HOST_ATTRIBUTES = ["path", "modules", "executable", "platform", "getsizeof", "_getframe",
                   "settrace", "setprofile", "stdin", "prefix", "meta_path", "orig_argv",
                   "flags", "getrefcount", "__stdout__", "displayhook", "excepthook",
                   "audit", "addaudithook", "builtin_module_names", "dont_write_bytecode"]


@pytest.mark.parametrize("name", HOST_ATTRIBUTES)
def test_host_attributes_absent(pyexpr_bin, name):
    res = run_pyexpr(["-c", f"import sys\nprint('start')\nsys.{name}"])
    assert res.returncode == 1
    assert res.stdout == b"start\n"
    last = res.stderr.decode().strip().splitlines()[-1]
    assert last.startswith(f"AttributeError: module 'sys' has no attribute '{name}'"), res.stderr
    # and CPython does have it: the difference is deliberate
    assert run_cpython(["-c", f"import sys\nsys.{name}"]).returncode == 0


def test_pyexpr_identity(pyexpr_bin):
    src = ("import sys\nprint(sys.implementation.name, sys.implementation.cache_tag)\n"
           "print(sys.version_info[:2], sys.version.split()[0], sys.version.split(' ', 1)[1])\n"
           "print(sys.implementation.version[:3] == tuple(map(int, sys.version.split()[2][:-1].split('.'))))\n")
    res = run_pyexpr(["-c", src])
    ver = run_pyexpr(["--version"]).stdout.decode().split()[1]
    assert res.returncode == 0, res
    assert res.stdout.decode() == f"pyexpr None\n(3, 11) 3.11.0 (pyexpr {ver})\nTrue\n"


def test_recursionlimit_bounded_by_max_depth(pyexpr_bin):
    src = ("import sys\nsys.setrecursionlimit(100000)\nprint(sys.getrecursionlimit())\n"
           "def f(n): return 0 if n == 0 else 1 + f(n - 1)\nprint(f(150))\nprint(f(1000))\n")
    res = run_pyexpr(["--max-depth", "200", "-c", src])
    assert res.returncode == 1
    assert res.stdout == b"100000\n150\n"
    assert res.stderr.decode().strip().splitlines()[-1] == "RecursionError: maximum recursion depth exceeded"
    # lowering works, and the next program starts from the bound again
    src2 = ("import sys\nprint(sys.getrecursionlimit())\nsys.setrecursionlimit(50)\n"
            "def f(n): return 0 if n == 0 else 1 + f(n - 1)\nprint(f(40))\nprint(f(60))\n")
    res = run_pyexpr(["--max-depth", "200", "-c", src2])
    assert res.stdout == b"200\n40\n"
    assert res.stderr.decode().strip().splitlines()[-1] == "RecursionError: maximum recursion depth exceeded"


def test_extension_argv_and_streams(capsys):
    pyexpr = load_pyexpr()
    src = ("import sys\nprint(sys.argv)\nn = sys.stdout.write('w\\n')\nprint(n)\n"
           "print('e', file=sys.stderr)\nsys.setrecursionlimit(30)\nprint(sys.getrecursionlimit())\n")
    pyexpr.exec(src)
    pyexpr.exec(src)  # a second run: a fresh argv list, the limit back at the default
    out = capsys.readouterr()
    assert out.out == "['']\nw\n2\n30\n" * 2  # (sys.stderr: discarded by the extension)
    with pytest.raises(SystemExit) as ei:
        pyexpr.exec("import sys\nsys.exit(5)")
    assert ei.value.code == 5
