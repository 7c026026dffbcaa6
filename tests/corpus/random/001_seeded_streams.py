# expect: ok
# random: seeded streams of every method equal CPython's (int, float, str, bytes seeds)
import random
random.seed(42); print([random.random() for _ in range(3)], random.randint(1,100), random.choice('abc'))
for s in [0, 1, -5, 2**100, 3.5, "hello", b"xy", True]:
    random.seed(s)
    print(s, random.random(), random.getrandbits(70), random.randrange(10**20))
r = random.Random(7)
l = list(range(20)); r.shuffle(l); print(l)
print(r.sample(range(100), 10), r.sample(['a','b'], counts=[3,2], k=4))
print(r.choices('abc', k=5), r.choices('abc', [1,2,3], k=5), r.choices('abc', cum_weights=[1,2,3], k=3))
print(r.uniform(1, 5), r.triangular(), r.gauss(), r.gauss(), r.normalvariate(), r.expovariate(2))
print(r.gammavariate(2.5, 1), r.gammavariate(0.5, 1), r.betavariate(2, 3), r.vonmisesvariate(1, 2), r.lognormvariate(0,1))
st = r.getstate(); a = r.random(); r.setstate(st); print(a == r.random())
print(r.randbytes(5), r.randrange(0, 100, 7), r.randrange(100, 0, -3))
print(r.sample(range(10**6), 8))
