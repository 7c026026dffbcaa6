"""Implementation of JSONEncoder (pyexpr: the class lives in json)."""
from json import JSONEncoder

__all__ = ['JSONEncoder']
