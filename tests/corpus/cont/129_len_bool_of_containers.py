# expect: ok
print(len([]), len([1, 2]), len(()), len((1,)), len({}), len({1: 2}), len(set()), len({1, 2, 2}), len(frozenset('ab')))
print(bool([]), bool([0]), bool(()), bool((0,)), bool({}), bool({0: 0}), bool(set()), bool({0}))
print(bool({}.keys()), bool({1: 2}.items()), len({1: 2, 3: 4}.values()))
if []:
    print('no')
elif [0]:
    print('yes')
