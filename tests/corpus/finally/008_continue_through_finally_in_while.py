# expect: ok
i = 0
out = []
while i < 6:
    i += 1
    try:
        if i % 2:
            continue
        out.append(i)
    finally:
        out.append(-i)
print(out)
