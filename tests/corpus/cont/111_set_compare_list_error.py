# expect: TypeError: '<' not supported between instances of 'set' and 'list'
print({1} == [1])
print({1} < [1, 2])
