# expect: ok
# random: Random instances are independent; subclasses; setstate/getstate; choice on str/tuple/range
import random
a = random.Random(1)
b = random.Random(1)
print(a.random() == b.random(), a.randint(0, 10**30), b.randint(0, 10**30))
random.seed(10)
x = [random.random() for _ in range(3)]
random.seed(10)
print(x == [random.random() for _ in range(3)])
class Dice(random.Random):
    def roll(self):
        return self.randint(1, 6)
d = Dice(99)
print([d.roll() for _ in range(10)])
class Low(random.Random):
    def random(self):
        return 0.25
lo = Low(3)
print(lo.uniform(0, 8), lo.choices('abcd', k=3), lo.triangular(0, 1))
s = a.getstate()
print(len(s), s[0], len(s[1]), s[2])
u = [a.random() for _ in range(5)]
a.setstate(s)
print(u == [a.random() for _ in range(5)])
print(a.choice((1, 2, 3)), a.choice(range(100, 200)), a.choice("xyz"))
g = random.Random(0)
print([round(g.gauss(10, 2), 12) for _ in range(4)])
print(sorted(random.Random(4).sample(range(50), k=50)) == list(range(50)))
class Fixed(random.Random):
    def __init__(self):
        super().__init__(0)
        self.k = 0
    def random(self):
        self.k += 1
        return (self.k * 0.37) % 1.0
f = Fixed()
print([f.randint(1, 100) for _ in range(5)], f.choice('abcdef'), f.sample(range(10), 3))
class Bits(random.Random):
    def getrandbits(self, k):
        return 1 if k else 0
print(Bits(1).randrange(10), Bits(1).choice('xyz'))
