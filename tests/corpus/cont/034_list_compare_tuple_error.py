# expect: TypeError: '<' not supported between instances of 'list' and 'tuple'
print([1] == (1,))
print([1] < (1,))
