# expect: ok
# Every built-in exception class: its name, base, repr/str/args, and that
# `except Base` catches it.
import math

names = [
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException",
    "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning",
    "ChildProcessError", "ConnectionAbortedError", "ConnectionError",
    "ConnectionRefusedError", "ConnectionResetError", "DeprecationWarning",
    "EOFError", "EncodingWarning", "EnvironmentError", "Exception",
    "FileExistsError", "FileNotFoundError", "FloatingPointError",
    "FutureWarning", "GeneratorExit", "IOError", "ImportError", "ImportWarning",
    "IndentationError", "IndexError", "InterruptedError", "IsADirectoryError",
    "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError",
    "ModuleNotFoundError", "NameError", "NotADirectoryError",
    "NotImplementedError", "OSError", "OverflowError",
    "PendingDeprecationWarning", "PermissionError", "ProcessLookupError",
    "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError",
    "RuntimeWarning", "StopAsyncIteration", "StopIteration", "SyntaxError",
    "SyntaxWarning", "SystemError", "SystemExit", "TabError", "TimeoutError",
    "TypeError", "UnboundLocalError", "UnicodeError", "UnicodeWarning",
    "UserWarning", "ValueError", "Warning", "ZeroDivisionError",
]
classes = [ArithmeticError, AssertionError, AttributeError, BaseException,
    BlockingIOError, BrokenPipeError, BufferError, BytesWarning,
    ChildProcessError, ConnectionAbortedError, ConnectionError,
    ConnectionRefusedError, ConnectionResetError, DeprecationWarning,
    EOFError, EncodingWarning, EnvironmentError, Exception,
    FileExistsError, FileNotFoundError, FloatingPointError,
    FutureWarning, GeneratorExit, IOError, ImportError, ImportWarning,
    IndentationError, IndexError, InterruptedError, IsADirectoryError,
    KeyError, KeyboardInterrupt, LookupError, MemoryError,
    ModuleNotFoundError, NameError, NotADirectoryError,
    NotImplementedError, OSError, OverflowError,
    PendingDeprecationWarning, PermissionError, ProcessLookupError,
    RecursionError, ReferenceError, ResourceWarning, RuntimeError,
    RuntimeWarning, StopAsyncIteration, StopIteration, SyntaxError,
    SyntaxWarning, SystemError, SystemExit, TabError, TimeoutError,
    TypeError, UnboundLocalError, UnicodeError, UnicodeWarning,
    UserWarning, ValueError, Warning, ZeroDivisionError]
bases = [BaseException, Exception, ArithmeticError, LookupError, OSError,
         ConnectionError, Warning, ValueError, UnicodeError, RuntimeError,
         ImportError, SyntaxError, NameError]
for name, cls in zip(names, classes):
    e0, e1 = cls(), cls("msg")
    e2 = cls("a", 2) if not issubclass(cls, SyntaxError) else cls("a")
    caught = []
    for b in bases:
        try:
            raise cls("boom")
        except b:
            caught.append(b.__name__)
        except BaseException:
            pass
    print(name, cls.__name__, cls, repr(e0), repr(e1), str(e1), repr(e2), str(e2), e2.args,
          isinstance(e1, Exception), caught)
print(IOError is OSError, EnvironmentError is OSError, issubclass(TimeoutError, OSError))
try:
    raise FileNotFoundError(2, "No such file or directory", "x.txt")
except OSError as e:
    print(type(e).__name__, e, e.errno, e.strerror, e.filename, e.args)
try:
    raise BrokenPipeError
except ConnectionError as e:
    print("caught", repr(e))
print(math.pi > 3)
