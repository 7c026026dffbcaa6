# expect: ok
SCALE = 3

def outer(n):
    def helper(k):
        return k * SCALE + 1
    def twice(k):
        return helper(helper(k))
    return twice(n) + helper(0)

print(outer(1), outer(10))
