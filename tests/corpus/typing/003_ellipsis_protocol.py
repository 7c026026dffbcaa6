# expect: ok
from typing import Callable, Tuple, Protocol, Generic, TypeVar, Iterator, overload, Optional

print(Callable[..., int], Tuple[int, ...], Callable[[], None], Tuple[str, ...].__args__)
T = TypeVar('T')


class SupportsClose(Protocol):
    def close(self) -> None: ...


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: list = []

    def push(self, item: T) -> None:
        self.items.append(item)

    def pop(self) -> T:
        return self.items.pop()

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)


s: Stack[int] = Stack()
s.push(1)
s.push(2)
print(s.pop(), list(s), Stack[str], Stack.__mro__[-1])


@overload
def double(x: int) -> int: ...
@overload
def double(x: str) -> str: ...
def double(x):
    return x * 2


print(double(2), double('ab'), SupportsClose.close(None))


def apply(f: Callable[[int], int], v: Optional[int] = None) -> int:
    return f(v or 0)


print(apply(lambda n: n + 1), apply(lambda n: n * 3, 4))
