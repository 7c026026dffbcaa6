# expect: ok
MASK = 2 ** 64 - 1
state = 88172645463325252
def step(x):
    x ^= (x << 13) & MASK
    x ^= x >> 7
    x ^= (x << 17) & MASK
    return x

for i in range(10):
    state = step(state)
    print(state, state % 100)
