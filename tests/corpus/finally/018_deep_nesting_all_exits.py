# expect: ok
def f(mode):
    log = []
    for i in range(3):
        try:
            try:
                try:
                    if mode == 'raise' and i == 1:
                        raise IndexError(i)
                    if mode == 'break' and i == 1:
                        break
                    if mode == 'continue' and i == 0:
                        continue
                    if mode == 'return' and i == 2:
                        return log
                    log.append(('body', i))
                finally:
                    log.append(('f1', i))
            finally:
                log.append(('f2', i))
        except IndexError as e:
            log.append(('caught', e.args[0]))
        finally:
            log.append(('f3', i))
    return log
for m in ['normal', 'raise', 'break', 'continue', 'return']:
    print(m, f(m))
