# expect: ok
def outer():
    count = 0
    def bump():
        nonlocal count
        try:
            count += 1
            if count == 2:
                raise ValueError(count)
            return count
        finally:
            count += 10
    results = []
    for _ in range(3):
        try:
            results.append(bump())
        except ValueError as e:
            results.append(('err', e.args))
    return results, count
print(outer())
