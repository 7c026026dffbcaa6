# expect: TypeError: %x format: an integer is required, not float
print('%x' % 255)
x = '%x' % 2.5
