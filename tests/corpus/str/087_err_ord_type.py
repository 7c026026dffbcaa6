# expect: TypeError: ord() expected string of length 1, but int found
print(ord('é'))
x = ord(5)
