# expect: ok
sq = [x * x for x in range(6) if x % 2 == 0]
print(sq, sum(sq), min(sq), max(sq), len(sq))
nested = [[i * j for j in range(3)] for i in range(3)]
print(nested, [y for row in nested for y in row])
print(any([0, 0, 1]), all([1, 2, 0]), list(map(str, [1, 2])))
