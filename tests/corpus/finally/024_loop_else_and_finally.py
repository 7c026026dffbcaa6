# expect: ok
for i in range(2):
    try:
        print('body', i)
    finally:
        print('finally', i)
else:
    print('for else')
i = 0
while i < 3:
    i += 1
    try:
        if i == 5:
            break
    finally:
        print('w finally', i)
else:
    print('while else')
