# expect: TypeError: combinations() missing required argument 'r' (pos 2)
from itertools import product, permutations, combinations, combinations_with_replacement

print(list(product('ab', range(2))), list(product([1, 2], repeat=2)), list(product()), list(product('ab', [])))
print(list(product('ab', 'c', repeat=2)), len(list(product(range(3), repeat=3))))
print(list(permutations('abc')), list(permutations(range(3), 2)), list(permutations([], 0)), list(permutations('ab', 3)))
print(list(permutations('abcd', 0)), len(list(permutations(range(5)))))
print(list(combinations('ABCD', 2)), list(combinations(range(4), 3)), list(combinations('ab', 3)), list(combinations('ab', 0)))
print(list(combinations_with_replacement('ABC', 2)), list(combinations_with_replacement([], 0)),
      list(combinations_with_replacement([], 2)), list(combinations_with_replacement('ab', 3)))
print(sum(1 for _ in combinations(range(10), 4)), sum(1 for _ in combinations_with_replacement(range(5), 3)))
print(list(permutations(range(4), 4)) == sorted(permutations(range(4))))
for bad in [lambda: product('a', repeat=-1), lambda: permutations('a', -1), lambda: combinations('a', -2),
            lambda: combinations_with_replacement('a', -1), lambda: permutations('a', 'x'), lambda: product(1)]:
    try:
        bad()
        print('no error')
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(combinations('abc'))
