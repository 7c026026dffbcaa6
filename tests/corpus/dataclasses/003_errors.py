# expect: dataclasses.FrozenInstanceError: cannot assign to field 'x'
from dataclasses import dataclass, field, replace, InitVar


def attempt(fn):
    try:
        fn()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


def bad_default_order():
    @dataclass
    class Bad:
        x: int = 0
        y: int


def mutable_default():
    @dataclass
    class Bad:
        x: dict = {}


def untyped_field():
    @dataclass
    class Bad:
        x = field(default=1)


def frozen_mix():
    @dataclass
    class A:
        x: int

    @dataclass(frozen=True)
    class B(A):
        y: int


def unfrozen_mix():
    @dataclass(frozen=True)
    class A:
        x: int

    @dataclass
    class B(A):
        y: int


def explicit_hash():
    @dataclass(unsafe_hash=True)
    class A:
        x: int

        def __hash__(self):
            return 1


def order_overwrite():
    @dataclass(order=True)
    class A:
        x: int

        def __lt__(self, other):
            return True


def initvar_replace():
    @dataclass
    class A:
        x: int
        y: InitVar[int]

        def __post_init__(self, y):
            pass
    replace(A(1, 2), x=3)


for fn in [bad_default_order, mutable_default, untyped_field, frozen_mix,
           unfrozen_mix, explicit_hash, order_overwrite, initvar_replace]:
    attempt(fn)


@dataclass(frozen=True)
class F:
    x: int


F(1).x = 2
