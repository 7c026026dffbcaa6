# Class-heavy: binary trees of Node objects built and walked recursively
# (about 800,000 nodes allocated, each visited by a method call).
class Node:
    def __init__(self, left, right, value):
        self.left = left
        self.right = right
        self.value = value

    def check(self):
        if self.left is None:
            return self.value
        return self.value + self.left.check() - self.right.check()

    def depth(self):
        if self.left is None:
            return 1
        return 1 + self.left.depth()


def make(d, v):
    if d == 0:
        return Node(None, None, v)
    return Node(make(d - 1, 2 * v - 1), make(d - 1, 2 * v), v)


def main():
    total = 0
    long_lived = make(14, 1)
    for d in range(4, 15, 2):
        iterations = 1 << (14 - d + 2)
        check = 0
        for i in range(iterations):
            check += make(d, i).check()
        total += check
        print(d, iterations, check)
    print(long_lived.depth(), long_lived.check(), total)


main()
