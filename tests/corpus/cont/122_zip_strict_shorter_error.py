# expect: ValueError: zip() argument 2 is shorter than argument 1
print(list(zip([1, 2], [3, 4], strict=True)))
print(list(zip([1, 2], [3], strict=True)))
