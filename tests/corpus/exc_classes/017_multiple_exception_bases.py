# expect: K: 'final'
class K(KeyError): pass
class S(StopIteration): pass
class O(OSError): pass
class U(UnicodeDecodeError): pass
class A(AttributeError): pass
class N(NameError): pass
class Z(ZeroDivisionError, ValueError): pass
print(str(K('a')), repr(K('a')), S(5).value, O(2, 'x').errno, O(2, 'x').strerror)
print(Z.__mro__)
try:
    raise K('zz')
except KeyError as e:
    print('caught', e, type(e).__name__)
try:
    class Bad(OSError, ImportError): pass
except TypeError as e:
    print(e)
try:
    class Bad2(KeyError, StopIteration): pass
except TypeError as e:
    print(e)
class T(ArithmeticError, TypeError): pass
print(T.__mro__, isinstance(T(), TypeError))
e = O(2, 'No such file')
print(e, type(e).__mro__[1])
raise K('final')
