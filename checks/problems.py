"""Problem value objects and the registry of stable problem codes."""

from __future__ import annotations

import difflib
import enum
from dataclasses import dataclass
from typing import Iterable


class Severity(str, enum.Enum):
    """How bad a problem is: errors fail the check and the build."""

    ERROR = "error"
    WARNING = "warning"


class Code(str, enum.Enum):
    """Stable problem codes; each is also the Sphinx warning subtype."""

    def __new__(cls, value: str, severity: Severity, summary: str) -> Code:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.severity = severity
        obj.summary = summary
        return obj

    severity: Severity
    summary: str

    # files and YAML
    UNREADABLE = ("BB100", Severity.ERROR, "file cannot be read, is too large or is not a regular file inside facts/")
    BAD_ENCODING = ("BB101", Severity.ERROR, "file is not valid UTF-8")
    EMPTY_FILE = ("BB102", Severity.ERROR, "file is empty")
    YAML_SYNTAX = ("BB103", Severity.ERROR, "YAML syntax error (including tabs used for indentation)")
    NOT_A_MAPPING = ("BB104", Severity.ERROR, "a mapping was expected (the top level of a fact file, a quote, a claim)")
    DUPLICATE_KEY = ("BB105", Severity.ERROR, "the same key appears twice in one mapping")
    ALIAS = ("BB106", Severity.ERROR, "YAML anchors, aliases and tags are not allowed")
    NO_FACTS = ("BB107", Severity.ERROR, "the book has no fact files at all")
    # fields
    UNKNOWN_FIELD = ("BB200", Severity.ERROR, "field not known for this kind of fact")
    MISSING_FIELD = ("BB201", Severity.ERROR, "required field missing")
    WRONG_TYPE = ("BB202", Severity.ERROR, "field has the wrong type")
    BAD_VALUE = ("BB203", Severity.ERROR, "value not allowed (enumeration, id pattern, empty text)")
    ID_MISMATCH = ("BB204", Severity.ERROR, "id does not match the file name")
    KIND_MISMATCH = ("BB205", Severity.ERROR, "kind does not match the folder")
    DUPLICATE_ID = ("BB206", Severity.ERROR, "two facts or sources share an id")
    TOO_LONG = ("BB207", Severity.ERROR, "text longer than the limit")
    NOT_A_PERSON = ("BB208", Severity.ERROR, "a people, hosts, signatories or visitor entry is not a person's name (a title, office or institution word)")
    # dates
    BAD_DATE = ("BB300", Severity.ERROR, "date not in YYYY, YYYY-MM or YYYY-MM-DD form")
    IMPOSSIBLE_DATE = ("BB301", Severity.ERROR, "date does not exist (month 13, 30 February)")
    START_AFTER_END = ("BB302", Severity.ERROR, "start is after end")
    NO_DATE = ("BB303", Severity.ERROR, "fact has no date (date, or start and end)")
    DATE_AND_SPAN = ("BB304", Severity.ERROR, "fact has both date and start/end")
    # references
    UNKNOWN_SOURCE = ("BB400", Severity.ERROR, "quote names a source that is not archived")
    UNKNOWN_ERA = ("BB401", Severity.ERROR, "era id does not exist")
    UNKNOWN_FACT = ("BB402", Severity.ERROR, "related fact id does not exist")
    BAD_FAVOURS = ("BB403", Severity.ERROR, "assessment favours a value no claim has")
    UNKNOWN_CONCERNED = ("BB404", Severity.ERROR, "contested point concerns a fact id that does not exist")
    BAD_CONTEST_FIELD = ("BB405", Severity.ERROR, "contested point's field is not a field of that kind of fact")
    # evidence
    NO_QUOTES = ("BB500", Severity.ERROR, "fact has no quote")
    QUOTE_NOT_FOUND = ("BB501", Severity.ERROR, "quote does not occur in its source")
    QUOTE_EXCLUDED = ("BB502", Severity.ERROR, "quote occurs only outside the author's text (comments, ads, bylines)")
    QUOTE_TOO_SHORT = ("BB503", Severity.ERROR, "quote has fewer than five words")
    QUOTE_PARTIAL_WORD = ("BB504", Severity.ERROR, "quote occurs only inside longer words (not on word boundaries)")
    TOO_FEW_CLAIMS = ("BB505", Severity.ERROR, "contested point with fewer than two claims")
    QUOTE_CUTS_NUMBER = ("BB506", Severity.ERROR, "quote starts or ends inside a number ($2 cut from $2.5 billion)")
    NO_SPEAKER = ("BB507", Severity.ERROR, "quote lies inside a quotation in the source but has no speaker")
    SAME_VALUES = ("BB508", Severity.ERROR, "contested point whose claims do not differ in value")
    SAME_PASSAGE = ("BB509", Severity.ERROR, "two claims of a contested point cite the same passage")
    DUPLICATE_DISPUTE = ("BB510", Severity.ERROR, "the same dispute is declared in two files")
    # archive
    SOURCE_TEXT_MISSING = ("BB600", Severity.ERROR, "source metadata without its text file")
    SOURCE_HASH = ("BB601", Severity.ERROR, "archived text no longer matches its recorded SHA-256")
    SOURCE_META = ("BB602", Severity.ERROR, "source metadata invalid (excluded line range)")
    SOURCE_NO_META = ("BB603", Severity.ERROR, "source text without its metadata file")
    SOURCE_UNUSABLE = ("BB604", Severity.ERROR, "quote cites a source whose archived text is missing, unreadable or fails its seal")
    # disagreement the editor did not declare
    YEAR_DISAGREES = ("BB700", Severity.ERROR, "a quote names only years outside the fact's date; not marked contested")
    PERSON_DISAGREES = ("BB701", Severity.ERROR, "a quote names a person who is not among the fact's people; not marked contested")
    # prose grounded in the quotes
    VALUE_UNGROUNDED = ("BB702", Severity.ERROR, "title or summary states a year, date or number that none of the fact's quotes states")
    PERSON_UNGROUNDED = ("BB703", Severity.ERROR, "title or summary names a person that none of the fact's quotes names")
    # eras
    ERA_DOES_NOT_HOLD = ("BB704", Severity.ERROR, "the fact's explicit era does not hold its date")
    ERAS_OVERLAP = ("BB705", Severity.ERROR, "two eras overlap and neither is declared within the other (or a nested era leaves its parent)")
    # claims checked against the book's own registers
    FIRST_CONTRADICTED = ("BB706", Severity.ERROR, "a visit's 'first' claim is contradicted by the book's visits register; not marked contested")
    AGREEMENT_FIRST_CONTRADICTED = ("BB707", Severity.ERROR, "an agreement's 'first of its type' claim is contradicted by the agreements register; not marked contested")
    NO_OFFICE = ("BB708", Severity.ERROR, "a visit whose quotes make a 'first' claim has no office or office_country to check it by")
    # weaker evidence
    SINGLE_SOURCE = ("BB800", Severity.WARNING, "fact rests on a single source")
    DATE_UNSTATED = ("BB801", Severity.WARNING, "no quote states the fact's year")
    NO_ERA = ("BB802", Severity.ERROR, "no era holds the fact's date (every dated fact falls in exactly one era)")
    FIRST_UNREAD = ("BB803", Severity.WARNING, "a 'first' phrasing in a visit's or agreement's quote that the register check cannot read (not checked)")


class Verdict(str, enum.Enum):
    """The verdict on one quote, tied to the problem code it raises (None: verified).

    The value is what the book shows beside an unverified quote.
    """

    def __new__(cls, value: str, code: Code | None) -> Verdict:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.code = code
        return obj

    code: Code | None

    FOUND = ("found", None)
    NOT_FOUND = ("not-found", Code.QUOTE_NOT_FOUND)
    EXCLUDED = ("excluded", Code.QUOTE_EXCLUDED)
    TOO_SHORT = ("too-short", Code.QUOTE_TOO_SHORT)
    PARTIAL_WORD = ("partial-word", Code.QUOTE_PARTIAL_WORD)
    CUTS_NUMBER = ("cuts-number", Code.QUOTE_CUTS_NUMBER)
    UNKNOWN_SOURCE = ("unknown-source", Code.UNKNOWN_SOURCE)
    SOURCE_UNUSABLE = ("source-unusable", Code.SOURCE_UNUSABLE)

    @property
    def ok(self) -> bool:
        return self is Verdict.FOUND

    @property
    def source_checked(self) -> bool:
        """The quote was looked for in its source (its source was archived and usable)."""
        return self not in (Verdict.UNKNOWN_SOURCE, Verdict.SOURCE_UNUSABLE)


class Standing(str, enum.Enum):
    """A fact's standing after the checks (``status`` in ``facts.json``)."""

    VERIFIED = "verified"
    CONTESTED = "contested"
    UNVERIFIED = "unverified"


@dataclass(frozen=True)
class Problem:
    """One located problem in one file."""

    file: str
    line: int
    column: int
    code: Code
    message: str
    fact_id: str | None = None
    field: str | None = None

    @property
    def severity(self) -> Severity:
        return self.code.severity

    def __post_init__(self) -> None:
        if "\n" in self.message or "\r" in self.message:  # one problem, one line
            one_line = self.message.replace("\r", "\\r").replace("\n", "\\n")
            object.__setattr__(self, "message", one_line)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code.value)


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest of ``options``, or nothing."""
    close = difflib.get_close_matches(word, list(options), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""
