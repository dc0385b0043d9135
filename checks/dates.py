"""Partial dates (year, year-month, year-month-day) as the facts write them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_YEAR = re.compile(r"(?<![\w$.,])(1[89]\d\d|20\d\d)(?![\w%])")
NO_YEARS: frozenset[int] = frozenset()
_MONTHS = calendar.month_name


class DateError(ValueError):
    """A date that is malformed (``kind='format'``) or does not exist."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        :param text: the date as written in the fact file
        :raises DateError: on a malformed or impossible date
        """
        m = _DATE_RE.fullmatch(text.strip())
        if not m:
            raise DateError(
                f"'{text}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD", "format"
            )
        year = int(m[1])
        month = int(m[2]) if m[2] else None
        day = int(m[3]) if m[3] else None
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"'{text}' has month {month}; months run 1-12", "impossible")
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise DateError(
                    f"'{text}' does not exist: {_MONTHS[month]} {year} has {last} days",
                    "impossible",
                )
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def display(self) -> str:
        """Human form that shows only the precision the sources give."""
        if self.day and self.month:
            return f"{self.day} {_MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month]} {self.year}"
        return str(self.year)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def last_key(self) -> tuple[int, int, int]:
        """Sort key of the last day this date can mean (for span comparisons)."""
        return (self.year, self.month or 12, self.day or 31)


@lru_cache(maxsize=1 << 16)
def years_in(text: str) -> frozenset[int]:
    """Four-digit years 1800-2099 named in a text (not '1970s', '$2010', '2,010')."""
    found = _YEAR.findall(text)
    return frozenset(int(y) for y in found) if found else NO_YEARS
