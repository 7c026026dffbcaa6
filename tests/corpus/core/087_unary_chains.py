# expect: ok
print(- - 1, not not 1, - + - 1, ~-~1, -~-~-1, + + + 3)
print(not -0.0, -(-0.0), - -0.0, ~True, -False)
x = 3
print(-x ** 2, (-x) ** 2, -(x ** 2), ~x ** 2, not x ** 0)
