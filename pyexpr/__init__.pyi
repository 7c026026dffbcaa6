"""Type stubs for pyexpr (the package re-exports the extension pyexpr._pyexpr)."""

import sys
from typing import Any, Callable, Dict, Mapping, NamedTuple, Optional, Tuple, Union

if sys.version_info >= (3, 8):
    from typing import Literal, TypedDict
else:  # pragma: no cover
    from typing_extensions import Literal, TypedDict

__version__: str

_Source = Union[str, bytes]
_Names = Optional[Mapping[str, Any]]
_Mode = Literal["exec", "eval"]

class LimitError(RuntimeError):
    """A resource limit (max_steps, max_memory or timeout) was exceeded.
    pyexpr.client.LimitError is the same class."""

class Limits(TypedDict):
    max_steps: Optional[int]
    max_memory: Optional[int]
    max_depth: int
    timeout: Optional[float]

class Code:
    """A compiled pyexpr program (see pyexpr.compile). Immutable, hashable,
    picklable (pickled as source + mode + filename, recompiled on load)."""

    @property
    def source(self) -> str: ...
    @property
    def mode(self) -> _Mode: ...
    @property
    def filename(self) -> str: ...
    @property
    def names(self) -> Tuple[str, ...]: ...
    def eval(
        self,
        names: _Names = None,
        *,
        max_steps: Optional[int] = ...,
        max_memory: Optional[int] = ...,
        max_depth: Optional[int] = ...,
        timeout: Optional[float] = ...,
        limits: Optional[Mapping[str, Optional[float]]] = ...,
        allow_callable_results: bool = ...,
    ) -> Any: ...
    def exec(
        self,
        names: _Names = None,
        *,
        max_steps: Optional[int] = ...,
        max_memory: Optional[int] = ...,
        max_depth: Optional[int] = ...,
        timeout: Optional[float] = ...,
        limits: Optional[Mapping[str, Optional[float]]] = ...,
        allow_callable_results: bool = ...,
    ) -> Dict[str, Any]: ...
    def __reduce__(self) -> Tuple[Callable[[str, str, str], "Code"], Tuple[str, str, str]]: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

def eval(
    source: Union[_Source, Code],
    names: _Names = None,
    /,
    *,
    max_steps: Optional[int] = ...,
    max_memory: Optional[int] = ...,
    max_depth: Optional[int] = ...,
    timeout: Optional[float] = ...,
    cache: bool = ...,
    limits: Optional[Mapping[str, Optional[float]]] = ...,
    allow_callable_results: bool = ...,
) -> Any: ...
def exec(
    source: Union[_Source, Code],
    names: _Names = None,
    /,
    *,
    max_steps: Optional[int] = ...,
    max_memory: Optional[int] = ...,
    max_depth: Optional[int] = ...,
    timeout: Optional[float] = ...,
    cache: bool = ...,
    limits: Optional[Mapping[str, Optional[float]]] = ...,
    allow_callable_results: bool = ...,
) -> Dict[str, Any]: ...
def register_module(name: str, namespace: Mapping[str, Any], /) -> None: ...
def unregister_module(name: str, /) -> None: ...
def compile(source: Union[_Source, Code], mode: _Mode = "exec", filename: str = "<string>") -> Code: ...
def get_default_limits() -> Limits: ...
def set_default_limits(
    *,
    max_steps: Optional[int] = ...,
    max_memory: Optional[int] = ...,
    max_depth: Optional[int] = ...,
    timeout: Optional[float] = ...,
) -> None: ...
def binary_path() -> str: ...

class CacheInfo(NamedTuple):
    hits: int
    misses: int
    maxsize: int
    currsize: int
    bytes: int
    maxbytes: int

class Profile(TypedDict):
    lex_ns: int
    parse_ns: int
    compile_ns: int
    execute_ns: int
    format_ns: int
    total_ns: int
    cache: Literal["off", "miss", "hit"]

def cache_info() -> CacheInfo: ...
def cache_clear() -> None: ...
def cache_resize(maxsize: Optional[int], maxbytes: Optional[int] = None) -> None: ...
def profile(source: _Source, names: _Names = None, mode: _Mode = "exec") -> Profile: ...

from .client import Client as Client
from .pool import Pool as Pool, WorkerCrashed as WorkerCrashed
