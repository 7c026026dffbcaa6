# expect: ok
def f():
    log = []
    try:
        log.append('body')
    finally:
        log.append('finally')
    log.append('after')
    return log
print(f())
try:
    print('top body')
finally:
    print('top finally')
print('end')
