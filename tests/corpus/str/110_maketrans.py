# expect: ok
# str.maketrans (a static method): from a dict, from two strings, with a
# third string of characters to delete; every argument error.
print(str.maketrans('ab', 'xy'), str.maketrans('abé', 'xy€', 'q'), 'abc'.maketrans({'a': 'A', 98: None, 'ü': 1}))
print('hello'.translate(str.maketrans('lo', '01', 'h')))
m = str.maketrans
print(m('a', 'b'), str.maketrans.__name__)
for args in [(), ('a',), ('ab', 'c'), (1, 'a'), ('a', 1), ('a', 'b', 2), ({'ab': 1},), ({1.5: 1},), ('a', 'b', 'c', 'd'), ({},)]:
    try:
        print(str.maketrans(*args))
    except Exception as e:
        print(type(e).__name__, e)
