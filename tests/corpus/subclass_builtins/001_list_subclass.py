# expect: ok
class MyList(list):
    def total(self):
        return sum(self)
l = MyList([1, 2, 3])
l.append(4)
print(l, len(l), l.total(), l[0], l[-1], l[1:3], type(l).__name__, isinstance(l, list))
print(l + [5], type(l + [5]).__name__, sorted(l, reverse=True), 3 in l, list(reversed(l)))
l.sort(reverse=True)
print(l, l == [4, 3, 2, 1], l.count(2), l.index(3))
for x in l:
    print(x, end=" ")
print()
class Stack(list):
    def push(self, x):
        self.append(x)
    def __repr__(self):
        return "Stack(" + super().__repr__() + ")"
s = Stack()
s.push(1)
s.push(2)
print(s, s.pop(), s, bool(Stack()), bool(s))
