# expect: ok
x = ...
print(x, type(x), x is Ellipsis, ... == ..., hash(...) == hash(Ellipsis), repr(...), str(...))
def f(): ...
print(f(), [1, ...], {...: 1}[...])
print(type(...).__name__, bool(...))
class A:
  def __getitem__(s, k): return k
print(A()[...], A()[1:...], A()[..., 1])
