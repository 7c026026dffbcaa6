# expect: ok
print('a.b.c'.partition('.'), 'a.b.c'.rpartition('.'))
print('abc'.partition('x'), 'abc'.rpartition('x'))
print('key=value=x'.partition('='), 'key=value=x'.rpartition('='))
print('aé😀bé'.partition('é'), 'aé😀bé'.rpartition('é'))
print(''.partition('a'), 'abc'.partition('abc'))
