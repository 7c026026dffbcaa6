# expect: ok
# OSError (errno form, filenames, errno -> subclass), the Unicode errors, SystemExit.code, StopIteration.value
for a in [(2,'x'), (2,'x','f'), (2,'x','f',None,'g'), (2,'x','f',3,'g',6), ('a','b'), ('a',), (13,'x'), (True,'x'), (2,'x',None), (), (11, 'again'), (110, 't')]:
    e = OSError(*a)
    print(type(e).__name__, repr(e), str(e), e.args, e.errno, e.strerror, e.filename, e.filename2)
e=FileNotFoundError(13,'x'); print(type(e).__name__, repr(e), str(e))
print(IOError is OSError, EnvironmentError)
tests = [(UnicodeEncodeError, (1,'a',0,1,'r')), (UnicodeEncodeError, ('u',1,0,1,'r')), (UnicodeEncodeError, ('u','a','0',1,'r')), (UnicodeEncodeError, ('u','a',0,1.0,'r')), (UnicodeEncodeError, ('u','a',0,1,5)),
(UnicodeDecodeError, ('u',1,0,1,'r')), (UnicodeDecodeError, (1,'a',0,1,'r')),(UnicodeDecodeError, ('u',[],0,1,'r')),
(UnicodeTranslateError, (1,0,1,'r')), (UnicodeTranslateError, ('a','0',1,'r')), (UnicodeTranslateError, ('a',0,1,2)),
(UnicodeEncodeError, ('u','abc',0,2,'r')),(UnicodeEncodeError, ('u','abc',5,9,'r')),(UnicodeEncodeError, ('u','a\u1234\U00012345',1,2,'r')),(UnicodeEncodeError, ('u','a\u1234\U00012345',2,3,'r')),(UnicodeEncodeError, ('u','abc',-1,0,'r')),(UnicodeEncodeError, ('u','abc',2,1,'r')),(UnicodeEncodeError, ('u','',0,1,'r')), (UnicodeTranslateError, ('abc',1,3,'why')), (UnicodeEncodeError, ('u','abc',True,2**70,'r')),
(UnicodeEncodeError, ()), (UnicodeTranslateError, ('a',)), (UnicodeEncodeError, ('u','\xe9',0,1,'r'))]
for c,a in tests:
    try:
        e=c(*a); print(repr(e), '|', str(e), '|', e.start, e.end, e.reason, e.object, getattr(e,'encoding',None), e.args)
    except Exception as ex: print(c.__name__, type(ex).__name__, ex)
print(UnicodeError('x'), repr(UnicodeError()), UnicodeError().args)
try: UnicodeEncodeError(encoding='u')
except Exception as ex: print(type(ex).__name__, ex)
e=SystemExit(); print(e.code); print(SystemExit(1,2).code, SystemExit(3).code)
print(StopIteration(1,2).value, StopIteration().value, StopIteration(5).value, StopIteration(5).args)
it = iter([])
try:
    next(it)
except StopIteration as e:
    print(repr(e), e.value, e.args)
for a in [(11, 'x', 5), (11, 'x', 'f'), (11, 'x', None)]:
    e = BlockingIOError(*a)
    print(repr(e), str(e), e.args, e.filename)
    try:
        print(e.characters_written)
    except AttributeError as ex:
        print("AttributeError")
try:
    BlockingIOError(11, "x", 2.5)
except TypeError as e:
    print("TypeError:", e)
