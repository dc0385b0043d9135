"""The model as plain JSON data and back (what the cache stores), driven by type hints.

Only data goes in and out: str, int, float, bool, None, lists and objects. A dataclass
becomes the list of its ``init`` fields in declaration order, a named tuple the list
of its items, an Enum its value, a tuple a list. Decoding builds each value through its
class, so derived fields (``init=False``) are computed again, and any value of the
wrong shape raises :class:`PlainError`: the caller then rebuilds instead of trusting.
New fields of the model need nothing here.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from functools import lru_cache
from typing import Any, Callable

Encoder = Callable[[Any], Any]
Decoder = Callable[[Any], Any]


class PlainError(ValueError):
    """Plain data that does not have the shape of the type it should be."""


def encode(value: Any) -> Any:
    """``value`` (model objects, containers of them) as plain JSON data."""
    return _encoder(type(value))(value)  # type: ignore[arg-type]  # classes are hashable


def shallow(value: Any) -> Any:
    """One level of :func:`encode`, as ``json.dumps(..., default=shallow)`` asks for it:
    json's own encoder writes the containers, texts and numbers (in C) and calls this
    only for a record, an Enum without a JSON type, or a set. The text written is the
    same as ``json.dumps(encode(value))``."""
    kind = type(value)
    names = _SHALLOW.get(kind)
    if names is None:
        if issubclass(kind, enum.Enum):
            return value.value
        if issubclass(kind, (frozenset, set)):
            return list(value)
        if not _is_record(kind):
            raise TypeError(f"cannot store a {kind.__name__} as plain data")
        names = _SHALLOW[kind] = tuple(name for name, _ in _init_fields(kind))
    return [getattr(value, name) for name in names]


_SHALLOW: dict[type, tuple[str, ...]] = {}


def decode(hint: Any, data: Any) -> Any:
    """A value of type ``hint`` (``Fact``, ``list[Problem]``...) from :func:`encode`'s output.

    :raises PlainError: when ``data`` does not have that shape
    """
    try:
        return _hint_decoder(hint)(data)
    except PlainError:
        raise
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        raise PlainError(f"not a {hint}: {exc}") from None


def decoder(hint: Any) -> Decoder:
    """The decoder of a type hint (``tuple[Fact, ...]``, ``dict[str, Pos]``...)."""
    return _hint_decoder(hint)


def _init_fields(kind: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(kind)
    if dataclasses.is_dataclass(kind):
        return [(f.name, hints[f.name]) for f in dataclasses.fields(kind) if f.init]
    return [(name, hints[name]) for name in kind._fields]  # type: ignore[attr-defined]


def _is_record(kind: Any) -> bool:
    return isinstance(kind, type) and (
        dataclasses.is_dataclass(kind) or (issubclass(kind, tuple) and hasattr(kind, "_fields")))


@lru_cache(maxsize=None)
def _encoder(kind: type) -> Encoder:
    if kind in (str, int, float, bool, type(None)):
        return _same
    if issubclass(kind, enum.Enum):
        return _enum_value
    if _is_record(kind):
        names = [name for name, _ in _init_fields(kind)]

        def record(value: Any) -> Any:
            return [encode(getattr(value, name)) for name in names]

        return record
    if issubclass(kind, (list, tuple, frozenset, set)):
        return lambda value: [encode(item) for item in value]
    if issubclass(kind, dict):
        return lambda value: {_key(k): encode(v) for k, v in value.items()}
    raise TypeError(f"cannot store a {kind.__name__} as plain data")


def _same(value: Any) -> Any:
    return value


def _enum_value(value: enum.Enum) -> Any:
    return value.value


def _key(key: Any) -> str:
    if not isinstance(key, str):
        raise TypeError("only text keys are plain data")
    return key


@lru_cache(maxsize=None)
def _decoder(kind: type) -> Decoder:
    if kind in (str, int, float, bool):
        return _exact(kind)
    if issubclass(kind, enum.Enum):
        return kind
    if _is_record(kind):
        hints = [hint for _, hint in _init_fields(kind)]
        count = len(hints)
        if not dataclasses.is_dataclass(kind) and all(h is int for h in hints):
            new: Any = tuple.__new__  # a named tuple of numbers (a position): one per value
            made: dict[tuple[int, ...], Any] = {}

            def numbers(data: Any) -> Any:
                if type(data) is not list or len(data) != count:
                    raise PlainError(f"not a {kind.__name__}")
                key = tuple(data)
                got = made.get(key)
                if got is None:
                    if any(type(item) is not int for item in data):
                        raise PlainError(f"not a {kind.__name__}")
                    got = made[key] = new(kind, key)
                return got

            return numbers
        fields = [_hint_decoder(hint) for hint in hints]

        def record(data: Any) -> Any:
            if type(data) is not list or len(data) != count:
                raise PlainError(f"not a {kind.__name__}")
            return kind(*[f(item) for f, item in zip(fields, data)])

        return record
    raise TypeError(f"cannot read a {kind.__name__} from plain data")


def _exact(kind: type) -> Decoder:
    def check(data: Any) -> Any:
        if type(data) is not kind and not (kind is float and type(data) is int):
            raise PlainError(f"expected {kind.__name__}, found {type(data).__name__}")
        return data

    return check


def _none(data: Any) -> None:
    if data is not None:
        raise PlainError("expected null")
    return None


#: which JSON type each decodable hint arrives as (to choose among a union's members)
def _json_type(hint: Any) -> type:
    origin = typing.get_origin(hint)
    if hint is type(None):
        return type(None)
    if origin in (tuple, list, frozenset, set) or _is_record(hint):
        return list
    if origin is dict:
        return dict
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return type(next(iter(hint)).value)
    if isinstance(hint, type):
        return hint
    raise TypeError(f"cannot read {hint!r} from plain data")


@lru_cache(maxsize=None)
def _hint_decoder(hint: Any) -> Decoder:
    if hint is type(None):
        return _none
    if hint is Any:
        return _same
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if len(args) == 2 and type(None) in args:  # ``X | None``: the common case
            some = _hint_decoder(next(a for a in args if a is not type(None)))
            if _json_type(next(a for a in args if a is not type(None))) is not float:
                def optional(data: Any) -> Any:
                    return None if data is None else some(data)

                return optional
        by_type = {_json_type(arg): _hint_decoder(arg) for arg in args}
        if float in by_type:  # JSON writes 2.0 as 2
            by_type.setdefault(int, by_type[float])

        def union(data: Any) -> Any:
            member = by_type.get(type(data))
            if member is None:
                raise PlainError(f"{type(data).__name__} is none of {hint}")
            return member(data)

        return union
    if origin in (tuple, list, frozenset, set):
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            parts = [_hint_decoder(a) for a in args]

            def fixed(data: Any) -> Any:
                if type(data) is not list or len(data) != len(parts):
                    raise PlainError("expected a list")
                return tuple([p(item) for p, item in zip(parts, data)])

            return fixed
        build: Callable[[Any], Any] = tuple if origin is tuple else origin
        if args[0] in (str, int):  # texts, ids, years: one type test per item, no call
            exact = args[0]

            def values(data: Any) -> Any:
                if type(data) is not list or any(type(x) is not exact for x in data):
                    raise PlainError(f"expected a list of {exact.__name__}")
                return build(data)

            return values
        item = _hint_decoder(args[0])

        def sequence(data: Any) -> Any:
            if type(data) is not list:
                raise PlainError("expected a list")
            return build([item(x) for x in data])

        return sequence
    if origin is dict:
        value = _hint_decoder(args[1])

        def mapping(data: Any) -> Any:
            if type(data) is not dict:
                raise PlainError("expected an object")
            return {k: value(v) for k, v in data.items()}

        return mapping
    if isinstance(hint, type):
        return _decoder(hint)
    raise TypeError(f"cannot read {hint!r} from plain data")
