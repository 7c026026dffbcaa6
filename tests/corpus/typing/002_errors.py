# expect: NameError: name 'Undefined' is not defined
from typing import Any, Union, Optional, TypeVar, get_type_hints, List
import typing

for fn in [lambda: Any[int], lambda: TypeVar('T', int), lambda: TypeVar('T', covariant=True, contravariant=True),
           lambda: typing.Callable[int], lambda: Union(), lambda: typing.assert_never(3)]:
    try:
        fn()
    except (TypeError, ValueError, AssertionError) as e:
        print(type(e).__name__, e)


class A:
    a: 'List[int]'
    b: 'Optional[A]'
    c: 'typing.Dict[str, int]'


print(get_type_hints(A, localns={'List': List, 'Optional': Optional, 'typing': typing, 'A': A}))


class B:
    x: 'Undefined'


print(get_type_hints(B, localns={'List': List}))
