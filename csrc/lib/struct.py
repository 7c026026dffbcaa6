"""Conversion between Python values and C structs packed in bytes
(CPython 3.11's struct module; the packing itself is _struct, in C)."""

import _struct

__all__ = ["calcsize", "pack", "pack_into", "unpack", "unpack_from", "iter_unpack",
           "Struct", "error"]


class error(Exception):
    pass


calcsize = _struct.calcsize
pack = _struct.pack
pack_into = _struct.pack_into
unpack = _struct.unpack
unpack_from = _struct.unpack_from


def iter_unpack(format, buffer):
    size = _struct.calcsize(format)
    if size == 0:
        raise error("cannot iteratively unpack with a struct of length 0")
    if len(buffer) % size:
        raise error("iterative unpacking requires a buffer of a multiple of %d bytes" % size)
    return _iter_unpack(format, buffer, size)


def _iter_unpack(format, buffer, size):
    for off in range(0, len(buffer), size):
        yield _struct.unpack_from(format, buffer, off)


class Struct:
    def __init__(self, format):
        if isinstance(format, bytes):
            format = format.decode("ascii")
        self._size = _struct.calcsize(format)
        self._format = format

    @property
    def format(self):
        return self._format

    @property
    def size(self):
        return self._size

    def pack(self, *values):
        return _struct.pack(self._format, *values)

    def pack_into(self, buffer, offset, *values):
        return _struct.pack_into(self._format, buffer, offset, *values)

    def unpack(self, buffer):
        return _struct.unpack(self._format, buffer)

    def unpack_from(self, buffer, offset=0):
        return _struct.unpack_from(self._format, buffer, offset)

    def iter_unpack(self, buffer):
        return iter_unpack(self._format, buffer)

    def __repr__(self):
        return "<_struct.Struct object at 0x%x>" % id(self)


Struct.__module__ = "_struct"
