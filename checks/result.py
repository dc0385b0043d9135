"""What a check of a book returns (:func:`checks.api.check`): the one thing front ends read.

A :class:`Result` holds each fact with its era and standing, each quote with its
verdict and, when verified, its span in the source's raw text (offsets and line), each
source with its text, and every problem. Paths are relative to the book's root (the
folder holding ``facts/``): ``facts/visits/x.yaml``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from .problems import Problem, Severity, Standing, Verdict

if TYPE_CHECKING:
    from .archive import Match, SourceText
    from .book import Book
    from .matching import QuoteResult
    from .model import Contest, Fact, Quote, Source
    from .registers import RegisterNote


class QuoteCheck:
    """One quote of a fact: its verdict and, if verified, where it is in the source."""

    __slots__ = ("quote", "result", "_text", "_span")

    def __init__(self, quote: Quote, result: QuoteResult, text: SourceText | None,
                 span: Match | None | bool = False) -> None:
        self.quote = quote
        self.result = result
        self._text = text
        #: False: not located yet (``span``: where an earlier run located it)
        self._span: Match | None | bool = span

    @property
    def verdict(self) -> Verdict:
        return self.result.verdict

    @property
    def ok(self) -> bool:
        return self.result.ok

    @property
    def span(self) -> Match | None:
        """The verified quote's raw ``start``, ``end`` and 1-based ``line`` in its source
        (located once, when first asked for; None when not verified)."""
        if self._span is False:
            text, res = self._text, self.result
            self._span = None if text is None or not res.ok else text.to_raw(
                res.norm_start, res.norm_end)
        return self._span  # type: ignore[return-value]

    @property
    def located(self) -> bool:
        """Whether :attr:`span` is known without locating it (or needs no locating)."""
        return self._span is not False or not self.result.ok


@dataclass
class FactResult:
    """A fact with its era, the verdict on each quote, and its standing."""

    fact: Fact
    era: str | None
    #: the fact's own quotes, then each contested claim's (numbered from 1 in this order)
    quotes: list[QuoteCheck] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: contested points declared by other facts that concern this one (``concerns``)
    shared: list[tuple[Fact, Contest]] = field(default_factory=list)
    #: the book's own register beside contested claims it could check
    register_notes: list[RegisterNote] = field(default_factory=list)

    @property
    def standing(self) -> Standing:
        if any(p.severity is Severity.ERROR for p in self.problems):
            return Standing.UNVERIFIED
        return Standing.CONTESTED if self.contests else Standing.VERIFIED

    @property
    def contests(self) -> list[tuple[Fact, Contest]]:
        """Every contested point shown on this fact: its own, then those declared by other
        facts that concern it, each with the fact that declares it."""
        return [(self.fact, c) for c in self.fact.contested] + self.shared

    @property
    def source_ids(self) -> list[str]:
        return sorted({q.source for q in self.fact.all_quotes()})

    @property
    def single_source(self) -> bool:
        return len(self.source_ids) == 1

    def number(self, quote: Quote) -> int:
        """The 1-based number of one of this fact's quotes (its anchor ``q-<id>-<n>``)."""
        for n, check in enumerate(self.quotes, 1):
            if check.quote is quote:
                return n
        raise LookupError(quote)


@dataclass
class Checked:
    """The book as checked: every fact's result and the loaded book behind them."""

    book: Book
    facts: list[FactResult]
    problems: list[Problem]

    def register_notes(self, declared_by: str, question: str) -> list[RegisterNote]:
        """The register notes of one contested point, wherever they were found (the
        point's own fact, or a fact it concerns), each once."""
        index: dict[tuple[str, str], dict[RegisterNote, None]] | None = \
            self.__dict__.get("_notes")
        if index is None:
            index = {}
            for r in self.facts:
                for n in r.register_notes:
                    index.setdefault((n.declared_by, n.question), {})[n] = None
            self.__dict__["_notes"] = index
        return list(index.get((declared_by, question), {}))


@dataclass
class Summary:
    """The counts every report starts with."""

    facts: int
    sources: int
    contested: int
    errors: int
    warnings: int
    #: quotes not found whose nearest passage was not searched for (the run's budget)
    unexplained: int = 0

    @classmethod
    def of(cls, checked: Checked) -> Summary:
        return cls(
            facts=len(checked.facts), sources=len(checked.book.sources),
            contested=sum(r.standing is Standing.CONTESTED for r in checked.facts),
            errors=sum(p.severity is Severity.ERROR for p in checked.problems),
            warnings=sum(p.severity is Severity.WARNING for p in checked.problems),
            unexplained=sum(q.verdict is Verdict.NOT_FOUND and q.result.nearest is None
                            for r in checked.facts for q in r.quotes))


class Result:
    """A checked book. ``summary`` and ``problems`` are always at hand; the rest
    (facts, sources, texts) is loaded on first use when the result came from the cache.
    """

    def __init__(self, root: str, facts_dir: str, summary: Summary, problems: list[Problem],
                 checked: Checked | Callable[[], Checked], json_text: str | None = None) -> None:
        #: absolute path of the book's root, the folder holding :attr:`facts_dir`
        self.root = root
        #: the facts folder's name (``facts``), the first part of every path
        self.facts_dir = facts_dir
        self.summary = summary
        self.problems = problems
        self._checked = checked
        #: ``--format json`` of this result, once made (see :func:`checks.export.json_text`)
        self.json_text = json_text

    @classmethod
    def of(cls, root: str, facts_dir: str, checked: Checked) -> Result:
        return cls(root, facts_dir, Summary.of(checked), checked.problems, checked)

    @property
    def checked(self) -> Checked:
        if callable(self._checked):
            checked = self._checked()
            self._checked = checked
            self.problems, self.summary = checked.problems, Summary.of(checked)
        return self._checked

    @property
    def loaded(self) -> bool:
        """Whether facts, sources and texts are in memory (not only the report)."""
        return not callable(self._checked)

    @property
    def facts(self) -> list[FactResult]:
        return self.checked.facts

    @property
    def book(self) -> Book:
        return self.checked.book

    @property
    def sources(self) -> dict[str, Source]:
        return self.checked.book.sources

    @property
    def texts(self) -> dict[str, SourceText]:
        return self.checked.book.texts

    @property
    def errors(self) -> int:
        return self.summary.errors

    @property
    def warnings(self) -> int:
        return self.summary.warnings

    def path(self, path: str) -> str:
        """Where a path of the result (``facts/...``) is on disk."""
        return os.path.join(self.root, path)

    def by_id(self) -> dict[str, FactResult]:
        return {r.fact.id: r for r in self.facts}

    def register_notes(self, declared_by: str, question: str) -> list[RegisterNote]:
        """See :meth:`Checked.register_notes`."""
        return self.checked.register_notes(declared_by, question)
