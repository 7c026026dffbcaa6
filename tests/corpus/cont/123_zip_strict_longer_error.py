# expect: ValueError: zip() argument 3 is longer than arguments 1-2
print(list(zip([], [], strict=True)))
print(list(zip([1], [2], [3, 4], strict=True)))
