# expect: TypeError: write() argument must be str, not int
import sys
sys.stdout.write("ok\n")
n = sys.stdout.write(42)
