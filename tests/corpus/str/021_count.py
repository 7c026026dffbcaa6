# expect: ok
s = 'mississippi'
print(s.count('s'), s.count('ss'), s.count('i', 5), s.count('i', 1, -1), s.count('x'))
print('aaaa'.count('aa'), 'abc'.count(''), 'abc'.count('', 1, 2), 'abc'.count('', 5))
print('ééé'.count('é'), 'ééé'.count('éé'), 'éaéaé'.count('a', 2))
