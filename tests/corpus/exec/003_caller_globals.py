# expect: ok
# exec/eval without explicit namespaces read and rebind the caller's globals (by name, one lookup each).
a = 1
b = "x"
def f():
    c = 5
    return eval("a + c"), eval("len(b) + c * 2")
print(f())
exec("a = a + 10\nnew = 3\nb = b * 2")
print(a, b)
exec("print(a, b, len)")
print(eval("[a, b, None]"))
class K:
    pass
exec("K.x = a")
print(K.x)
for i in range(3):
    exec("a = a + i")
print(a)
try:
    exec("print(undefined_name)")
except NameError as e:
    print(e)
