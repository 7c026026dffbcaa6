# expect: ok
l = []
for i in range(100000):
    l = [l]
l = None
d = {}
for i in range(50000):
    d = {'k': d}
d = None
t = ()
for i in range(50000):
    t = (t, i)
t = None
print('freed')
