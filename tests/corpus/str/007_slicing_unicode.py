# expect: ok
s = 'αβγδεζηθ'
print(s[2:5], s[::-1], s[::3], s[-2:], s[1:7:2])
m = 'aé😀bç€x'
print(m[1:4], m[::-1], m[::2], m[-3:-1])
for i in range(len(m)):
    print(i, m[i], m[i:], m[:i])
