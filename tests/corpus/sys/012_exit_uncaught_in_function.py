# expect: ok
# sys.exit deep in calls, with finally blocks on the way out; status 0
import sys
def inner():
    try:
        sys.exit(0)
    finally:
        print("inner finally")
def outer():
    try:
        inner()
    finally:
        print("outer finally")
x = outer()
