# expect: IndexError: string index out of range
s = 'abc'
print(s[2])
x = s[3]
