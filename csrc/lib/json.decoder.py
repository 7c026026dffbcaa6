"""Implementation of JSONDecoder (pyexpr: the classes live in json)."""
from json import JSONDecoder, JSONDecodeError

__all__ = ['JSONDecoder', 'JSONDecodeError']
