"""Find disagreement the editor did not declare: years and people a quote names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Fact, Quote
from .normalize import normalize

_YEAR = re.compile(r"(?<![\w$.,])(1[89]\d\d|20\d\d)(?![\w%])")


def years_in(text: str) -> set[int]:
    """Four-digit years 1800-2099 named in a text (not '1970s', '$2010', '2,010')."""
    return {int(y) for y in _YEAR.findall(text)}


def _is_name(value: str) -> bool:
    tokens = value.split()
    return 2 <= len(tokens) <= 4 and all(t[:1].isupper() for t in tokens)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """People named anywhere in the book, with the surnames that identify only one."""

    names: frozenset[str]
    surnames: dict[str, str]

    @classmethod
    def of(cls, facts: list[Fact]) -> Gazetteer:
        names = {n for f in facts for n in f.own_people()}
        by_surname: dict[str, set[str]] = {}
        for name in names:
            if _is_name(name):
                by_surname.setdefault(name.split()[-1], set()).add(name)
        unique = {s: next(iter(ns)) for s, ns in by_surname.items() if len(ns) == 1 and len(s) > 3}
        return cls(frozenset(names), unique)

    def named_in(self, text: str) -> set[str]:
        """People of the gazetteer a text names, by full name or unique surname."""
        found = set()
        norm = normalize(text)
        for name in self.names:
            if _word_in(normalize(name), norm):
                found.add(name)
        for surname, name in self.surnames.items():
            if _word_in(surname, norm):
                found.add(name)
        return found


def _word_in(needle: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", text) is not None


def year_conflicts(fact: Fact) -> list[tuple[Quote, set[int]]]:
    """Quotes that name years, none of them within the fact's date or span."""
    allowed = fact.span_years()
    if allowed is None:
        return []
    out = []
    for quote in fact.quotes:
        named = years_in(quote.text) - {int(v) for v in quote.context_values if v.isdigit()}
        if named and not any(y in allowed for y in named):
            out.append((quote, named))
    return out


def person_conflicts(fact: Fact, gazetteer: Gazetteer) -> list[tuple[Quote, set[str]]]:
    """Quotes that name a known person who is none of this fact's own people."""
    own = fact.own_people()
    out = []
    for quote in fact.quotes:
        named = gazetteer.named_in(quote.text) - own - set(quote.context_values)
        if named:
            out.append((quote, named))
    return out
