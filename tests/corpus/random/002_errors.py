# expect: ok
# random: argument errors with CPython's messages; getrandbits widths; str seeds
import random
def t(f, *a, **k):
    try:
        print(f(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)
random.seed(3)
t(random.randint, 1, 0)
t(random.choice, [])
t(random.randrange, 0)
t(random.randrange, 1, 10, 0)
t(random.sample, {1, 2}, 1)
t(random.sample, [1, 2], 3)
t(random.getrandbits, -1)
t(random.seed, [1])
t(random.setstate, (9, (), None))
t(random.choices, 'ab', 3)
t(random.choices, 'ab', [1], k=2)
t(random.choices, 'ab', [1, 1], cum_weights=[1, 2])
t(random.choices, 'ab', [0, 0])
t(random.gammavariate, 0, 1)
t(random.Random, [])
print(random.getrandbits(0), random.getrandbits(32), random.getrandbits(64), random.getrandbits(65))
print(type(random.Random()).__name__, random.Random.__module__)
r = random.Random("abc" * 100); print(r.random())
