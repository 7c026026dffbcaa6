# expect: AttributeError: 'range' object has no attribute 'stat'. Did you mean: 'start'?
r = range(2, 9, 3)
print(r.start, r.stop, r.step)
try:
    r.stat
except AttributeError as e:
    print("caught:", e)
x = r.stat
