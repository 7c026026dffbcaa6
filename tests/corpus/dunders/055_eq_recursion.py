# expect: ok
class A:
    def __eq__(self, o):
        return self == o
try:
    A() == A()
except RecursionError:
    print("RecursionError")
class H:
    def __hash__(self):
        return hash(self)
try:
    hash(H())
except RecursionError:
    print("RecursionError hash")
class L:
    def __len__(self):
        return len(self)
try:
    len(L())
except RecursionError:
    print("RecursionError len")
class S:
    def __str__(self):
        return str(self)
try:
    str(S())
except RecursionError:
    print("RecursionError str")
class Ad:
    def __add__(self, o):
        return self + o
try:
    Ad() + 1
except RecursionError:
    print("RecursionError add")
print("done")
