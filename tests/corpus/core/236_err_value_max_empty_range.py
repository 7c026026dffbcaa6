# expect: ValueError: max() arg is an empty sequence
print(max(range(3)))
print(max(range(3, 3)))
