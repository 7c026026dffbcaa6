# expect: ok
# from sys import ...; import sys as ...; the module's identity
import sys
import sys as s2
from sys import maxsize, version_info as vi, stdout
print(s2 is sys, maxsize == sys.maxsize, vi is sys.version_info, stdout is sys.stdout)
print(sys.stdout is sys.stdout, sys.argv is sys.argv, type(sys.argv).__name__)
def g():
    import sys as inner
    return inner
print(g() is sys)
sys.argv.append("extra")
print(sys.argv[-1])
try:
    from sys import nope
except ImportError as e:
    print(e)
try:
    import sys.nope
except ModuleNotFoundError as e:
    print(e)
