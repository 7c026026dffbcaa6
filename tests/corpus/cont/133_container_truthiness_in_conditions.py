# expect: ok
items = [[], [0], {}, {1: 1}, set(), {2}, (), (3,), '', 'x']
for it in items:
    print(repr(it), 'truthy' if it else 'falsy')
x = [] or {} or () or 'fallback'
print(x, [1] and [2], not [], not [1])
