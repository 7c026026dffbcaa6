# expect: ok
class Node:
    def __init__(self, v, nxt=None):
        self.v = v
        self.next = nxt
        self.me = self
        self.cls = Node
head = None
for i in range(1000):
    head = Node(i, head)
total = 0
n = head
while n is not None:
    total += n.v
    n = n.next
print(total)
a = Node(1)
b = Node(2, a)
a.next = b
print(a.next.next is a)
class Tree:
    def __init__(self):
        self.children = []
        self.parent = None
    def add(self):
        c = Tree()
        c.parent = self
        self.children.append(c)
        return c
t = Tree()
for _ in range(10):
    t.add().add()
print(len(t.children), t.children[0].children[0].parent.parent is t)
def make_class(i):
    class Temp:
        val = i
        def get(self):
            return self.val
    return Temp
objs = [make_class(i)() for i in range(50)]
print(sum(o.get() for o in objs))
deep = None
for i in range(100000):
    deep = Node(i, deep)
deep = None
print("done")
