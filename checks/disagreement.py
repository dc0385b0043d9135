"""Find disagreement the editor did not declare: years and people a quote names."""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from .dates import years_in
from .model import Fact, Quote
from .normalize import normalize
from .people import is_person

__all__ = ["Gazetteer", "person_conflicts", "year_conflicts", "years_in"]


def _is_name(value: str) -> bool:
    tokens = value.split()
    return 2 <= len(tokens) <= 4 and all(t[:1].isupper() for t in tokens)


_WORD = re.compile(r"\w+(?:[.\-]\w+)*")  # "Sharif's" gives "Sharif", "s"
#: the same words with hyphens as breaks: a dash normalised to "-" ("Kayani—the") must
#: not glue a name to the next word
_SPLIT_WORD = re.compile(r"\w+(?:\.\w+)*")


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(normalize(text)))


def words_of(normalized: str) -> list[str]:
    """Words of a normalised text, read both ways (hyphens kept, then as breaks)."""
    words = _WORD.findall(normalized)
    if "-" in normalized:
        words += [""] + _SPLIT_WORD.findall(normalized)
    return words


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """People named anywhere in the book, with the surnames that identify only one.

    Only person-like names (two to four capitalised words, no title or office word; see
    :mod:`checks.people`) are kept, so a visitor written as a description ("a delegation
    of officials") or a bad entry ("Prime Minister") is never matched.
    """

    names: dict[tuple[str, ...], str]
    longest: int
    firsts: frozenset[str] = frozenset()

    @classmethod
    def of(cls, facts: list[Fact]) -> Gazetteer:
        people = {n for f in facts for n in f.own_people() if _is_name(n) and is_person(n)}
        names: dict[tuple[str, ...], str] = {tuple(_tokens(n)): n for n in people}
        by_surname: dict[str, set[str]] = {}
        for name in people:
            by_surname.setdefault(_tokens(name)[-1], set()).add(name)
        for surname, owners in by_surname.items():
            if len(owners) == 1 and len(surname) > 3 and (surname,) not in names:
                names[(surname,)] = next(iter(owners))
        longest = max((len(k) for k in names), default=0)
        return cls(names, longest, frozenset(k[0] for k in names))

    def named_in(self, text: str) -> set[str]:
        """People of the gazetteer a text names, by full name or unique surname."""
        return self.named_in_words(words_of(normalize(text)))

    def named_in_words(self, words: tuple[str, ...] | list[str]) -> set[str]:
        """:meth:`named_in` for a text already split into words (see :data:`_WORD`)."""
        if self.firsts.isdisjoint(words):
            return set()
        found = set()
        for i, word in enumerate(words):
            if word not in self.firsts:
                continue
            for size in range(1, self.longest + 1):
                name = self.names.get(tuple(words[i:i + size]))
                if name is not None:
                    found.add(name)
        return found


def year_conflicts(fact: Fact) -> list[tuple[Quote, frozenset[int]]]:
    """Quotes that name years, none of them within the fact's date or span."""
    allowed = fact.span_years()
    if allowed is None:
        return []
    out = []
    for quote in fact.quotes:
        named = quote.years - {int(n) for n in map(normalize, quote.context_values)
                               if n.isascii() and n.isdigit()}
        if named and not any(y in allowed for y in named):
            out.append((quote, named))
    return out


def person_conflicts(fact: Fact, gazetteer: Gazetteer) -> list[tuple[Quote, set[str]]]:
    """Quotes that name a known person who is none of this fact's own people."""
    own = fact.own_people()
    out = []
    for quote in fact.quotes:
        named = gazetteer.named_in_words(words_of(quote.normalized))
        named = named - own - set(quote.context_values)
        if named:
            out.append((quote, named))
    return out
