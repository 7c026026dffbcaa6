# expect: ok
# sys.version_info: the 3.11 language; a tuple with named fields
import sys
vi = sys.version_info
print(vi.major, vi.minor, vi[0], vi[1], vi[:2], vi[-2], vi.releaselevel, vi.serial)
print(len(vi), vi >= (3, 8), vi < (3, 12), (3, 11) <= vi, vi[:2] == (3, 11), vi > (3,))
print(vi == tuple(vi), tuple(vi)[:2], list(vi)[3:], 11 in vi, 'final' in vi, 4 in vi)
major, minor, *rest = vi
print(major, minor, len(rest), "%d.%d" % vi[:2], f"{vi.major}.{vi.minor}")
print(hash(vi) == hash(tuple(vi)), type(vi), type(vi).__name__)
print(sys.version.split()[0].startswith("3.11."), sys.hexversion >> 16 == 0x30B)
try:
    vi[5]
except IndexError as e:
    print(e)
try:
    vi["a"]
except TypeError as e:
    print(e)
try:
    vi.foo
except AttributeError as e:
    print(e)
try:
    vi < 3.5
except TypeError as e:
    print(e)
