# expect: ok
print('[{:>10}]'.format('right'), '[{:<10}]'.format('left'), '[{:^10}]'.format('mid'))
print('[{:*>7}]'.format('ab'), '[{:é^7}]'.format('ab'), '[{:.2}]'.format('abcdef'))
print('[{:10.3}]'.format('abcdef'), '[{:>4}]'.format('toolong'))
print('[{:>5}]'.format('é'), '[{:^6}]'.format('😀'))
print('[{:s}]'.format('s'), '[{:}]'.format('empty'))
