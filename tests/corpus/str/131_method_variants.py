# expect: ok
# str methods that are variants of one helper (find/strip/split/justify/partition families), splitlines/expandtabs optional ints
s = "  a\tb\r\nc\nd  "
print(s.splitlines(), s.splitlines(True), s.splitlines(keepends=1), s.expandtabs(), s.expandtabs(2), s.expandtabs(tabsize=3))
for bad in (lambda: s.splitlines(1, 2), lambda: s.expandtabs("x"), lambda: s.splitlines(k=1), lambda: s.expandtabs(2.5)):
    try: bad()
    except TypeError as e: print(e)
print(s.find("a"), s.rfind("d"), s.index("b"), s.rindex(" "), s.startswith(" "), s.endswith("d"), s.split(), s.rsplit(None, 1))
print(s.strip(), s.lstrip(" "), s.rstrip(), "x".center(5, "*"), "x".ljust(3), "x".rjust(3), "a=b".partition("="), "a=b=c".rpartition("="))
try: "x".rindex("y")
except ValueError as e: print(e)
try: "x".strip(1)
except TypeError as e: print(e)
