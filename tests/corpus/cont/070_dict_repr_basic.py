# expect: ok
print({})
print({1: 'a'})
print({'x': 1, 'y': [2], 'z': {'w': None}})
print({(1, 2): 3, 1.5: True, None: 0, False: 'f'})
print(dict(), dict(a=1, b=2), dict([(1, 2), (3, 4)]), dict({1: 2}), dict([[5, 6]]), dict(['ab', 'cd']))
