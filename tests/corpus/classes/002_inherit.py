# expect: ok
class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " says " + self.sound
    def kind(self):
        return "animal"

class Dog(Animal):
    sound = "woof"
    def kind(self):
        return "dog, a kind of " + super().kind()

class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def kind(self):
        return "puppy / " + super().kind()

for a in [Animal("x"), Dog("rex"), Puppy("bit", 1)]:
    print(a.speak(), "|", a.kind())
p = Puppy("z", 2)
print(p.age, isinstance(p, Animal), isinstance(p, Dog), issubclass(Puppy, Animal), issubclass(Animal, Dog))
print(Puppy.__bases__, Puppy.__mro__)
print(Dog.__base__, Animal.__base__)
class Base:
    def __init__(self):
        self.log = ["base"]
class Mid(Base):
    def __init__(self):
        super().__init__()
        self.log.append("mid")
class Leaf(Mid):
    def __init__(self):
        super(Leaf, self).__init__()
        self.log.append("leaf")
print(Leaf().log)
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
        self.n = Counter.count
class Sub(Counter):
    pass
a, b, c = Counter(), Sub(), Sub()
print(a.n, b.n, c.n, Counter.count, Sub.count)
