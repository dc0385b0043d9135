"""Partial dates: YYYY, YYYY-MM, YYYY-MM-DD; malformed and impossible dates."""

from __future__ import annotations

import pytest

from checks.dates import DateError, PartialDate


@pytest.mark.parametrize("text,expected,precision", [
    ("1971", PartialDate(1971), "year"),
    ("1971-08", PartialDate(1971, 8), "month"),
    ("1971-08-09", PartialDate(1971, 8, 9), "day"),
    (" 2024-02-29 ", PartialDate(2024, 2, 29), "day"),   # leap year
    ("2000-02-29", PartialDate(2000, 2, 29), "day"),     # divisible by 400
])
def test_parse(text: str, expected: PartialDate, precision: str) -> None:
    d = PartialDate.parse(text)
    assert d == expected and d.precision == precision


@pytest.mark.parametrize("text", ["2021/02/03", "71", "1971-8", "1971-08-9", "19710809",
                                  "1971-08-09T00:00", "", "late 1971", "1971-", "c. 1971",
                                  "12345"])
def test_malformed(text: str) -> None:
    with pytest.raises(DateError) as exc:
        PartialDate.parse(text)
    assert exc.value.kind == "format"
    assert "write YYYY, YYYY-MM or YYYY-MM-DD" in str(exc.value)


@pytest.mark.parametrize("text,phrase", [
    ("2021-02-30", "February 2021 has 28 days"),
    ("2021-02-29", "February 2021 has 28 days"),
    ("1900-02-29", "February 1900 has 28 days"),   # not a leap year
    ("2021-04-31", "April 2021 has 30 days"),
    ("2021-13", "month 13"),
    ("2021-00", "month 0"),
    ("2021-13-01", "month 13"),
    ("2021-01-00", "January 2021 has 31 days"),
])
def test_impossible(text: str, phrase: str) -> None:
    with pytest.raises(DateError) as exc:
        PartialDate.parse(text)
    assert exc.value.kind == "impossible"
    assert phrase in str(exc.value)


@pytest.mark.parametrize("text", ["\uff12\uff10\uff12\uff11", "\u0662\u0660\u0662\u0661"])
def test_non_ascii_digits_are_not_a_date(text: str) -> None:
    with pytest.raises(DateError):
        PartialDate.parse(text)


@pytest.mark.parametrize("text,iso,display", [
    ("1971", "1971", "1971"),
    ("1971-08", "1971-08", "August 1971"),
    ("1971-08-09", "1971-08-09", "9 August 1971"),
    ("0999-01-02", "0999-01-02", "2 January 999"),
])
def test_iso_and_display(text: str, iso: str, display: str) -> None:
    d = PartialDate.parse(text)
    assert (d.iso(), d.display()) == (iso, display)


def test_sort_and_last_keys() -> None:
    year, month, day = (PartialDate.parse(t) for t in ("2014", "2014-11", "2014-11-21"))
    assert year.sort_key() < month.sort_key() < day.sort_key()
    assert year.last_key() == (2014, 12, 31)
    assert month.last_key() == (2014, 11, 31)
    assert day.last_key() == (2014, 11, 21)
    # a span from November 2014 to "2014" is not reversed; to October 2014 it is
    assert month.sort_key() <= year.last_key()
    assert month.sort_key() > PartialDate.parse("2014-10").last_key()
