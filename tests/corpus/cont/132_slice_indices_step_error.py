# expect: ValueError: slice step cannot be zero
print(slice(1, 5).indices(3))
print(slice(1, 5, 0).indices(3))
