# expect: ok
a = [1, 2]
b = [3]
print(a + b, b + a, a + [], [] + [])
print(a * 3, 3 * a, a * 0, a * -5, a * True, False * a, [[]] * 3)
x = [[0]] * 3
x[0].append(1)
print(x)
