# expect: ValueError: unsupported format character 'q' (0x71) at index 1
print('%s' % 1)
x = '%q' % 1
