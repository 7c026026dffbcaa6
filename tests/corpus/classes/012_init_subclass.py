# expect: TypeError: K.__init_subclass__() takes no keyword arguments
class Plugin:
    registry = []
    def __init_subclass__(cls, tag=None, **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
        Plugin.registry.append(cls.__name__)
class A(Plugin, tag="a"):
    pass
class B(A):
    pass
class C(Plugin, tag="c"):
    pass
print(Plugin.registry, A.tag, B.tag, C.tag)
class Base:
    @classmethod
    def __class_getitem__(cls, item):
        return (cls.__name__, item)
print(Base[int], Base["x"])
class Gen:
    def __class_getitem__(cls, item):
        return "implicit classmethod " + cls.__name__
print(Gen[1])
print(list[int], dict[str, int], tuple[int], list[Base])
x: list[int] = [1]
print(x, type[int])
class K(x=1):
    pass
