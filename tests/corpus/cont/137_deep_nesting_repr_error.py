# expect: RecursionError: maximum recursion depth exceeded while getting the repr of an object
l = []
for i in range(5000):
    l = [l]
print('built')
print(l)
