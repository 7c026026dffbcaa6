# expect: ok
# sys.maxsize, byteorder, maxunicode, float_info, int_info, getdefaultencoding, intern
import sys
print(sys.maxsize, sys.maxsize == 2**63 - 1, sys.byteorder, sys.maxunicode)
print(sys.float_info)
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_info[0])
print(sys.int_info, sys.int_info.default_max_str_digits)
print(sys.getdefaultencoding(), sys.intern("abc"), sys.intern("x" * 3) == "xxx")
print(sys.float_info.max * 2, -sys.maxsize - 1, sys.maxsize + 1)
print(sys, sys.__name__, sys.exit, sys.getrecursionlimit)
for bad in (lambda: sys.intern(1), lambda: sys.intern(), lambda: sys.getdefaultencoding(1)):
    try:
        bad()
    except TypeError as e:
        print(e)
