# expect: ok
# str and bytes subclass instances accepted where the built-ins take str/bytes arguments
class S(str): pass
class B(bytes): pass
s = S("a")
print("".join([s, S("b")]), type("".join([s])).__name__, "abc".startswith(s), "abc".endswith((S("c"),)), s in "xa", "-".join(S("xy")))
print("banana".count(S("a")), "banana".find(S("n")), "a,b".split(S(",")), "xyx".strip(S("x")), "aXa".replace(S("X"), S("-")))
print("ab".center(6, S("*")), "prefix".removeprefix(S("pre")), ord(S("z")), b"abc".startswith(B(b"a")), B(b"x") in b"yxz", b"-".join([B(b"a"), b"b"]))
print(ord(B(b"a")), bytes(B(b"q")), type(bytes(B(b"q"))).__name__, str(S("w")), type(str(S("w"))).__name__, B(b"ab").hex())
print(getattr(1, S("real")), {S("k"): 1}, dict(a=1)[S("a")], sorted({S("b"), "a"}), "%s" % S("t"), S("x") * 3)
print(int(S("42")), float(S("1.5")), int(B(b"7")), list(map(str.upper, [S("a")])))
