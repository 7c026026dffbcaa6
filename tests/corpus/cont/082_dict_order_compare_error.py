# expect: TypeError: '<' not supported between instances of 'dict' and 'dict'
print({1: 2} == {1: 2})
print({1: 2} < {1: 3})
