# expect: ok
try:
    print("b'%s' % 1", repr(b'%s' % 1))
except Exception as e:
    print("b'%s' % 1", type(e).__name__, e)
try:
    print("b'%c' % 256", repr(b'%c' % 256))
except Exception as e:
    print("b'%c' % 256", type(e).__name__, e)
try:
    print("b'%c' % 'a'", repr(b'%c' % 'a'))
except Exception as e:
    print("b'%c' % 'a'", type(e).__name__, e)
try:
    print("b'%c' % b'ab'", repr(b'%c' % b'ab'))
except Exception as e:
    print("b'%c' % b'ab'", type(e).__name__, e)
try:
    print("b'%f' % 'x'", repr(b'%f' % 'x'))
except Exception as e:
    print("b'%f' % 'x'", type(e).__name__, e)
try:
    print("b'%d' % 'x'", repr(b'%d' % 'x'))
except Exception as e:
    print("b'%d' % 'x'", type(e).__name__, e)
try:
    print("b'%x' % 1.5", repr(b'%x' % 1.5))
except Exception as e:
    print("b'%x' % 1.5", type(e).__name__, e)
try:
    print("b'%s %s' % (b'a',)", repr(b'%s %s' % (b'a',)))
except Exception as e:
    print("b'%s %s' % (b'a',)", type(e).__name__, e)
try:
    print("b'%s' % (b'a', b'b')", repr(b'%s' % (b'a', b'b')))
except Exception as e:
    print("b'%s' % (b'a', b'b')", type(e).__name__, e)
try:
    print("b'%(k)s' % {b'k': b'v'}", repr(b'%(k)s' % {b'k': b'v'}))
except Exception as e:
    print("b'%(k)s' % {b'k': b'v'}", type(e).__name__, e)
try:
    print("b'%(k)s' % {'k': b'v'}", repr(b'%(k)s' % {'k': b'v'}))
except Exception as e:
    print("b'%(k)s' % {'k': b'v'}", type(e).__name__, e)
try:
    print("b'%z' % 1", repr(b'%z' % 1))
except Exception as e:
    print("b'%z' % 1", type(e).__name__, e)
try:
    print("b'%' % ()", repr(b'%' % ()))
except Exception as e:
    print("b'%' % ()", type(e).__name__, e)
try:
    print("bytearray(b'%s') % b'x'", repr(bytearray(b'%s') % b'x'))
except Exception as e:
    print("bytearray(b'%s') % b'x'", type(e).__name__, e)
try:
    print("b'%s' % bytearray(b'x')", repr(b'%s' % bytearray(b'x')))
except Exception as e:
    print("b'%s' % bytearray(b'x')", type(e).__name__, e)
try:
    print("b'%5.2s|%-4b|%r|%a' % (b'abc', b'x', 'é', b'q')", repr(b'%5.2s|%-4b|%r|%a' % (b'abc', b'x', 'é', b'q')))
except Exception as e:
    print("b'%5.2s|%-4b|%r|%a' % (b'abc', b'x', 'é', b'q')", type(e).__name__, e)
try:
    print("b'%c%c' % (65, b'B')", repr(b'%c%c' % (65, b'B')))
except Exception as e:
    print("b'%c%c' % (65, b'B')", type(e).__name__, e)
try:
    print("b'%05d %+.3f %x %#o %e' % (-42, 2.5, 255, 8, 12345.678)", repr(b'%05d %+.3f %x %#o %e' % (-42, 2.5, 255, 8, 12345.678)))
except Exception as e:
    print("b'%05d %+.3f %x %#o %e' % (-42, 2.5, 255, 8, 12345.678)", type(e).__name__, e)
try:
    print("b'%s' % {b'k': 1}", repr(b'%s' % {b'k': 1}))
except Exception as e:
    print("b'%s' % {b'k': 1}", type(e).__name__, e)
try:
    print("b'%(a)s %(a)s' % {b'a': b'x'}", repr(b'%(a)s %(a)s' % {b'a': b'x'}))
except Exception as e:
    print("b'%(a)s %(a)s' % {b'a': b'x'}", type(e).__name__, e)
try:
    print("b'\\xff%s\\xfe' % b'\\x00'", repr(b'\xff%s\xfe' % b'\x00'))
except Exception as e:
    print("b'\\xff%s\\xfe' % b'\\x00'", type(e).__name__, e)
try:
    print("b'%d%%' % 50", repr(b'%d%%' % 50))
except Exception as e:
    print("b'%d%%' % 50", type(e).__name__, e)
try:
    print("b'%i' % True", repr(b'%i' % True))
except Exception as e:
    print("b'%i' % True", type(e).__name__, e)
try:
    print("b'%s' % 'str'", repr(b'%s' % 'str'))
except Exception as e:
    print("b'%s' % 'str'", type(e).__name__, e)
try:
    print("b'%.1s' % b'\\xff\\xfe'", repr(b'%.1s' % b'\xff\xfe'))
except Exception as e:
    print("b'%.1s' % b'\\xff\\xfe'", type(e).__name__, e)
try:
    print("b'%*d' % (5, 3)", repr(b'%*d' % (5, 3)))
except Exception as e:
    print("b'%*d' % (5, 3)", type(e).__name__, e)
try:
    print("b'%c' % -1", repr(b'%c' % -1))
except Exception as e:
    print("b'%c' % -1", type(e).__name__, e)
try:
    print("b'%-6r|' % b'x'", repr(b'%-6r|' % b'x'))
except Exception as e:
    print("b'%-6r|' % b'x'", type(e).__name__, e)
try:
    print("b'%s' % ()", repr(b'%s' % ()))
except Exception as e:
    print("b'%s' % ()", type(e).__name__, e)
try:
    print("b'a' % ()", repr(b'a' % ()))
except Exception as e:
    print("b'a' % ()", type(e).__name__, e)
try:
    print("b'a' % 1", repr(b'a' % 1))
except Exception as e:
    print("b'a' % 1", type(e).__name__, e)
try:
    print("b'a' % {}", repr(b'a' % {}))
except Exception as e:
    print("b'a' % {}", type(e).__name__, e)
try:
    print("b'%(x)d' % {b'x': 3.7}", repr(b'%(x)d' % {b'x': 3.7}))
except Exception as e:
    print("b'%(x)d' % {b'x': 3.7}", type(e).__name__, e)
try:
    print("b'%#X %g %G %E' % (3054, 1e20, 1e-20, 0.5)", repr(b'%#X %g %G %E' % (3054, 1e20, 1e-20, 0.5)))
except Exception as e:
    print("b'%#X %g %G %E' % (3054, 1e20, 1e-20, 0.5)", type(e).__name__, e)
try:
    print("b'%10.4f|%-10d|% d' % (3.14159, 7, 9)", repr(b'%10.4f|%-10d|% d' % (3.14159, 7, 9)))
except Exception as e:
    print("b'%10.4f|%-10d|% d' % (3.14159, 7, 9)", type(e).__name__, e)
try:
    print("'%s' % b'x'", repr('%s' % b'x'))
except Exception as e:
    print("'%s' % b'x'", type(e).__name__, e)
try:
    print("b'%s' % (bytearray(b'\\xff'),)", repr(b'%s' % (bytearray(b'\xff'),)))
except Exception as e:
    print("b'%s' % (bytearray(b'\\xff'),)", type(e).__name__, e)
try:
    print("bytearray(b'%d-%d') % (1, 2)", repr(bytearray(b'%d-%d') % (1, 2)))
except Exception as e:
    print("bytearray(b'%d-%d') % (1, 2)", type(e).__name__, e)
try:
    print("b'%(a)s' % 5", repr(b'%(a)s' % 5))
except Exception as e:
    print("b'%(a)s' % 5", type(e).__name__, e)
try:
    print("b'%b' % 5", repr(b'%b' % 5))
except Exception as e:
    print("b'%b' % 5", type(e).__name__, e)
try:
    print("b'%.0s' % b'abc'", repr(b'%.0s' % b'abc'))
except Exception as e:
    print("b'%.0s' % b'abc'", type(e).__name__, e)
try:
    print("b'%5c' % 65", repr(b'%5c' % 65))
except Exception as e:
    print("b'%5c' % 65", type(e).__name__, e)
