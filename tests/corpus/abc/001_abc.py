# expect: ok
# abc without metaclasses: ABC subclasses with abstract methods, properties,
# class and static methods cannot be instantiated (CPython's TypeError,
# names sorted); concrete subclasses can; __abstractmethods__; super()
# calls into abstract methods; isinstance/issubclass; __init__ arguments.
from abc import ABC, abstractmethod, update_abstractmethods


class Shape(ABC):
    def __init__(self, name):
        self.name = name

    @abstractmethod
    def area(self):
        return 0

    @abstractmethod
    def perimeter(self):
        pass

    @property
    @abstractmethod
    def sides(self):
        pass

    def describe(self):
        return f'{self.name}: area {self.area()}, perimeter {self.perimeter()}, sides {self.sides}'


class Partial(Shape):
    def area(self):
        return super().area() + 1


class Square(Partial):
    def __init__(self, side):
        super().__init__('square')
        self.side = side

    def area(self):
        return self.side ** 2

    def perimeter(self):
        return 4 * self.side

    @property
    def sides(self):
        return 4


class Base(ABC):
    @classmethod
    @abstractmethod
    def make(cls):
        pass

    @staticmethod
    @abstractmethod
    def helper():
        pass


class Impl(Base):
    @classmethod
    def make(cls):
        return cls()

    @staticmethod
    def helper():
        return 'help'


for cls, args in [(Shape, ('s',)), (Partial, ('p',)), (Square, (3,)), (Base, ()), (Impl, ())]:
    try:
        obj = cls(*args)
        print('made', type(obj).__name__)
    except TypeError as e:
        print('TypeError', e)
sq = Square(2)
print(sq.describe(), isinstance(sq, Shape), issubclass(Square, ABC), Impl.make().helper())
print(sorted(Shape.__abstractmethods__), sorted(Partial.__abstractmethods__), Square.__abstractmethods__)


class Plain(ABC):
    pass


print(type(Plain()).__name__, Plain.__abstractmethods__)


class Late(ABC):
    @abstractmethod
    def run(self):
        pass


Late.run = lambda self: 'ran'
update_abstractmethods(Late)
print(Late().run())
