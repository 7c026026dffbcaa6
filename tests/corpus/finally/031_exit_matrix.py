# expect: ok
# Every exit kind (normal, raise, return, break, continue) from every part
# of a try statement (body, handler, else, finally, finally while an exception
# is in flight) in for and while loops. Generated once; edit freely.
def for_normal_in_body():
    log = []
    for i in range(3):
        try:
            if i == 1:
                log.append('n')
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_raise_in_body():
    log = []
    for i in range(3):
        try:
            if i == 1:
                raise ValueError(i)
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_return_in_body():
    log = []
    for i in range(3):
        try:
            if i == 1:
                return log + ['ret', i]
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_break_in_body():
    log = []
    for i in range(3):
        try:
            if i == 1:
                break
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_continue_in_body():
    log = []
    for i in range(3):
        try:
            if i == 1:
                continue
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_normal_in_handler():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
            if i != 2:
                raise KeyError(i)
        except KeyError:
            if i == 1:
                log.append('n')
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_raise_in_handler():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
            if i != 2:
                raise KeyError(i)
        except KeyError:
            if i == 1:
                raise ValueError(i)
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_return_in_handler():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
            if i != 2:
                raise KeyError(i)
        except KeyError:
            if i == 1:
                return log + ['ret', i]
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_break_in_handler():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
            if i != 2:
                raise KeyError(i)
        except KeyError:
            if i == 1:
                break
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_continue_in_handler():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
            if i != 2:
                raise KeyError(i)
        except KeyError:
            if i == 1:
                continue
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_normal_in_else():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            if i == 1:
                log.append('n')
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_raise_in_else():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            if i == 1:
                raise ValueError(i)
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_return_in_else():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            if i == 1:
                return log + ['ret', i]
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_break_in_else():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            if i == 1:
                break
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_continue_in_else():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            if i == 1:
                continue
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_normal_in_finally():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                log.append('n')
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_raise_in_finally():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                raise ValueError(i)
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_return_in_finally():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                return log + ['ret', i]
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_break_in_finally():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                break
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_continue_in_finally():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                continue
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_normal_in_finally_exc():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
            if i == 1:
                raise RuntimeError('in flight')
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                log.append('n')
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_raise_in_finally_exc():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
            if i == 1:
                raise RuntimeError('in flight')
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                raise ValueError(i)
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_return_in_finally_exc():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
            if i == 1:
                raise RuntimeError('in flight')
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                return log + ['ret', i]
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_break_in_finally_exc():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
            if i == 1:
                raise RuntimeError('in flight')
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                break
            log.append(('finally', i))
        log.append(('after', i))
    return log

def for_continue_in_finally_exc():
    log = []
    for i in range(3):
        try:
            log.append(('body', i))
            if i == 1:
                raise RuntimeError('in flight')
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                continue
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_normal_in_body():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            if i == 1:
                log.append('n')
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_raise_in_body():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            if i == 1:
                raise ValueError(i)
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_return_in_body():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            if i == 1:
                return log + ['ret', i]
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_break_in_body():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            if i == 1:
                break
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_continue_in_body():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            if i == 1:
                continue
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_normal_in_handler():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
            if i != 2:
                raise KeyError(i)
        except KeyError:
            if i == 1:
                log.append('n')
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_raise_in_handler():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
            if i != 2:
                raise KeyError(i)
        except KeyError:
            if i == 1:
                raise ValueError(i)
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_return_in_handler():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
            if i != 2:
                raise KeyError(i)
        except KeyError:
            if i == 1:
                return log + ['ret', i]
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_break_in_handler():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
            if i != 2:
                raise KeyError(i)
        except KeyError:
            if i == 1:
                break
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_continue_in_handler():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
            if i != 2:
                raise KeyError(i)
        except KeyError:
            if i == 1:
                continue
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_normal_in_else():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            if i == 1:
                log.append('n')
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_raise_in_else():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            if i == 1:
                raise ValueError(i)
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_return_in_else():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            if i == 1:
                return log + ['ret', i]
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_break_in_else():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            if i == 1:
                break
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_continue_in_else():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            if i == 1:
                continue
            log.append(('else', i))
        finally:
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_normal_in_finally():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                log.append('n')
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_raise_in_finally():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                raise ValueError(i)
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_return_in_finally():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                return log + ['ret', i]
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_break_in_finally():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                break
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_continue_in_finally():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                continue
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_normal_in_finally_exc():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
            if i == 1:
                raise RuntimeError('in flight')
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                log.append('n')
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_raise_in_finally_exc():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
            if i == 1:
                raise RuntimeError('in flight')
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                raise ValueError(i)
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_return_in_finally_exc():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
            if i == 1:
                raise RuntimeError('in flight')
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                return log + ['ret', i]
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_break_in_finally_exc():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
            if i == 1:
                raise RuntimeError('in flight')
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                break
            log.append(('finally', i))
        log.append(('after', i))
    return log

def while_continue_in_finally_exc():
    log = []
    i = 0
    while i < 3:
        i += 1
        try:
            log.append(('body', i))
            if i == 1:
                raise RuntimeError('in flight')
        except KeyError:
            log.append(('handler', i))
        else:
            log.append(('else', i))
        finally:
            if i == 1:
                continue
            log.append(('finally', i))
        log.append(('after', i))
    return log
for f in [for_normal_in_body, for_raise_in_body, for_return_in_body, for_break_in_body, for_continue_in_body, for_normal_in_handler, for_raise_in_handler, for_return_in_handler, for_break_in_handler, for_continue_in_handler, for_normal_in_else, for_raise_in_else, for_return_in_else, for_break_in_else, for_continue_in_else, for_normal_in_finally, for_raise_in_finally, for_return_in_finally, for_break_in_finally, for_continue_in_finally, for_normal_in_finally_exc, for_raise_in_finally_exc, for_return_in_finally_exc, for_break_in_finally_exc, for_continue_in_finally_exc, while_normal_in_body, while_raise_in_body, while_return_in_body, while_break_in_body, while_continue_in_body, while_normal_in_handler, while_raise_in_handler, while_return_in_handler, while_break_in_handler, while_continue_in_handler, while_normal_in_else, while_raise_in_else, while_return_in_else, while_break_in_else, while_continue_in_else, while_normal_in_finally, while_raise_in_finally, while_return_in_finally, while_break_in_finally, while_continue_in_finally, while_normal_in_finally_exc, while_raise_in_finally_exc, while_return_in_finally_exc, while_break_in_finally_exc, while_continue_in_finally_exc]:
    try:
        print(f())
    except (ValueError, RuntimeError) as e:
        print('raised', repr(e), repr(e.__context__))
