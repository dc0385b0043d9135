"""Read "first" claims in quotes: what a sentence says was the first of its kind.

The phrasings understood (case does not matter; the README lists them too):

* ``first ever``, ``first-ever``, ``for the first time`` (``in history``), ``the first
  <...>`` and ``the very first <...>``: nothing of the kind before (*ever*);
* any of those with ``in N years`` (or ``in the last/past N years``): the previous one
  was N years earlier, counted in calendar years, one year either way;
* ``after a (long) gap of N years``: the same, with or without "first";
* ``in almost a decade`` / ``in nearly a decade`` / ``in close to a decade``: the
  previous one was 8 to 10 years earlier; ``in a decade``: 9 to 11; ``in over a decade``
  / ``in more than a decade``: more than 10; ``in N decades``: 10N, three years either way;
* ``since YEAR``: the previous one was in YEAR, and none came between.

N is written in digits or in words (two to ninety-nine, a hundred). ``first`` followed
by a time word (``the first year of``, ``the first day``) is an ordinal, not a claim.
A sentence that says "first" in any other way is *unread*: the caller reports it, so
that no claim is silently skipped.

Who or what the claim is about comes from the fact it is checked on (its office, its
country and its direction, or its type and parties); the sentence only narrows the
state (see :data:`SCOPES`) and may name the destination.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import years_in

_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100,
}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
for _t in _TENS:
    for _n, _u in enumerate(_UNITS, 1):
        _NUMBER_WORDS[f"{_t}-{_u}"] = _NUMBER_WORDS[_t] + _n
        _NUMBER_WORDS[f"{_t} {_u}"] = _NUMBER_WORDS[_t] + _n
_NUM = r"(\d{1,3}|" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True)) + ")"

_TIME_WORDS = r"(?:year|years|day|days|week|weeks|month|months|half|phase|term|quarter|round|stage|decade|century|part)"
_FIRST = re.compile(
    r"\bfirst[- ]ever\b|\bfor the (?:very )?first time\b(?: in (?:the )?history)?"
    r"|\b(?:the|a) (?:very )?first\b(?! " + _TIME_WORDS + r"\b)",
    re.I)
_ANY_FIRST = re.compile(r"\bfirst\b(?! " + _TIME_WORDS + r"\b)", re.I)
#: what every sentence that says "first" holds (:data:`_ANY_FIRST` or :data:`_GAP`)
_MAYBE = re.compile(r"first|gap", re.I)
_GAP = re.compile(r"\bafter an? (?:long |short )?gap of " + _NUM + r" years?\b", re.I)
_WINDOWS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bin (?:the (?:last|past) )?" + _NUM + r" years?\b", re.I), "years"),
    (re.compile(r"\bin (?:almost|nearly|close to) a decade\b", re.I), "almost-decade"),
    (re.compile(r"\bin (?:over|more than) a decade\b", re.I), "over-decade"),
    (re.compile(r"\bin a decade\b", re.I), "decade"),
    (re.compile(r"\bin " + _NUM + r" decades\b", re.I), "decades"),
    (re.compile(r"\bsince (1[89]\d\d|20\d\d)\b", re.I), "since"),
)
_SENTENCE = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z\"'(])")
_PLACES = {
    "pakistan": "Pakistan", "islamabad": "Pakistan", "rawalpindi": "Pakistan",
    "karachi": "Pakistan", "russia": "Russia", "moscow": "Russia", "kremlin": "Russia",
    "the soviet union": "Soviet Union", "soviet union": "Soviet Union", "ussr": "Soviet Union",
    "the ussr": "Soviet Union", "india": "India", "new delhi": "India", "delhi": "India",
}
_DEST = re.compile(r"\b(?:to visit|visit(?:ed|ing)?|to|trip to|arrived in)\s+("
                   + "|".join(sorted(map(re.escape, _PLACES), key=len, reverse=True))
                   + r")\b", re.I)

#: How a sentence narrows the state of the office in a Soviet/Russian claim:
#: "Soviet/Russian" or "Soviet or Russian": the whole line of succession; "Russian
#: Federation": Russia since 1992 only; "Soviet" alone: the Soviet Union only; a bare
#: "Russian"/"Russia": the whole line (the articles call the Soviet Union "the former
#: Russia").
SCOPES = ("line", "federation", "soviet")


@dataclass(frozen=True)
class FirstClaim:
    """One "first" claim read from one sentence."""

    sentence: str
    phrase: str
    #: ``ever`` (nothing of the kind before) or ``window`` (the previous one was
    #: ``low``..``high`` calendar years earlier, or in the year ``since``)
    kind: str
    low: int = 0
    high: int = 0
    since: int | None = None
    scope: str = "line"
    destination: str | None = None
    #: years the sentence names (a sentence about another year is about another event)
    years: frozenset[int] = frozenset()

    def window_text(self) -> str:
        if self.kind == "ever":
            return "the first ever"
        if self.since is not None:
            return f"the first since {self.since}"
        if self.high >= 9999:
            return f"the first in more than {self.low - 1} years"
        return f"the first in {self.low}-{self.high} years"


def _number(text: str) -> int:
    text = text.lower()
    return int(text) if text.isdigit() else _NUMBER_WORDS[text]


def sentences(text: str) -> list[str]:
    """A normalised text split into sentences (at . ! ? before a capital or quote)."""
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def _window(rest: str) -> tuple[str, int, int, int | None, str] | None:
    gap = _GAP.search(rest)
    if gap is not None:
        n = _number(gap[1])
        return "window", n - 1, n + 1, None, gap[0]
    for pattern, name in _WINDOWS:
        m = pattern.search(rest)
        if m is None:
            continue
        if name == "years":
            n = _number(m[1])
            return "window", n - 1, n + 1, None, m[0]
        if name == "almost-decade":
            return "window", 8, 10, None, m[0]
        if name == "over-decade":
            return "window", 11, 9999, None, m[0]
        if name == "decade":
            return "window", 9, 11, None, m[0]
        if name == "decades":
            n = _number(m[1]) * 10
            return "window", n - 3, n + 3, None, m[0]
        return "window", 0, 0, int(m[1]), m[0]
    return None


def _clause(sentence: str, start: int, end: int) -> str:
    """The claim's own words: from "first" to the end of its clause (past the window),
    so that a state named elsewhere in the sentence ("relations between Pakistan and the
    Russian Federation received a boost when ... the first Russian prime minister")
    does not narrow it."""
    stop = min((i for i in (sentence.find(ch, end) for ch in ",;.") if i >= 0),
               default=len(sentence))
    return sentence[start:stop]


def _scope(text: str) -> str:
    low = text.lower()
    if "soviet/russian" in low or "soviet or russian" in low or "russian/soviet" in low:
        return "line"
    if "russian federation" in low:
        return "federation"
    if "soviet" in low and "russia" not in low:
        return "soviet"
    return "line"


def read_sentence(sentence: str) -> tuple[FirstClaim | None, bool]:
    """The first claim a sentence makes, and whether it says "first" at all."""
    says_first = _ANY_FIRST.search(sentence) is not None or _GAP.search(sentence) is not None
    m = _FIRST.search(sentence) or _GAP.search(sentence)
    if m is None:
        return None, says_first
    rest = sentence[m.start():]
    window = _window(rest)
    end = m.end()
    if window is None:
        kind, low, high, since, phrase = "ever", 0, 0, None, m[0]
    else:
        kind, low, high, since, wphrase = window
        end = m.start() + rest.find(wphrase) + len(wphrase)
        phrase = sentence[m.start():end] if wphrase not in m[0] else m[0]
    dest = _DEST.search(sentence, m.start())
    destination = _PLACES[dest[1].lower()] if dest is not None else None
    claim = FirstClaim(sentence, phrase, kind, low, high, since,
                       _scope(_clause(sentence, m.start(), end)), destination,
                       years_in(sentence) - {since} if since else years_in(sentence))
    return claim, True


_VISIT_WORDS = re.compile(
    r"\b(?:visit|visits|visited|visiting|trip|trips|travel+ed|arrived|toured|tour|came to"
    r"|minister|president|premier|chief|general|secretary|delegation|leader)\b", re.I)
_AGREEMENT_WORDS = re.compile(
    r"\bfirst\b(?:\W+\w+){0,4}?\W+(?:agreement|agreements|deal|treaty|accord|pact|"
    r"memorandum|mou|contract|protocol|communiqu[eé]|declaration|understanding)\b", re.I)


def about_a_visit(claim: FirstClaim) -> bool:
    """The sentence speaks of a visit or of an office holder (not of ties or moves)."""
    return _VISIT_WORDS.search(claim.sentence) is not None


def about_an_agreement(claim: FirstClaim) -> bool:
    """The sentence calls something the first agreement (deal, treaty...) of its kind."""
    return _AGREEMENT_WORDS.search(claim.sentence) is not None


def claims_in(text: str) -> list[tuple[int, str, FirstClaim | None]]:
    """Each sentence of a normalised text that says "first": its offset in the text, the
    sentence, and the claim read (None: it says "first" in a way not understood)."""
    out: list[tuple[int, str, FirstClaim | None]] = []
    if _MAYBE.search(text) is None:  # no sentence can say "first" (see read_sentence)
        return out
    at = 0
    for sentence in sentences(text):
        at = text.find(sentence, at)
        claim, says = read_sentence(sentence)
        if says:
            out.append((max(at, 0), sentence, claim))
        at += len(sentence)
    return out
