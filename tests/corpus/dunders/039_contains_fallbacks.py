# expect: ok
class It:
    def __iter__(self):
        print("iter")
        return iter([1, 2, 3])
class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * 10
print(2 in It(), 5 in It(), 20 in Seq(), 25 in Seq())
print(list(Seq()), [x for x in Seq()], sum(Seq()), sorted(Seq(), reverse=True))
a, b, c, d = Seq()
print(a, b, c, d, max(Seq()), tuple(It()))
print(*Seq())
class C:
    def __contains__(self, x):
        return 1
print(3 in C(), 3 not in C())
