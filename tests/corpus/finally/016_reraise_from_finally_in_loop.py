# expect: ok
def f():
    total = 0
    for i in range(5):
        try:
            try:
                if i == 2:
                    raise RuntimeError('stop at %d' % i)
                total += i
            finally:
                total += 100
        except RuntimeError as e:
            print('caught', e, total)
            continue
    return total
print(f())
