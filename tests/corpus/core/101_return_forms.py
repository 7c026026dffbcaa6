# expect: ok
def bare():
    return

def none_implicit():
    x = 1

def early(n):
    if n < 0:
        return -1
    for i in range(n):
        if i * i > n:
            return i
    return None

print(bare(), none_implicit(), early(-1), early(50), early(0))
