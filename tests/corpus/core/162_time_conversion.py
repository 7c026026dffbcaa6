# expect: ok
def hms(seconds):
    m, s = divmod(seconds, 60)
    h, m = divmod(m, 60)
    d, h = divmod(h, 24)
    return d, h, m, s

print(hms(0))
print(hms(3661))
print(hms(86399))
print(hms(10 ** 7))
print(hms(12345.5))
