"""Plain data (what the cache stores): json's own encoder with :func:`plain.shallow`
writes the same text as :func:`plain.encode`, and decoding refuses wrong shapes."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from checks import plain
from checks.api import _check
from checks.files import list_files, read_files
from checks.model import Fact, Pos
from tests.helpers import REAL_FACTS


def _same_text(value: object) -> None:
    fast = json.dumps(value, ensure_ascii=False, default=plain.shallow)
    assert fast == json.dumps(plain.encode(value), ensure_ascii=False)


def test_the_real_books_parses_and_checks_are_written_as_encode_writes_them() -> None:
    listing = list_files(str(REAL_FACTS))
    result = _check(listing, read_files(listing), None, True)
    assert result.book.entries and result.book.checks
    _same_text(result.book.entries)
    _same_text(result.book.checks)
    _same_text(result.problems)


@dataclass(frozen=True)
class _One:
    value: Pos


@dataclass(frozen=True)
class _Nothing:
    pass


def test_records_of_one_field_or_none() -> None:
    _same_text([_One(Pos(1, 2)), _Nothing(), {"a": _One(Pos(3, 4))}])


def test_shallow_refuses_what_is_not_plain_data() -> None:
    with pytest.raises(TypeError):
        json.dumps(object(), default=plain.shallow)


@pytest.mark.parametrize("bad", [[1], [1, 2, 3], ["1", 2], [1.5, 2], None, {"line": 1}])
def test_a_position_of_the_wrong_shape_is_refused(bad: object) -> None:
    with pytest.raises(plain.PlainError):
        plain.decode(Pos, bad)


def test_a_position_is_one_object_per_value() -> None:
    assert plain.decode(Pos, [7, 9]) is plain.decode(Pos, [7, 9]) == Pos(7, 9)
    for bad in ([7.0, 9], [True, 9]):  # equal to a position already made, still refused
        with pytest.raises(plain.PlainError):
            plain.decode(Pos, bad)


def test_a_fact_round_trips() -> None:
    listing = list_files(str(REAL_FACTS))
    book = _check(listing, read_files(listing), None, True).book
    for fact in book.facts[:20]:
        assert plain.decode(Fact, json.loads(json.dumps(plain.encode(fact)))) == fact


def test_an_enum_is_read_by_value_only() -> None:
    from checks.problems import Code, Verdict

    assert plain.decode(Verdict, Verdict.FOUND.value) is Verdict.FOUND
    assert plain.decode(Code, Code.QUOTE_NOT_FOUND.value) is Code.QUOTE_NOT_FOUND
    for bad in ("no such code", None, ["BB501"], "NOT_FOUND"):
        with pytest.raises(plain.PlainError):
            plain.decode(Code, bad)
