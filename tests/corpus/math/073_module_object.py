# expect: ok
import math
print(type(math))
print(type(math.sqrt))
print(type(math).__name__, type(math.sqrt).__name__)
m = math
print(m.floor(2.7), m is math)
import math
print(m is math, math.__name__)
mods = [math, math]
print(mods[0] is mods[1], mods[1].sqrt(64))
d = {math: 1}
print(d[math])
print(hash(math) == hash(math), math == math, math != m)
