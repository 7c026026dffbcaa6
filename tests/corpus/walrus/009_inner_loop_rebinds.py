# expect: SyntaxError: comprehension inner loop cannot rebind assignment expression target 'x'
r = range(2)
v = [i for j in r if (x := 1) for x in r]
