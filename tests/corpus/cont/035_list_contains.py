# expect: ok
l = [1, 'a', (2, 3), [4], None, 2.5]
print(1 in l, 'a' in l, (2, 3) in l, [4] in l, None in l, 2.5 in l, True in l, 1.0 in l)
print(3 in l, 'b' not in l, [] in [[]], () in [[]], 0 in [False], False in [0])
