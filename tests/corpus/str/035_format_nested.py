# expect: ok
for w in range(3, 7):
    print('[{:{}}]'.format('x', w), '[{:>{w}}]'.format('y', w=w))
print('{:{w}.{p}f}'.format(3.14159, w=10, p=2))
print('{0:{1}{2}}'.format(1, '>', 5))
print('{:{}{}{}}'.format(42, '*', '^', 9))
