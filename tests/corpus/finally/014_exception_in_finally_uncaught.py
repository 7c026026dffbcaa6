# expect: IndexError: pop from empty list
def f():
    try:
        {}['k']
    finally:
        print('finally runs')
        [].pop()
print('before')
x = f()
