# expect: ok
s = '  \t hello world \n '
print('[' + s.strip() + ']', '[' + s.lstrip() + ']', '[' + s.rstrip() + ']')
print('xxhixx'.strip('x'), 'xyzzyx'.strip('xy'), 'abc'.strip(''), 'abc'.strip(None))
print('\u3000\xa0x\u2028'.strip(), '..é..'.strip('.'), 'éaé'.strip('é'))
print('www.example.com'.lstrip('cmowz.'), 'mississippi'.rstrip('ipz'))
print(repr(''.strip()), repr('   '.strip()), repr('\x1c\x1fa'.strip()))
