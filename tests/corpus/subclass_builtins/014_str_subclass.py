# expect: TypeError: can only concatenate str (not "int") to str
# str subclasses: methods return str, equality and hashing as str, overrides
class Name(str):
    def greet(self):
        return "hello " + self
    def __len__(self):
        return 99

n = Name("ada")
print(n, repr(n), n.upper(), type(n.upper()).__name__, type(n[0]).__name__, n.greet(), len(n))
print(n == "ada", "ada" == n, n < "b", hash(n) == hash("ada"), {"ada": 1}[n], {n: 2}["ada"])
print(n + "!", "!" + n, n * 2, f"[{n}]", f"[{n:>5}]", "%s|%r" % (n, n), "{}".format(n), str(n), type(str(n)).__name__)
print(n.split("d"), n.replace("a", "o"), n.startswith("a"), n.title(), n.center(7, "*"), list(n), "d" in n)
print(isinstance(n, str), Name(), Name(5), Name(b"x", "ascii"), type(Name("q")).__name__)
print(sorted([Name("b"), "a", Name("c")]), max(Name("b"), "a"), str.upper(n))
print(n.__class__.__name__, Name.__mro__)

class Upper(str):
    def __new__(cls, text):
        return super().__new__(cls, text.upper())
    def __str__(self):
        return "<" + super().__str__() + ">"
u = Upper("abc")
print(u, repr(u), u.lower(), "%s" % u, f"{u}", u == "ABC")

class Tagged(str):
    __slots__ = ("tag",)
t = Tagged("v")
t.tag = 1
print(t, t.tag)
try:
    t.other = 2
except AttributeError as e:
    print(e)
print(Name("a") + 1)
