"""The fact model: frozen dataclasses shared by the checks and the Sphinx extension."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .dates import PartialDate, years_in
from .fields import PERSON_FIELDS
from .normalize import normalize

KINDS = ("era", "agreement", "visit", "event")
KIND_FOLDERS = {"era": "eras", "agreement": "agreements", "visit": "visits", "event": "events"}


class Pos(NamedTuple):
    """A 1-based line and column in a file."""

    line: int
    column: int


@dataclass(frozen=True)
class Quote:
    """A verbatim excerpt of an archived source, as cited by a fact or claim."""

    source: str
    text: str
    pos: Pos
    source_pos: Pos
    path: str
    context_values: tuple[str, ...] = ()
    #: who is speaking when the quote lies inside a quotation in the source (the author
    #: quoting someone): the claim is the speaker's, reported by the author
    speaker: str | None = None
    #: the text after the declared normalisation: what is looked for in the source
    normalized: str = field(init=False, repr=False, compare=False)
    #: the years the normalised text names (see :func:`checks.dates.years_in`): found
    #: after NFKC, so full-width digits cannot hide a year
    years: frozenset[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:  # derived once, where the quote is read
        normalized = normalize(self.text).strip()
        object.__setattr__(self, "normalized", normalized)
        object.__setattr__(self, "years", years_in(normalized))


@dataclass(frozen=True)
class Claim:
    """One side of a contested point: a value, backed by its own quote."""

    value: str
    quote: Quote
    pos: Pos


@dataclass(frozen=True)
class Assessment:
    """The editor's reading of a contested point: a note, never a quote."""

    text: str
    confidence: str
    favours: str | None
    pos: Pos


@dataclass(frozen=True)
class Contest:
    """A question the sources answer differently."""

    question: str
    field: str | None
    claims: tuple[Claim, ...]
    assessment: Assessment | None
    pos: Pos
    #: other facts this one disagreement concerns (declared once, shown on each)
    concerns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fact:
    """One era, agreement, visit or event, with its evidence."""

    id: str
    kind: str
    title: str
    summary: str
    file: str
    date: PartialDate | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    circa: bool = False
    era: str | None = None
    quotes: tuple[Quote, ...] = ()
    contested: tuple[Contest, ...] = ()
    editor_note: str | None = None
    people: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    details: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    positions: dict[str, Pos] = field(default_factory=dict)

    @property
    def first(self) -> PartialDate | None:
        """The date the fact is sorted and placed by."""
        return self.date or self.start

    @property
    def last(self) -> PartialDate | None:
        return self.end or self.date or self.start

    def sort_key(self) -> tuple[tuple[int, int, int], str]:
        first = self.first
        return (first.sort_key() if first else (9999, 0, 0), self.id)

    def all_quotes(self) -> tuple[Quote, ...]:
        """The fact's own quotes followed by every contested claim's quote."""
        claims = tuple(c.quote for contest in self.contested for c in contest.claims)
        return self.quotes + claims

    def own_people(self) -> set[str]:
        """Everyone the fact's person fields name (:data:`checks.fields.PERSON_FIELDS`)."""
        names: set[str] = set()
        for key in PERSON_FIELDS:
            value = self.people if key == "people" else self.details.get(key)
            if isinstance(value, str):
                names.add(value)
            elif value:
                names.update(value)
        return names

    def pos(self, name: str) -> Pos:
        """Position of a field, or of the file's start when the field is absent."""
        return self.positions.get(name, Pos(1, 1))

    def span_years(self) -> range | None:
        first, last = self.first, self.last
        if first is None or last is None:
            return None
        return range(first.year, last.year + 1)


@dataclass(frozen=True)
class ExcludedRange:
    """Lines of an archived text that are not the author's own words."""

    first_line: int
    last_line: int
    reason: str
    note: str | None = None
    #: where the range is written in the metadata file
    pos: Pos = Pos(1, 1)


@dataclass(frozen=True)
class Source:
    """An archived source: metadata plus where its sealed text lives."""

    id: str
    title: str
    author: str
    publication: str
    published: str
    sha256: str
    meta_file: str
    text_file: str
    excluded: tuple[ExcludedRange, ...] = ()
    publication_note: str | None = None
    published_note: str | None = None
    positions: dict[str, Pos] = field(default_factory=dict)

    def pos(self, name: str) -> Pos:
        return self.positions.get(name, Pos(1, 1))
