# expect: ok
out = []
for i in range(10):
    try:
        if i == 3:
            break
        out.append(i)
    finally:
        out.append('f%d' % i)
else:
    out.append('else')
print(out)
