"""Prose is grounded in the quotes: every year, date, number and known person that a
fact's ``title`` or ``summary`` states must occur in one of the fact's quotes.

The quotes are the fact's own, its contested claims' and those of contested points
that concern it; a value that only the ``editor_note`` states is allowed (the note is
shown as the editor's). Both sides are read after the declared normalisation (NFKC,
so full-width digits are digits). What is compared (:func:`values`):

* **years** (1800-2099) and **decades** (``the 1980s``);
* **dates**: a day and month (``1 May``, ``May 1``, ``6-7 April``): each day with its
  month; the year is a year like any other;
* **numbers** in digits (``24``, ``2,500``, ``$2.5 billion``, ``15%``), with what they
  count when it follows them: a time unit (``45 years``, ``3-day`` = ``three-day``) or
  a multiplier (``million``, ``billion``); ordinals (``70th``, ``seventh`` = ``7th``);
* **number words** from two to ninety-nine, a hundred and a thousand, matching their
  digits (``seven years`` = ``7 years``); not ``one``, and not a number word that
  refers rather than counts (``the two countries``, ``two of the articles``, ``two
  other articles``, ``a third``);
* **people** known to the book (see :mod:`checks.people`): named in a quote, or the
  ``speaker`` of one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import years_in
from .disagreement import Gazetteer
from .finding import Finding
from .model import Contest, Fact, Quote
from .normalize import normalize
from .problems import Code

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAYS = r"(\d{1,2})(?:\s*(?:-|to|and)\s*(\d{1,2}))?"
_DAY_MONTH = re.compile(r"(?<![\w$.,])" + _DAYS + r"(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH
                        + r"(?![\w])", re.I)
_MONTH_DAY = re.compile(r"(?<![\w])" + _MONTH + r"\s+" + _DAYS + r"(?:st|nd|rd|th)?(?![\w%])",
                        re.I)
_DECADE = re.compile(r"(?<![\w$])((?:1[89]|20)\d0)'?s\b")
_YEARISH = re.compile(r"(?<![\w$.,])(?:1[89]\d\d|20\d\d)(?![\w%])")
_UNITS = {"year": "year", "years": "year", "yr": "year", "day": "day", "days": "day",
          "month": "month", "months": "month", "week": "week", "weeks": "week",
          "decade": "decade", "decades": "decade", "hour": "hour", "hours": "hour",
          "century": "century", "centuries": "century",
          "million": "million", "billion": "billion", "trillion": "trillion",
          "thousand": "thousand", "crore": "crore", "lakh": "lakh", "%": "%",
          "percent": "%", "per cent": "%"}
_UNIT = r"(?:[\s-]*(per cent|percent|%|years?|yr|days?|months?|weeks?|decades?|hours?|century|centuries|million|billion|trillion|thousand|crore|lakh)\b)?"
_NUMBER = re.compile(r"(?<![\w.,/-])\$?(\d+(?:,\d{3})*(?:\.\d+)?)(st|nd|rd|th)?(?![\w/]|[.,]\d|-\d)"
                     + _UNIT.replace(r"\b)?", r"(?![\w]))?").replace("(?:[\\s-]*(per", "(?:[\\s-]*(per"),
                     re.I)
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
          "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
          "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000}
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
             "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
             "sixtieth": 60, "seventieth": 70, "hundredth": 100}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMBER_WORD = re.compile(
    r"(?<![\w-])(?:(the|these|those|both|all|its|their|his|her)\s+)?"
    r"(?:(" + "|".join(_TENS) + r")[\s-](two|three|four|five|six|seven|eight|nine)"
    r"|(a hundred|a thousand|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r"))"
    r"(?![\w])" + _UNIT + r"(\s+of\b)?", re.I)
_ORDINAL_WORD = re.compile(r"(?<![\w-])(?:(an?)\s+)?(" + "|".join(_ORDINALS) + r")(?![\w-])",
                           re.I)
#: what the prose counts when it refers to the evidence itself ("two other articles")
_REFERENCE = re.compile(r"\s+(?:\w+\s+)?(?:articles?|accounts?|sources?|authors?|writers?|"
                        r"versions?|readings?|views?|ones?)\b", re.I)


@dataclass(frozen=True)
class Value:
    """One thing the prose states: a comparable key and the words it was read from."""

    key: tuple[object, ...]
    words: str


def _unit(text: str | None) -> str:
    return _UNITS.get((text or "").lower().strip(), "")


#: a cheap first look (a digit, or a word starting a number word); the lookahead on
#: their first letters spares the engine trying every word at every word start
_MAYBE = re.compile(r"[0-9]|\b(?=[efhnst])(?:" + "|".join(list(_WORDS) + list(_ORDINALS) + list(_TENS))
                    + r")", re.I)


def values(text: str) -> list[Value]:
    """Every year, date, number and number word a text states (normalised first)."""
    text = normalize(text)
    out: list[Value] = []
    if _MAYBE.search(text) is None:
        return out
    blanked = text
    for pattern, day_at, month_at in ((_DAY_MONTH, 1, 3), (_MONTH_DAY, 2, 1)):
        for m in pattern.finditer(text):
            month = _MONTHS[m[month_at].lower()]
            first = int(m[day_at])
            last = int(m[day_at + 1]) if m[day_at + 1] else first
            if not 1 <= first <= 31 or not first <= last <= 31 or last - first > 31:
                continue
            for day in (first, last):
                out.append(Value(("date", month, day), m[0]))
            blanked = blanked[:m.start()] + " " * (m.end() - m.start()) + blanked[m.end():]
    for year in sorted(years_in(text)):
        out.append(Value(("year", year), str(year)))
    for m in _DECADE.finditer(text):
        out.append(Value(("decade", int(m[1])), m[0]))
    blanked = _DECADE.sub(lambda m: " " * len(m[0]), blanked)
    blanked = _YEARISH.sub(lambda m: " " * len(m[0]), blanked)
    for m in _NUMBER.finditer(blanked):
        number = m[1].replace(",", "")
        if m[2]:
            out.append(Value(("ordinal", int(float(number))), m[0].strip()))
            continue
        out.append(Value(("number", float(number), _unit(m[3])), m[0].strip()))
    for m in _NUMBER_WORD.finditer(blanked):
        if m[1] or m[6] or _REFERENCE.match(blanked, m.end()):
            continue  # "the two countries", "two of the articles": refers, not counts
        if m[2]:
            n = _WORDS[m[2].lower()] + _WORDS[m[3].lower()]
        else:
            word = m[4].lower()
            n = _WORDS[word.split()[-1]]
        out.append(Value(("number", float(n), _unit(m[5])), m[0].strip()))
    for m in _ORDINAL_WORD.finditer(blanked):
        if m[1] or _REFERENCE.match(blanked, m.end()):
            continue  # "a third (article) says": another, not a rank
        out.append(Value(("ordinal", _ORDINALS[m[2].lower()]), m[0]))
    return out


@lru_cache(maxsize=1 << 15)
def _keys(text: str) -> frozenset[tuple[object, ...]]:
    keys = {v.key for v in values(text)}
    # a number counted with a unit also stands for the bare number ("45 years" states 45)
    keys |= {("number", k[1], "") for k in keys if k[0] == "number"}
    return frozenset(keys)


@dataclass
class Evidence:
    """What one fact's quotes (and, apart, its editor's note) state."""

    keys: set[tuple[object, ...]]
    people: set[str]
    note_keys: set[tuple[object, ...]]
    note_people: set[str]


def evidence(fact: Fact, shared: list[tuple[Fact, Contest]], gazetteer: Gazetteer) -> Evidence:
    quotes: list[Quote] = list(fact.all_quotes()) + [
        cl.quote for _, c in shared for cl in c.claims]
    keys: set[tuple[object, ...]] = set()
    people: set[str] = set()
    for q in quotes:
        keys |= _keys(q.normalized)
        people |= gazetteer.named_in(q.normalized)
        if q.speaker:
            people |= gazetteer.named_in(q.speaker) | {q.speaker}
    note = fact.editor_note or ""
    return Evidence(keys, people, set(_keys(note)), gazetteer.named_in(note))


def check_grounding(fact: Fact, shared: list[tuple[Fact, Contest]],
                    gazetteer: Gazetteer) -> list[Finding]:
    """``BB702``/``BB703`` for each value or person of the title or summary no quote states."""
    prose = [(name, text, values(text), gazetteer.named_in(text))
             for name, text in (("title", fact.title), ("summary", fact.summary))
             if name in fact.positions]
    if not any(vals or named for _, _, vals, named in prose):
        return []  # nothing to ground: the quotes need not be read
    ev = evidence(fact, shared, gazetteer)
    out: list[Finding] = []
    for name, text, vals, named in prose:
        reported: set[tuple[object, ...]] = set()
        for value in vals:
            key = value.key
            if key in ev.keys or key in ev.note_keys or key in reported:
                continue
            if key[0] == "number" and key[2] == "" and any(
                    k[0] == "number" and k[1] == key[1] for k in ev.keys):
                continue  # a bare number the quotes state with what it counts
            reported.add(key)
            out.append(Finding(fact.id, fact.pos(name), Code.VALUE_UNGROUNDED,
                               f"{name} states '{value.words}', which none of this fact's "
                               "quotes states; quote a passage that states it, move it into "
                               "the editor's note, or drop it", name))
        for person in sorted(named - ev.people - ev.note_people):
            out.append(Finding(fact.id, fact.pos(name), Code.PERSON_UNGROUNDED,
                               f"{name} names {person}, whom none of this fact's quotes "
                               "names; quote a passage that names them, move the name into "
                               "the editor's note, or drop it", name))
    return out
