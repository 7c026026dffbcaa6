"""Classes: pyexpr's own messages where CPython has a feature pyexpr leaves
out (the differential programs are tests/corpus/classes/)."""
import pytest

from _util import last_stderr_line, run_pyexpr


@pytest.mark.parametrize("src,msg", [
    ("class M(type): pass\nclass A(metaclass=M): pass\n",
     "NotImplementedError: metaclasses (metaclass=) are not supported by pyexpr"),
    ("class M(type): pass\n",
     "NotImplementedError: metaclasses (subclassing 'type') are not supported by pyexpr"),
    ("M = type('M', (type,), {})\n",
     "NotImplementedError: metaclasses (subclassing 'type') are not supported by pyexpr"),
    ("bases = (object,)\nclass A(*bases): pass\n",
     "NotImplementedError: unpacking (*) in a class's bases is not supported by pyexpr"),
    ("kw = {}\nclass A(**kw): pass\n",
     "NotImplementedError: unpacking (**) in a class's keywords is not supported by pyexpr"),
    ("class B(bytearray): pass\n",
     "NotImplementedError: subclassing built-in type 'bytearray' is not supported by pyexpr yet"),
    ("class A: pass\nsuper(A)\n",
     "NotImplementedError: unbound super objects (super(type)) are not supported by pyexpr"),
])
def test_unsupported_class_features_name_themselves(src, msg):
    got = run_pyexpr(["-c", src])
    assert got.returncode == 1
    assert last_stderr_line(got.stderr) == msg


def test_many_classes_and_instances_are_reclaimed():
    # classes made in a loop (3-arg type and class statements) and their
    # instances are freed by reference counting while the program runs
    src = (
        "for i in range(20000):\n"
        "    T = type('T', (), {'v': i})\n"
        "    class K(T):\n"
        "        def m(self): return self.v\n"
        "    k = K()\n"
        "    assert k.m() == i\n"
        "print('ok')\n"
    )
    got = run_pyexpr(["--max-memory", "20000000", "-c", src])
    assert got.returncode == 0, got.stderr
    assert got.stdout == b"ok\n"
