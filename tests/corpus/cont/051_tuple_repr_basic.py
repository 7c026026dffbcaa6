# expect: ok
print(())
print((1,))
print((1, 2))
print(((),), ((1,),), (1, (2, (3,))), tuple('ab'), tuple([1, 2]), tuple(range(3)))
t = 1, 2, 3
print(t, type(t).__name__ if False else 'tuple')
