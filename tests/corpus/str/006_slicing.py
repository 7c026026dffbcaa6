# expect: ok
s = 'abcdefghij'
print(s[2:5], s[:3], s[7:], s[:], s[-3:], s[:-3])
print(s[::2], s[1::2], s[::-1], s[::-2])
print(s[8:2:-1], s[8:2:-3], s[-1:-4:-1])
print(s[100:], '|', s[:100], s[-100:2])
print(s[5:2], '|', s[2:2], '|')
print(s[1:9:4], s[None:None:3])
