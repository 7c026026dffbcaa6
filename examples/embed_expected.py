"""What examples/embed.c prints, produced by CPython (tests/test_embedding.py
runs this with the CPython 3.11 oracle and compares it with ./embed's
stdout). The Python programs are embed.c's strings; the host C function is
emulated in Python; lines that are facts of the C side (the number of
global names, pyexpr's own LimitError) are printed as such.
"""
import traceback

PROGRAM = (
    "scores = {name: clamp(sum(marks) * weight, 0, 100) for name, marks in students.items()}\n"
    "best = max(scores, key=scores.get)\n"
)
RESULT = "f'{best} leads with {scores[best]}'"
FAILING = "def ratio(a, b):\n    return a / b\nratio(total, count)\n"
GUARD = "try:\n    clamp('9', 0, 10)\nexcept TypeError as e:\n    msg = str(e)\n"


def clamp(x, lo, hi):
    for v in (x, lo, hi):
        if type(v) is not int:
            raise TypeError(f"clamp() wants ints, not {type(v).__name__}")
    return lo if x < lo else hi if x > hi else x


students = {"ada": [12, 9, 7], "bob": [5, 20, 6], "cy": [9, 9, 9]}

# pyexpr's global slots of PROGRAM: scores, clamp, sum, weight, students, max, best
print("program uses 7 global names")
weight = 1
while weight <= 4:
    g = {"students": students, "clamp": clamp, "weight": weight}
    exec(compile(PROGRAM, "<string>", "exec"), g)
    print(f"weight {weight}: {eval(RESULT, g)}")
    print(f"  scores: {g['scores']!r}")
    weight *= 2

g = {"clamp": clamp}
exec(compile(GUARD, "<string>", "exec"), g)
print(f"script caught: {g['msg']}")

g = {"total": 10, "count": 0}
try:
    exec(compile(FAILING, "<string>", "exec"), g)
except ArithmeticError as e:
    print(f"caught {type(e).__name__} (an ArithmeticError)")
    # the traceback without this file's own frame (the exec call)
    print("".join(traceback.format_exception(type(e), e, e.__traceback__.tb_next)), end="")

# pyexpr's own limit (max_memory = 16 << 20 in embed.c); CPython has none
print(f"LimitError: memory limit exceeded (max_memory={16 << 20} bytes)")
