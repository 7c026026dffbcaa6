# expect: ok
# reference cycles through int/str/tuple subclass instances are reclaimed at the end of the run
class T(tuple): pass
x = []
t = T((x,))
x.append(t)
class I(int): pass
i = I(5)
i.self = i
class S(str): pass
s = S("a")
s.me = [s]
print("ok")
