"""The declared fields of fact files: one table serves the loader, the JSON Schema, the
model (who a fact names) and the book (labels, register columns).

Adding a field is one :class:`FieldSpec` line here plus its description in
``docs/fact-format.md``: the loader reads it by its :class:`FieldType`, the schema is
generated from it, a ``label`` shows it in each entry's details, ``person`` makes its
values people the checks know, and ``column`` puts it in the kind's register.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,99}$"
#: names of the pages the book makes (docs/*.md, the extension's eras/ and sources/
#: indexes and its page of facts outside every era, Sphinx's own pages): an era or a
#: source page is named by its id, so no fact or source may take one of them
RESERVED_IDS = frozenset((
    "index", "genindex", "search", "py-modindex", "modindex", "searchindex", "objects",
    "eras", "sources", "outside-eras", "agreements", "visits", "events", "timeline",
    "contested", "fact-format", "facts", "exports", "changes",
))

VISIT_STATUS = ("held", "planned", "postponed", "cancelled")
AGREEMENT_STATUS = ("signed", "agreed", "proposed")
AGREEMENT_TYPES = ("treaty", "agreement", "deal", "memorandum", "communique", "contract",
                   "declaration", "protocol", "other")
EVENT_TYPES = ("establishment", "war", "mediation", "incident", "membership", "exercise",
               "launch", "sanctions", "boycott", "statement", "meeting", "military-aid",
               "intervention", "withdrawal", "coup", "other")
CONFIDENCE = ("high", "medium", "low")

#: The offices a visit's ``office`` may name, with what each covers: the one place the
#: vocabulary is declared (the loader, the JSON Schema and the register checks read it).
#: To add an office, add a line here and a row to the table in docs/fact-format.md.
OFFICES: dict[str, str] = {
    "head-of-state": "president, monarch or other head of state",
    "head-of-government": "prime minister, premier or chancellor",
    "deputy-head-of-government": "deputy or first deputy prime minister",
    "foreign-minister": "minister of foreign affairs",
    "defence-minister": "minister of defence",
    "army-chief": "chief of army staff, commander of the ground forces",
    "military-chief": "chief of the general staff or of the armed forces as a whole",
    "service-chief": "chief of the navy or the air force (or several service chiefs)",
    "minister": "any other minister",
    "official": "a senior official who is not a minister (secretary, envoy, adviser)",
    "delegation": "a delegation of several officials, none singled out",
}
EXCLUDED_REASONS = ("comments", "advertisement", "boilerplate", "byline", "bibliography",
                    "footnote", "navigation", "caption")

MAX_LENGTH = {"title": 300, "quote": 5000, "summary": 20000, "editor_note": 20000}


class FieldType(str, enum.Enum):
    """How a field's YAML value is read (and what the schema allows)."""

    TEXT = "text"
    ID = "id"
    DATE = "date"
    BOOL = "bool"
    TEXTS = "texts"  #: a list of text
    IDS = "ids"  #: a list of ids
    CHOICE = "choice"  #: one of :attr:`FieldSpec.choices`
    QUOTES = "quotes"
    CONTESTED = "contested"


@dataclass(frozen=True, slots=True)
class Column:
    """A field's column in its kind's register (the book's Agreements/Visits pages)."""

    header: str
    width: int


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a fact file, declared once."""

    name: str
    type: FieldType
    description: str
    kinds: tuple[str, ...] = ("era", "agreement", "visit", "event")
    required: bool = False
    choices: tuple[str, ...] = ()
    default: str | None = None
    #: kept in :attr:`checks.model.Fact.details` (kind-specific data)
    detail: bool = False
    #: shown under this label in each entry's details list (None: not listed there)
    label: str | None = None
    #: its values name people: the fact's own people, known to the person check (BB701)
    person: bool = False
    #: its column in the kind's register, if any
    column: Column | None = None


_NOT_ERA = ("agreement", "visit", "event")

T = FieldType

FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", T.ID, "The fact's id; must equal the file name without .yaml.",
              required=True),
    FieldSpec("kind", T.CHOICE, "What the fact is; must match its folder.", required=True,
              choices=("era", "agreement", "visit", "event")),
    FieldSpec("title", T.TEXT, "The editor's neutral headline (plain text).", required=True),
    FieldSpec("summary", T.TEXT, "The editor's prose; says nothing the quotes do not support.",
              required=True),
    FieldSpec("date", T.DATE, "A point in time: YYYY, YYYY-MM or YYYY-MM-DD.", kinds=_NOT_ERA),
    FieldSpec("start", T.DATE, "Start of a span: YYYY, YYYY-MM or YYYY-MM-DD."),
    FieldSpec("end", T.DATE, "End of a span: YYYY, YYYY-MM or YYYY-MM-DD."),
    FieldSpec("circa", T.BOOL, "The date is approximate."),
    FieldSpec("era", T.ID, "The era this fact belongs to (default: the era holding its date).",
              kinds=_NOT_ERA),
    FieldSpec("sources", T.QUOTES, "Verbatim quotes from archived sources.", required=True),
    FieldSpec("contested", T.CONTESTED, "Points where the sources disagree."),
    FieldSpec("editor_note", T.TEXT,
              "The editor's note: anything taken from outside the archived sources."),
    FieldSpec("people", T.TEXTS, "Other people the quotes name in connection with this fact.",
              label="People named", person=True),
    FieldSpec("related", T.IDS, "Ids of other facts this one refers to."),
    # visit
    FieldSpec("visitor", T.TEXT, "Who visited: a person, or a delegation's description.",
              kinds=("visit",), required=True, detail=True, label="Visitor", person=True,
              column=Column("Visitor", 26)),
    FieldSpec("role", T.TEXT, "The visitor's office at the time.", kinds=("visit",),
              detail=True, label="Role"),
    FieldSpec("from_country", T.TEXT, "Country the visitor came from.", kinds=("visit",),
              required=True, detail=True, label="From", column=Column("From → to", 18)),
    FieldSpec("to_country", T.TEXT, "Country visited.", kinds=("visit",), required=True,
              detail=True, label="To"),
    # event (declared here: an entry lists its fields in table order, type first)
    FieldSpec("event_type", T.CHOICE, "What sort of turning point.", kinds=("event",),
              choices=EVENT_TYPES, default="other", detail=True, label="Type"),
    # shared by visits and events
    FieldSpec("place", T.TEXT, "City or site.", kinds=("visit", "event"), detail=True,
              label="Place", column=Column("Place", 14)),
    # visit, continued
    FieldSpec("hosts", T.TEXTS, "Who received the visitor.", kinds=("visit",), detail=True,
              label="Hosts", person=True, column=Column("Hosts", 18)),
    FieldSpec("status", T.CHOICE, "Whether the visit took place.", kinds=("visit",),
              choices=VISIT_STATUS, default="held", detail=True, label="Status",
              column=Column("Status", 16)),
    FieldSpec("office", T.CHOICE, "The visitor's office, from the book's vocabulary (the "
              "visits register compares 'first' claims by office).", kinds=("visit",),
              choices=tuple(OFFICES), detail=True),
    FieldSpec("office_country", T.TEXT, "The country whose office it is.", kinds=("visit",),
              detail=True),
    # era
    FieldSpec("within", T.ID, "The era this era is nested in (the only way two eras may "
              "overlap).", kinds=("era",), detail=True),
    # agreement
    FieldSpec("name", T.TEXT, "The agreement's name as the sources give it.",
              kinds=("agreement",), required=True, detail=True, label="Name",
              column=Column("Agreement", 30)),
    FieldSpec("agreement_type", T.CHOICE, "What sort of instrument it is.",
              kinds=("agreement",), choices=AGREEMENT_TYPES, default="agreement",
              detail=True, label="Type", column=Column("Type", 10)),
    FieldSpec("parties", T.TEXTS, "Countries or bodies that are parties.",
              kinds=("agreement", "event"), detail=True, label="Parties",
              column=Column("Parties", 20)),
    FieldSpec("signatories", T.TEXTS, "People who signed.", kinds=("agreement",),
              detail=True, label="Signatories", person=True,
              column=Column("Signatories", 18)),
    FieldSpec("covers", T.TEXTS, "What it covers, as short phrases.", kinds=("agreement",),
              detail=True, label="Covers"),
    FieldSpec("status", T.CHOICE, "Signed, agreed in principle, or only proposed.",
              kinds=("agreement",), choices=AGREEMENT_STATUS, default="signed", detail=True,
              label="Status", column=Column("Status", 16)),
)

BY_NAME: dict[str, list[FieldSpec]] = {}
for _spec in FIELDS:
    BY_NAME.setdefault(_spec.name, []).append(_spec)


_BY_KIND: dict[str, tuple[FieldSpec, ...]] = {
    kind: tuple(spec for spec in FIELDS if kind in spec.kinds)
    for kind in ("era", "agreement", "visit", "event")}
_SPEC: dict[tuple[str, str], FieldSpec] = {
    (spec.name, kind): spec for kind, specs in _BY_KIND.items() for spec in specs}


def spec_for(name: str, kind: str) -> FieldSpec | None:
    """The spec of a field for a kind, or None when the kind has no such field."""
    return _SPEC.get((name, kind))


def fields_for(kind: str) -> tuple[FieldSpec, ...]:
    """Every field a kind may have, in table order."""
    return _BY_KIND.get(kind, ())


#: Kind-specific fields, kept in :attr:`checks.model.Fact.details`.
DETAIL_FIELDS = tuple(dict.fromkeys(spec.name for spec in FIELDS if spec.detail))
#: Fields whose values name people (:meth:`checks.model.Fact.own_people`).
PERSON_FIELDS = tuple(dict.fromkeys(spec.name for spec in FIELDS if spec.person))


def labelled(kind: str) -> tuple[FieldSpec, ...]:
    """The fields an entry of ``kind`` lists in its details, kind-specific ones first."""
    specs = [s for s in fields_for(kind) if s.label is not None]
    return tuple(sorted(specs, key=lambda s: not s.detail))


def columns(kind: str) -> tuple[FieldSpec, ...]:
    """The fields with a column in ``kind``'s register, in table order."""
    return tuple(s for s in fields_for(kind) if s.column is not None)

QUOTE_FIELDS = ("source", "quote", "context_values", "speaker")
CLAIM_FIELDS = ("value", "source", "quote")
CONTEST_FIELDS = ("question", "field", "claims", "assessment", "concerns")
ASSESSMENT_FIELDS = ("text", "confidence", "favours")
