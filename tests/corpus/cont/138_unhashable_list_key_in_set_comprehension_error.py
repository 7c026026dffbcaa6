# expect: TypeError: unhashable type: 'list'
print({(i,) for i in range(3)} == {(0,), (1,), (2,)})
s = {[i] for i in range(3)}
