# expect: ok
print('TestCase'.removeprefix('Test'), 'TestCase'.removeprefix('Case'))
print('filename.py'.removesuffix('.py'), 'filename.py'.removesuffix('.txt'))
print('abc'.removeprefix(''), 'abc'.removesuffix(''), 'abc'.removeprefix('abcd'))
print('éàü'.removeprefix('é'), 'éàü'.removesuffix('ü'))
