# expect: ok
import typing
from typing import List, Dict, Optional, Union, Tuple, Set, Callable, Iterable, Iterator, Sequence, Mapping, Any, TypeVar, Generic, Protocol, Literal, Final, ClassVar, cast, overload, TYPE_CHECKING, get_type_hints, get_origin, get_args
print(repr(List[int]), repr(Optional[str]), repr(Dict[str, int]), repr(Union[int, str]), repr(Union[int, None, str]), repr(Callable[[int], str]), repr(Any), repr(List), repr(Literal['a', 1]), repr(ClassVar[int]), repr(Final[int]), repr(Optional[List[int]]))
T = TypeVar('T'); print(repr(T), repr(List[T]), TypeVar('U', bound=int), TypeVar('V', covariant=True), TypeVar('W', contravariant=True))
print(List[int].__origin__, List[int].__args__, Union[int, str].__origin__)
print(Union[int], Union[int, int], Optional[Union[int, str]], Union[int, str] == Union[str, int], List[int] == List[int], List[int] == List[str])
print(get_origin(List[int]), get_args(Dict[str, int]), get_origin(int), get_args(int))
print(repr(Iterable[int]), Tuple[()], Tuple[int, str], Sequence, Any, Mapping[str, int], Set[int])
class G(Generic[T]):
    def __init__(self, v: T):
        self.v = v
print(G[int], G(3).v)
class P(Protocol):
    def meth(self) -> int: pass
print(cast(int, 'x'), cast('List[int]', 5), TYPE_CHECKING)
@overload
def f(x: int) -> int: pass
def f(x):
    return x
print(f(3))
class A:
    x: int
    y: 'str' = 'a'
    z: Optional[int] = None
class B(A):
    w: List[int]
print(get_type_hints(B))
x: Dict[str, List[int]] = {}
print(x)
try:
    List[int, str]
except TypeError as e:
    print(e)
try:
    Dict[int]
except TypeError as e:
    print(e)
try:
    List()
except TypeError as e:
    print(e)
try:
    Union[()]
except TypeError as e:
    print(e)
print(hash(List[int]) == hash(List[int]), Optional[int] == Union[int, None], Literal[1, 2])
print(typing.Text, typing.AnyStr, typing.NoReturn, typing.Type[int], typing.FrozenSet[str], typing.Deque[int], typing.DefaultDict[str, int], typing.Counter[str])
