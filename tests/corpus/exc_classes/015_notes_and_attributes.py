# expect: note B
# add_note/__notes__ (printed after the last line), with_traceback, attributes of built-in exception instances, __cause__/__context__/__suppress_context__/args assignment
def show(label, f):
    try:
        r = f()
        print(label, repr(r))
    except Exception as e:
        print(label, "!", type(e).__name__, e)
e = ValueError("v")
e.add_note("first note")
e.add_note("second")
show("notes", lambda: e.__notes__)
show("with_tb", lambda: e.with_traceback(None) is e)
show("supp", lambda: e.__suppress_context__)
e.x = 5
show("attr", lambda: (e.x, e.__dict__))
e.__cause__ = KeyError("k")
show("cause", lambda: (e.__cause__, e.__suppress_context__))
e.__cause__ = None
show("cause none", lambda: (e.__cause__, e.__suppress_context__))
show("bad cause", lambda: setattr(e, "__cause__", 5))
show("bad note", lambda: e.add_note(5))
e.args = [1, 2]
show("args", lambda: e.args)
show("del args", lambda: delattr(e, "args"))
show("del x", lambda: delattr(e, "x"))
show("del y", lambda: delattr(e, "y"))
show("missing", lambda: e.nope)
class MyErr(Exception):
    pass
m = MyErr("m")
m.add_note("user note")
m.__cause__ = e
show("user notes", lambda: (m.__notes__, m.__cause__ is e, m.__suppress_context__, vars(m)))
show("dir exc", lambda: [n for n in dir(m) if not n.startswith("__")])
def raiser():
    try:
        1 / 0
    except ZeroDivisionError as z:
        z.add_note("while dividing")
        raise
try:
    raiser()
except ZeroDivisionError as z:
    print(z.__notes__)
err = KeyError("key")
err.add_note("note A")
err.add_note("note B")
raise err
