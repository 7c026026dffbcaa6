# expect: ok
print('%s and %s' % ('a', 'b'))
print('%d items' % 5, '%i' % -7, '%u' % 3)
print('%5s|%-5s|' % ('ab', 'cd'))
print('%r %a' % ('é', 'é'))
print('%s' % [1, 2], '%s' % (1,), '%s' % ((1, 2),))
print('%d%%' % 50, '%%' % (), '100%%' % ())
print('%s' % None, '%r' % None, '%s' % True, '%d' % True)
print('%c%c%c' % (72, 'i', 0x1f600))
