"""Eras hold their facts.

* eras must not overlap, unless one is declared ``within`` the other, and a nested era
  must lie inside its parent (``BB705``); ``within`` must name an era (``BB401``);
* a fact's explicit ``era`` must hold its date (``BB704``);
* every dated fact falls in exactly one era: the innermost era that holds its first date
  (``BB802`` when none does).

Dates are compared at the precision they are written: an era from ``1979`` to ``1990``
runs from the first day of 1979 to the last day of 1990. A fact is placed by the first
day its date can mean; an explicit ``era`` holds a fact when the two can overlap at all.
"""

from __future__ import annotations

from .dates import PartialDate
from .finding import Finding
from .model import Fact
from .problems import Code, did_you_mean

Key = tuple[int, int, int]


def _bounds(era: Fact) -> tuple[Key, Key] | None:
    if era.start is None or era.end is None:
        return None
    return era.start.sort_key(), era.end.last_key()


class Eras:
    """The book's eras, their nesting, and which era holds a date."""

    def __init__(self, facts: list[Fact]) -> None:
        self.by_id = {f.id: f for f in facts if f.kind == "era"}
        self.bounds = {i: b for i, e in self.by_id.items() if (b := _bounds(e)) is not None}

    def parent(self, era_id: str) -> str | None:
        within = self.by_id[era_id].details.get("within")
        return within if isinstance(within, str) and within in self.by_id else None

    def ancestors(self, era_id: str) -> list[str]:
        out: list[str] = []
        at = self.parent(era_id)
        while at is not None and at not in out and at != era_id:
            out.append(at)
            at = self.parent(at)
        return out

    def holding(self, date: PartialDate) -> str | None:
        """The innermost era holding the first day of ``date``."""
        key = date.sort_key()
        found = [i for i, (lo, hi) in self.bounds.items() if lo <= key <= hi]
        if not found:
            return None
        return max(found, key=lambda i: (len(self.ancestors(i)), self.bounds[i][0], i))

    def can_hold(self, era_id: str, fact: Fact) -> bool:
        """``fact``'s date (or span) and the era can overlap at the precision written."""
        bounds = self.bounds.get(era_id)
        first, last = fact.first, fact.last
        if bounds is None or first is None or last is None:
            return True
        return bounds[0] <= last.last_key() and first.sort_key() <= bounds[1]

    def check(self) -> list[Finding]:
        """Nesting and overlap of the eras themselves."""
        out: list[Finding] = []
        ids = sorted(self.by_id)
        for era_id in ids:
            era = self.by_id[era_id]
            within = era.details.get("within")
            if not isinstance(within, str):
                continue
            pos = era.pos("within")
            if within not in self.by_id:
                out.append(Finding(era_id, pos, Code.UNKNOWN_ERA,
                                   f"within: era '{within}' does not exist"
                                   + did_you_mean(within, self.by_id), "within"))
            elif within == era_id or era_id in self.ancestors(within):
                out.append(Finding(era_id, pos, Code.ERAS_OVERLAP,
                                   f"within: '{within}' makes a loop of nested eras", "within"))
            elif era_id in self.bounds and within in self.bounds:
                (lo, hi), (plo, phi) = self.bounds[era_id], self.bounds[within]
                if lo < plo or hi > phi:
                    out.append(Finding(era_id, pos, Code.ERAS_OVERLAP,
                                       f"era {era_id} ({_span(era)}) is declared within "
                                       f"{within} ({_span(self.by_id[within])}) but does not "
                                       "lie inside it; fix the dates or the within:", "within"))
        for n, a in enumerate(ids):
            for b in ids[n + 1:]:
                if a not in self.bounds or b not in self.bounds:
                    continue
                (alo, ahi), (blo, bhi) = self.bounds[a], self.bounds[b]
                if alo > bhi or blo > ahi:
                    continue
                if a in self.ancestors(b) or b in self.ancestors(a):
                    continue
                later = max(a, b, key=lambda i: (self.bounds[i][0], i))
                other = b if later == a else a
                out.append(Finding(later, self.by_id[later].pos("start"), Code.ERAS_OVERLAP,
                                   f"era {later} ({_span(self.by_id[later])}) overlaps era "
                                   f"{other} ({_span(self.by_id[other])}); make them meet "
                                   f"without overlapping, or declare within: {other} if it "
                                   "is a part of it", "start"))
        return out

    def check_fact(self, fact: Fact) -> list[Finding]:
        """A fact's explicit era must exist and hold its date."""
        if fact.kind == "era" or fact.era is None:
            return []
        if fact.era not in self.by_id:
            return [Finding(fact.id, fact.pos("era"), Code.UNKNOWN_ERA,
                            f"era '{fact.era}' does not exist" + did_you_mean(fact.era, self.by_id),
                            "era")]
        if not self.can_hold(fact.era, fact):
            era = self.by_id[fact.era]
            dated = fact.first.display() if fact.first else "?"
            return [Finding(fact.id, fact.pos("era"), Code.ERA_DOES_NOT_HOLD,
                            f"era: {fact.era} runs {_span(era)}, which does not hold this "
                            f"fact's date ({dated}); drop era: to place it by its date, or "
                            "fix the date", "era")]
        return []


def _span(era: Fact) -> str:
    if era.start is None or era.end is None:
        return "undated"
    return f"{era.start.iso()} to {era.end.iso()}"
