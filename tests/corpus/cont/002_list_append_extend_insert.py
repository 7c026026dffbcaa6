# expect: ok
l = []
l.append(1)
l.append([2])
l.extend([3, 4])
l.extend((5,))
l.extend('ab')
l.extend(range(2))
l.insert(0, 'first')
l.insert(-1, 'before_last')
l.insert(100, 'end')
l.insert(-100, 'start')
print(l, len(l))
