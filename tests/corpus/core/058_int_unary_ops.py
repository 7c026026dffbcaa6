# expect: ok
x = 7
print(-x, +x, ~x, not x, - -x, -+-x, ~-~x)
print(not 0, not not 5, -(-(-x)))
y = -2 ** 100
print(-y, +y, ~y)
