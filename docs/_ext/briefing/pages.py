"""Which pages the book has, and on which page each fact lives.

An era is one chapter page. An era with more facts than ``briefing_era_page_facts``
becomes a chapter page (the era's own evidence and a list of its years) plus one page
per year of its facts, so that no page grows with the book: a reader of a long era
reads it year by year, and a page stays small enough to load and search.

The same holds for the book's long lists (a register, the "What changed" list): with
more entries than ``briefing_list_page_entries`` a list becomes a main page (the totals
and a link to each part) plus one page per era of its entries, ``parts/<list>/<era>``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .data import LOADED, get_book

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from checks.result import FactResult

    from .data import BookData

OUTSIDE = "outside-eras"  # page for facts that no era holds
PARTS = "parts"  # the folder of the long lists' part pages
UNDATED = "undated"  # period of an era's facts that have no date
_UNSHOWN = ("file", "line")
_UNSHOWN_QUOTE = ("source_line", "source_start", "source_end")


@dataclass(frozen=True)
class Period:
    """One year of a long era: a page of its own."""

    era: str  # era id, or OUTSIDE
    label: str  # the year, or UNDATED
    facts: tuple[FactResult, ...]

    @property
    def docname(self) -> str:
        return f"eras/{self.era}/{self.label}"


@dataclass
class Layout:
    """The book's chapter pages and where each fact is shown."""

    book: BookData
    #: era key (era id or OUTSIDE) -> its year pages; absent when the era is one page
    periods: dict[str, list[Period]] = field(default_factory=dict)
    #: fact id -> docname of the page that shows its entry
    page_of: dict[str, str] = field(default_factory=dict)
    #: the most entries a list page holds before it is split by era (0: never)
    list_limit: int = 0
    #: fact id -> the data its entry renders (filled as pages ask)
    _shown: dict[str, Any] = field(default_factory=dict)
    #: list name -> its parts (filled as pages ask)
    _parts: dict[str, list[tuple[str, list[FactResult]]]] = field(default_factory=dict)
    #: list name -> its entries (filled as pages ask)
    _lists: dict[str, list[FactResult]] = field(default_factory=dict)

    def chapters(self) -> list[str]:
        """Era keys in book order, with OUTSIDE last when some fact lies outside."""
        keys = [r.fact.id for r in self.book.eras]
        return keys + ([OUTSIDE] if self.book.members.get(None) else [])

    def split(self, facts: list[FactResult]) -> list[tuple[str, list[FactResult]]]:
        """A long list's entries by era, in chapter order, each part keeping the
        list's order (``[]``: the list is short enough for one page)."""
        if not 0 < self.list_limit < len(facts):
            return []
        parts: dict[str, list[FactResult]] = {k: [] for k in self.chapters()}
        for r in facts:
            parts.setdefault(_key(self.book.era_of(r)), []).append(r)
        return [(k, fs) for k, fs in parts.items() if fs]

    def parts(
        self, name: str, entries: Callable[[], list[FactResult]]
    ) -> list[tuple[str, list[FactResult]]]:
        """:meth:`split` of the list ``name`` (whose entries are ``entries()``),
        made once per build."""
        if name not in self._parts:
            self._parts[name] = self.split(self.entries(name, entries))
        return self._parts[name]

    def entries(
        self, name: str, entries: Callable[[], list[FactResult]]
    ) -> list[FactResult]:
        """The entries ``entries()`` of the list ``name``, made once per build."""
        if name not in self._lists:
            self._lists[name] = entries()
        return self._lists[name]

    def part_title(self, key: str) -> str:
        """How a part is named: the era's dates and title."""
        era = self.book.by_id.get(key)
        if era is None:
            return "Outside the eras"
        f = era.fact
        years = f"{f.first.year}–{f.last.year}" if f.first and f.last else ""
        return f"{years} · {f.title}" if years else f.title

    def period(self, era: str, label: str) -> Period:
        for p in self.periods.get(era, []):
            if p.label == label:
                return p
        raise LookupError(f"{era}/{label}")

    def links(self, fact_ids: list[str]) -> list[Any]:
        """What links to these facts show and where they go (titles and pages)."""
        by_id = self.book.by_id
        return [
            (i, by_id[i].fact.title if i in by_id else None, self.page_of.get(i))
            for i in fact_ids
        ]

    def shown(self, fact_id: str) -> Any:
        """What an entry renders: the fact's JSON without file positions and quote
        offsets (which no page shows), plus why each failing quote fails."""
        if fact_id not in self._shown:
            r = self.book.by_id[fact_id]
            data = {
                k: v for k, v in self.book.json[fact_id].items() if k not in _UNSHOWN
            }
            quotes = [
                {k: v for k, v in q.items() if k not in _UNSHOWN_QUOTE}
                for q in data.pop("quotes")
            ]
            contested = [
                dict(
                    c,
                    claims=[
                        {k: v for k, v in q.items() if k not in _UNSHOWN_QUOTE}
                        for q in c["claims"]
                    ],
                )
                for c in data.pop("contested")
            ]
            why = [c.verdict.value for c in r.quotes]
            self._shown[fact_id] = (data, quotes, contested, why)
        return self._shown[fact_id]


def _key(era: str | None) -> str:
    return OUTSIDE if era is None else era


def part_docname(list_name: str, key: str) -> str:
    """The page of one era's part of a long list."""
    return f"{PARTS}/{list_name}/{key}"


def build_layout(book: BookData, page_facts: int, list_limit: int = 0) -> Layout:
    """Place every fact: on its era's page, or on its year's page of a long era.

    :param page_facts: the most facts an era page holds before it is split by year
        (0: never split)
    :param list_limit: the most entries a list page holds before it is split by era
        (0: never split)
    """
    layout = Layout(book, list_limit=list_limit)
    for era, members in book.members.items():
        key = _key(era)
        split = 0 < page_facts < len(members)
        if split:
            years: dict[str, list[FactResult]] = {}
            for r in members:
                first = r.fact.first
                label = str(first.year) if first is not None else UNDATED
                years.setdefault(label, []).append(r)
            layout.periods[key] = [Period(key, y, tuple(fs)) for y, fs in years.items()]
            for p in layout.periods[key]:
                for r in p.facts:
                    layout.page_of[r.fact.id] = p.docname
        else:
            for r in members:
                layout.page_of[r.fact.id] = f"eras/{key}"
    for r in book.eras:
        layout.page_of[r.fact.id] = f"eras/{r.fact.id}"
    return layout


#: the layout of each loaded book, by the book's identity (workers inherit them)
_LAYOUTS: dict[int, Layout] = {}


def layout_of(book: BookData) -> Layout:
    """The page layout of a book loaded at ``builder-inited``."""
    layout = _LAYOUTS[id(book)]
    assert layout.book is book
    return layout


def get_layout(env: BuildEnvironment) -> Layout:
    """The page layout of the current build."""
    return layout_of(get_book(env))


def on_book_loaded(app: Sphinx, book: BookData) -> None:
    """Lay the book out right after it is loaded (before the stubs are written)."""
    for key in [k for k, v in _LAYOUTS.items() if v.book.facts_dir == book.facts_dir]:
        del _LAYOUTS[key]  # an earlier build's book of the same folder
    _LAYOUTS[id(book)] = build_layout(
        book, app.config.briefing_era_page_facts, app.config.briefing_list_page_entries
    )


def setup_pages(app: Sphinx) -> None:
    """Lay out the pages as soon as the book is loaded."""
    app.connect(LOADED, on_book_loaded, priority=420)
