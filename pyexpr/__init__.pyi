"""Type stubs for pyexpr (the package re-exports the extension pyexpr._pyexpr)."""

import sys
from typing import (Any, Callable, Dict, Iterable, List, Mapping, NamedTuple, Optional, Tuple,
                    Type, Union)

if sys.version_info >= (3, 8):
    from typing import Literal, TypedDict
else:  # pragma: no cover
    from typing_extensions import Literal, TypedDict

__version__: str

_Source = Union[str, bytes]
_Names = Optional[Mapping[str, Any]]
_Mode = Literal["exec", "eval", "exec_async", "eval_async"]

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
    def names(self) -> "Names": ...
    def eval_many(
        self,
        rows: Iterable[Any],
        names: _Names = None,
        *,
        row_name: Optional[str] = ...,
        errors: Literal["raise", "collect"] = ...,
        **run_options: Any,  # the keywords of eval(): limits, allow_callable_results
    ) -> List[Any]: ...
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
    def start(
        self,
        names: _Names = None,
        *,
        externals: Iterable[str] = ...,
        resolve_names: bool = ...,
        max_external_calls: Optional[int] = ...,
        **limits: Any,  # max_steps, ..., limits, allow_callable_results: as eval()
    ) -> Union["Snapshot", "Complete"]: ...
    def __reduce__(self) -> Tuple[Callable[[str, str, str], "Code"], Tuple[str, str, str]]: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class Snapshot:
    """A run paused at a call of an external function (Code.start); resume
    it once with resume() or resume_error()."""

    @property
    def function(self) -> str: ...
    @property
    def args(self) -> Tuple[Any, ...]: ...
    @property
    def kwargs(self) -> Dict[str, Any]: ...
    @property
    def kind(self) -> Literal["call", "name"]: ...
    @property
    def output(self) -> str: ...
    @property
    def resumed(self) -> bool: ...
    def resume(self, value: Any) -> Union["Snapshot", "Complete"]: ...
    def resume_error(
        self, exc: Union[BaseException, Type[BaseException]]
    ) -> Union["Snapshot", "Complete"]: ...
    def dump(self, key: Optional[bytes] = None) -> bytes: ...
    @classmethod
    def load(cls, data: bytes, key: Optional[bytes] = None) -> "Snapshot": ...

class Complete:
    """The end of a run started by Code.start."""

    @property
    def value(self) -> Any: ...
    @property
    def output(self) -> str: ...

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
# --- async (docs/host.md "async"): scripts on the running event loop ---

async def eval_async(
    source: Union[_Source, Code],
    names: _Names = None,
    /,
    **limits: Any,  # max_steps, max_memory, max_depth, timeout, limits, allow_callable_results
) -> Any: ...
async def exec_async(
    source: Union[_Source, Code],
    names: _Names = None,
    /,
    **limits: Any,
) -> Dict[str, Any]: ...

# --- host objects (docs/host.md) ---

class CodeNames(NamedTuple):
    """Code.names(): free input names, called names, attribute chains."""
    reads: Tuple[str, ...]
    calls: Tuple[str, ...]
    attrs: Tuple[str, ...]

class Names(Tuple[str, ...]):
    """Code.names: the non-builtin global names; call it for a CodeNames."""
    def __call__(self) -> CodeNames: ...

class Policy:
    """What scripts may do with objects of one host type (made by expose/register_type)."""

class Exposed:
    """pyexpr.expose(obj): obj with a policy."""
    @property
    def obj(self) -> Any: ...

class Shared:
    """pyexpr.shared(obj): a list or dict written back after the run."""
    @property
    def obj(self) -> Any: ...

def expose(obj: Any, attrs: Optional[Iterable[str]] = None, methods: Iterable[str] = (),
           writable: Iterable[str] = ()) -> Exposed: ...
def register_type(cls: type, attrs: Optional[Iterable[str]] = None, methods: Iterable[str] = (),
                  writable: Iterable[str] = ()) -> None: ...
def unregister_type(cls: type) -> None: ...
def shared(obj: Union[List[Any], Dict[Any, Any]], /) -> Shared: ...

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
