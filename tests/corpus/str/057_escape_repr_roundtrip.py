# expect: ok
samples = ['a\tb', 'x\\y', "q'q", 'd"d', 'b\'o"th', '\n\r', 'é\x85', '\u2029', '\x1b[0m']
for s in samples:
    r = repr(s)
    print(r, len(s), len(r))
