"""bytes and bytearray across the CPython extension (``import pyexpr``):
Python bytes/bytearray (and their subclasses) enter as copies of the same
type, results come back as Python bytes/bytearray, nested in containers and
as dict keys; the public C API underneath is tested by csrc/tests/test_bytes.c.
"""

from __future__ import annotations

import pytest

from _extension_build import load_pyexpr

pyexpr = load_pyexpr()


class MyBytes(bytes):
    pass


@pytest.mark.parametrize("value", [b"", b"abc", bytes(range(256)), b"\x00" * 1000])
def test_bytes_round_trip(value):
    got = pyexpr.eval("x", {"x": value})
    assert type(got) is bytes and got == value


@pytest.mark.parametrize("value", [bytearray(), bytearray(b"xy\xff")])
def test_bytearray_round_trip_is_a_copy(value):
    got = pyexpr.eval("x", {"x": value})
    assert type(got) is bytearray and got == value and got is not value


def test_operations_on_inputs():
    assert pyexpr.eval("x + b'!'", {"x": b"ab"}) == b"ab!"
    assert pyexpr.eval("x.decode()", {"x": "é".encode()}) == "é"
    assert pyexpr.eval("s.encode('latin-1')", {"s": "é"}) == b"\xe9"
    assert pyexpr.eval("x[1]", {"x": MyBytes(b"ab")}) == 98
    assert type(pyexpr.eval("x", {"x": MyBytes(b"ab")})) is bytes
    assert pyexpr.eval("int.from_bytes(x, 'big')", {"x": b"\x01\x00"}) == 256
    assert pyexpr.eval("(2**80).to_bytes(11, 'little')") == (2**80).to_bytes(11, "little")


def test_bytearray_mutation_stays_inside():
    src = "x.append(33)\ny = x"
    data = bytearray(b"hi")
    out = pyexpr.exec(src, {"x": data})
    assert data == bytearray(b"hi")  # the engine works on a copy
    assert out["y"] == bytearray(b"hi!") and type(out["y"]) is bytearray


def test_nested_results():
    got = pyexpr.eval("{b'k': [bytearray(b'v'), (b'', b'\\xff')]}")
    assert got == {b"k": [bytearray(b"v"), (b"", b"\xff")]}
    assert type(got[b"k"][0]) is bytearray


def test_types_and_errors():
    assert pyexpr.eval("type(b'')") is bytes
    assert pyexpr.eval("bytearray") is bytearray

@pytest.mark.parametrize("src", [
    "b'ab\\xff'.decode()",
    "b'\\xe0\\xa0'.decode()",
    "b'a\\x80'.decode('ascii')",
    "'caf\\xe9'.encode('ascii')",
    "'\\u20ac\\u20ac'.encode('latin-1')",
    "'a\\U0001f600'.encode('ascii')",
    "'\\ud800'.encode()",
])
def test_unicode_errors_cross_as_cpython_builds_them(src):
    with pytest.raises(UnicodeError) as mine:
        pyexpr.eval(src)
    with pytest.raises(UnicodeError) as theirs:
        eval(src)
    a, b = mine.value, theirs.value
    assert type(a) is type(b)
    assert str(a) == str(b)
    assert (a.encoding, a.start, a.end, a.reason) == (b.encoding, b.start, b.end, b.reason)
    assert len(a.object) == b.end or len(a.object) >= a.end
