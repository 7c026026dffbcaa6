# expect: ok
a = {1: 10, 2: 20, 3: 30}
b = {2: 99, 3: 30, 4: 40}
ka, kb = a.keys(), b.keys()
print(ka & kb, ka | kb, ka - kb, ka ^ kb)
print(ka & [1, 9], ka | [9], ka - [1], ka ^ [1, 9], [2, 5] & ka)
print(a.items() & b.items(), a.items() - b.items(), a.items() ^ b.items())
print(ka == {1, 2, 3}, ka != {1}, ka < {1, 2, 3, 4}, ka <= ka, ka > {1}, ka >= kb)
print({1, 2, 3} == ka, a.items() == {(1, 10), (2, 20), (3, 30)})
print(ka.isdisjoint([7, 8]), ka.isdisjoint(kb), a.values() == a.values())
