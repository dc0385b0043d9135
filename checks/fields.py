"""The declared fields of fact files: one table serves the loader and the JSON Schema."""

from __future__ import annotations

from dataclasses import dataclass

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,99}$"

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


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a fact file.

    ``type`` is one of ``text``, ``id``, ``date``, ``bool``, ``texts`` (list of text),
    ``ids`` (list of ids), ``choice``, ``quotes`` or ``contested``.
    """

    name: str
    type: str
    description: str
    kinds: tuple[str, ...] = ("era", "agreement", "visit", "event")
    required: bool = False
    choices: tuple[str, ...] = ()
    default: str | None = None


_NOT_ERA = ("agreement", "visit", "event")

FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "id", "The fact's id; must equal the file name without .yaml.", required=True),
    FieldSpec("kind", "choice", "What the fact is; must match its folder.", required=True,
              choices=("era", "agreement", "visit", "event")),
    FieldSpec("title", "text", "The editor's neutral headline (plain text).", required=True),
    FieldSpec("summary", "text", "The editor's prose; says nothing the quotes do not support.",
              required=True),
    FieldSpec("date", "date", "A point in time: YYYY, YYYY-MM or YYYY-MM-DD.", kinds=_NOT_ERA),
    FieldSpec("start", "date", "Start of a span: YYYY, YYYY-MM or YYYY-MM-DD."),
    FieldSpec("end", "date", "End of a span: YYYY, YYYY-MM or YYYY-MM-DD."),
    FieldSpec("circa", "bool", "The date is approximate."),
    FieldSpec("era", "id", "The era this fact belongs to (default: the era holding its date).",
              kinds=_NOT_ERA),
    FieldSpec("sources", "quotes", "Verbatim quotes from archived sources.", required=True),
    FieldSpec("contested", "contested", "Points where the sources disagree."),
    FieldSpec("editor_note", "text",
              "The editor's note: anything taken from outside the archived sources."),
    FieldSpec("people", "texts", "Other people the quotes name in connection with this fact."),
    FieldSpec("related", "ids", "Ids of other facts this one refers to."),
    # visit
    FieldSpec("visitor", "text", "Who visited: a person, or a delegation's description.",
              kinds=("visit",), required=True),
    FieldSpec("role", "text", "The visitor's office at the time.", kinds=("visit",)),
    FieldSpec("from_country", "text", "Country the visitor came from.", kinds=("visit",),
              required=True),
    FieldSpec("to_country", "text", "Country visited.", kinds=("visit",), required=True),
    FieldSpec("place", "text", "City or site.", kinds=("visit", "event")),
    FieldSpec("hosts", "texts", "Who received the visitor.", kinds=("visit",)),
    FieldSpec("status", "choice", "Whether the visit took place.", kinds=("visit",),
              choices=VISIT_STATUS, default="held"),
    FieldSpec("office", "choice", "The visitor's office, from the book's vocabulary (the "
              "visits register compares 'first' claims by office).", kinds=("visit",),
              choices=tuple(OFFICES)),
    FieldSpec("office_country", "text", "The country whose office it is.", kinds=("visit",)),
    # era
    FieldSpec("within", "id", "The era this era is nested in (the only way two eras may "
              "overlap).", kinds=("era",)),
    # agreement
    FieldSpec("name", "text", "The agreement's name as the sources give it.",
              kinds=("agreement",), required=True),
    FieldSpec("agreement_type", "choice", "What sort of instrument it is.",
              kinds=("agreement",), choices=AGREEMENT_TYPES, default="agreement"),
    FieldSpec("parties", "texts", "Countries or bodies that are parties.",
              kinds=("agreement", "event")),
    FieldSpec("signatories", "texts", "People who signed.", kinds=("agreement",)),
    FieldSpec("covers", "texts", "What it covers, as short phrases.", kinds=("agreement",)),
    FieldSpec("status", "choice", "Signed, agreed in principle, or only proposed.",
              kinds=("agreement",), choices=AGREEMENT_STATUS, default="signed"),
    # event
    FieldSpec("event_type", "choice", "What sort of turning point.", kinds=("event",),
              choices=EVENT_TYPES, default="other"),
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
DETAIL_FIELDS = ("visitor", "role", "from_country", "to_country", "place", "hosts", "status",
                 "office", "office_country", "within",
                 "name", "agreement_type", "parties", "signatories", "covers", "event_type")

QUOTE_FIELDS = ("source", "quote", "context_values", "speaker")
CLAIM_FIELDS = ("value", "source", "quote")
CONTEST_FIELDS = ("question", "field", "claims", "assessment", "concerns")
ASSESSMENT_FIELDS = ("text", "confidence", "favours")
