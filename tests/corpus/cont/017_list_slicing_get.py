# expect: ok
l = list(range(10))
print(l[2:5], l[:3], l[7:], l[:], l[::2], l[1::3], l[::-1], l[::-3], l[8:2:-2])
print(l[-3:], l[:-3], l[-100:100], l[100:], l[5:2], l[5:2:-1], l[-1:-11:-1])
print(l[2**70:], l[-2**70:3], l[::2**70], l[::-2**70], l[None:None:None])
s = slice(1, 8, 3)
print(l[s], l[slice(None, 4)], l[slice(-2, None)])
