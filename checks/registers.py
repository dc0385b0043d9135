"""Claims checked against the book's own registers.

When a quote of a visit says the visit was the first of its kind (see
:mod:`checks.firsts` for the phrasings read), the visits register is searched for
earlier visits of the same ``office``, by the same ``office_country``, in the same
direction (``from_country`` to ``to_country``), that took place (``status: held``):

* *first ever*: any earlier such visit contradicts it;
* *first in N years* (a gap): an earlier such visit inside the window contradicts it,
  and so does a gap the register does not show (the last such visit before it is further
  back than the claim says, or there is none);
* *first since YEAR*: the last such visit before it must be in YEAR.

The Soviet Union and Russia are one line of succession: an office of the Soviet Union
and the same office of Russia count as the same office, and a visit to the Soviet Union
and one to Russia go to the same place, unless the sentence narrows the claim ("Russian
Federation": Russia only; "Soviet" alone: the Soviet Union only; "Soviet/Russian", or a
bare "Russian", which the articles also use of the Soviet Union: the whole line).

A contradiction is an error (``BB706``) naming the register entry and its date, unless
a contested point of the fact (its own, or one that concerns it) has a claim quoting
that sentence: then the point shows the register entry as the book's own evidence
(:class:`RegisterNote`) beside the sources' claims. Agreements are read the same way:
"the first agreement (deal, treaty...)" is compared with earlier agreements of the same
``agreement_type`` between the same ``parties`` (``BB707``). A visit whose quote makes a
"first" claim needs an office and office_country (``BB708``); a "first" the checker
cannot read is a warning naming the sentence (``BB803``). A sentence naming only years
outside the fact's date is about another event and is read on that event's fact; one
naming another destination is about another visit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from .finding import Finding
from .firsts import FirstClaim, about_a_visit, about_an_agreement, claims_in
from .model import Contest, Fact, Quote
from .normalize import normalize
from .problems import Code

#: how a country name is read: the Soviet Union and Russia are one line of succession
STATE_NAMES = {"soviet union": "soviet", "ussr": "soviet", "the soviet union": "soviet",
               "russia": "russia", "russian federation": "russia",
               "the russian federation": "russia"}
SUCCESSION = frozenset({"soviet", "russia"})

Locate = Callable[[Quote], "tuple[int, int] | None"]


def state(name: str) -> str:
    key = " ".join(normalize(name).casefold().split())
    return STATE_NAMES.get(key, key)


def same_place(a: str, b: str) -> bool:
    sa, sb = state(a), state(b)
    return sa == sb or (sa in SUCCESSION and sb in SUCCESSION)


def _in_scope(country: str, scope: str) -> bool:
    s = state(country)
    if s not in SUCCESSION or scope == "line":
        return True
    return s == ("russia" if scope == "federation" else "soviet")


@dataclass(frozen=True)
class RegisterNote:
    """The book's own register, shown beside a contested claim it could check."""

    declared_by: str
    question: str
    claim_value: str
    source: str
    phrase: str
    agrees: bool
    entry: str | None
    entry_title: str | None
    entry_date: str | None
    text: str


@dataclass(frozen=True)
class _Checked:
    ok: bool
    entry: Fact | None
    why: str


def _detail(fact: Fact, key: str) -> str | None:
    value = fact.details.get(key)
    return value if isinstance(value, str) else None


def _when(fact: Fact) -> str:
    first = fact.first
    return first.display() if first is not None else "undated"


def _compare(claim: FirstClaim, fact: Fact, earlier: list[Fact], what: str) -> _Checked:
    assert fact.first is not None
    if claim.kind == "ever":
        if earlier:
            e = earlier[0]
            return _Checked(False, e, f"the register has {e.id} ({_when(e)}), an earlier "
                                      f"{what}")
        return _Checked(True, None, f"the register has no earlier {what}")
    prev = earlier[-1] if earlier else None
    if prev is None:
        return _Checked(False, None, f"the register has no earlier {what}, so it does not "
                                     "show that gap")
    assert prev.last is not None
    gap = fact.first.year - prev.last.year
    if claim.since is not None:
        if prev.last.year == claim.since or (prev.first is not None
                                            and prev.first.year <= claim.since
                                            <= prev.last.year):
            return _Checked(True, prev, f"the register's last earlier {what} is {prev.id} "
                                        f"({_when(prev)})")
        return _Checked(False, prev, f"the register's last earlier {what} is {prev.id} "
                                     f"({_when(prev)}), not one in {claim.since}")
    if gap < claim.low:
        return _Checked(False, prev, f"the register has {prev.id} ({_when(prev)}), an earlier "
                                     f"{what} only {gap} years before")
    if gap > claim.high:
        return _Checked(False, prev, f"the register's last earlier {what} is {prev.id} "
                                     f"({_when(prev)}), {gap} years before, so it does not "
                                     "show that gap")
    return _Checked(True, prev, f"the register's last earlier {what} is {prev.id} "
                                f"({_when(prev)}), {gap} years before")


class Registers:
    """The visits and agreements registers, and the claims checked against them."""

    def __init__(self, facts: list[Fact], locate: Locate) -> None:
        self.visits = sorted((f for f in facts if f.kind == "visit" and f.first is not None
                              and f.details.get("status", "held") == "held"),
                             key=Fact.sort_key)
        self.agreements = sorted((f for f in facts if f.kind == "agreement"
                                  and f.first is not None
                                  and f.details.get("status", "signed") == "signed"),
                                 key=Fact.sort_key)
        self.locate = locate
        #: sentences that visit facts quote: a visit's "first" there is read on the visit
        self.visit_quotes = [(q.source, q.normalized) for f in facts if f.kind == "visit"
                             for q in f.all_quotes()]

    # -- the register entries a claim is compared with ------------------------------------
    def earlier_visits(self, fact: Fact, claim: FirstClaim) -> list[Fact]:
        office, country = _detail(fact, "office"), _detail(fact, "office_country")
        src, dst = _detail(fact, "from_country") or "", _detail(fact, "to_country") or ""
        assert fact.first is not None
        return [v for v in self.visits
                if v.id != fact.id and v.first is not None
                and v.first.sort_key() < fact.first.sort_key()
                and _detail(v, "office") == office
                and same_place(_detail(v, "office_country") or "", country or "")
                and _in_scope(_detail(v, "office_country") or "", claim.scope)
                and same_place(_detail(v, "from_country") or "", src)
                and same_place(_detail(v, "to_country") or "", dst)]

    def earlier_agreements(self, fact: Fact) -> list[Fact]:
        parties = {state(p) for p in _texts(fact, "parties")}
        parties = {"russia" if p in SUCCESSION else p for p in parties}
        assert fact.first is not None
        return [a for a in self.agreements
                if a.id != fact.id and a.first is not None
                and a.first.sort_key() < fact.first.sort_key()
                and a.details.get("agreement_type") == fact.details.get("agreement_type")
                and {"russia" if state(p) in SUCCESSION else state(p)
                     for p in _texts(a, "parties")} == parties]

    # -- checking one fact --------------------------------------------------------------
    def check(self, fact: Fact, contests: list[tuple[Fact, Contest]]
              ) -> tuple[list[Finding], list[RegisterNote]]:
        if fact.kind not in ("visit", "agreement") or fact.first is None:
            return [], []
        findings: list[Finding] = []
        notes: list[RegisterNote] = []
        span = fact.span_years()
        seen: set[tuple[str, str]] = set()
        # claims of points declared elsewhere are about the declaring fact: read there
        quotes = list(fact.all_quotes())
        for quote in quotes:
            for offset, sentence, claim in claims_in(quote.normalized):
                if (quote.source, sentence) in seen:
                    continue
                seen.add((quote.source, sentence))
                readable = claim is not None and (
                    about_a_visit(claim) if fact.kind == "visit" else about_an_agreement(claim))
                if claim is None or not readable:
                    elsewhere = (fact.kind == "agreement" and claim is not None
                                 and about_a_visit(claim)
                                 and any(source == quote.source and claim.phrase in text
                                         for source, text in self.visit_quotes))
                    if not elsewhere and quote in fact.all_quotes():
                        findings.append(_unread(fact, quote, sentence))
                    continue
                if claim.years and span is not None and not any(y in span for y in claim.years):
                    continue  # about another year: read on that event's fact
                to = _detail(fact, "to_country")
                if fact.kind == "visit" and claim.destination is not None and to is not None \
                        and not same_place(claim.destination, to):
                    continue  # about a visit elsewhere
                if fact.kind == "visit" and (_detail(fact, "office") is None
                                             or _detail(fact, "office_country") is None):
                    if any(f.code is Code.NO_OFFICE for f in findings):
                        continue
                    findings.append(Finding(
                        fact.id, fact.pos("visitor"), Code.NO_OFFICE,
                        f"a quote from {quote.source} claims a first (\"{claim.phrase}\"), "
                        "but this visit has no office: and office_country:, so the visits "
                        "register cannot check it; add both", "office"))
                    continue
                if fact.kind == "visit":
                    what = (f"visit by a {_detail(fact, 'office')} of "
                            f"{_detail(fact, 'office_country')} to {to}")
                    checked = _compare(claim, fact, self.earlier_visits(fact, claim), what)
                else:
                    what = (f"{fact.details.get('agreement_type')} between "
                            f"{' and '.join(_texts(fact, 'parties'))}")
                    checked = _compare(claim, fact, self.earlier_agreements(fact), what)
                start = offset + sentence.find(claim.phrase)
                covering = self._covering(quote, start, start + len(claim.phrase), contests)
                for owner, contest, value, source in covering:
                    notes.append(RegisterNote(
                        owner.id, contest.question, value, source, claim.phrase, checked.ok,
                        checked.entry.id if checked.entry else None,
                        checked.entry.title if checked.entry else None,
                        _when(checked.entry) if checked.entry else None,
                        ("agrees with the register: " if checked.ok else
                         "the register contradicts it: ") + checked.why))
                if not checked.ok and not covering:
                    findings.append(_contradicted(fact, quote, claim, checked))
        return findings, _unique(notes)

    def _covering(self, quote: Quote, start: int, end: int,
                  contests: list[tuple[Fact, Contest]]
                  ) -> list[tuple[Fact, Contest, str, str]]:
        """Contested claims that quote the claim's phrase (same source, overlapping)."""
        at = self.locate(quote)
        out = []
        for owner, contest in contests:
            for cl in contest.claims:
                if cl.quote.source != quote.source:
                    continue
                there = self.locate(cl.quote)
                if at is not None and there is not None:
                    hit = there[0] < at[0] + end and at[0] + start < there[1]
                else:
                    hit = quote.normalized[start:end] in cl.quote.normalized
                if hit:
                    out.append((owner, contest, cl.value, cl.quote.source))
        return out


def _texts(fact: Fact, key: str) -> tuple[str, ...]:
    value = fact.details.get(key, ())
    return value if isinstance(value, tuple) else (value,)


def _who(quote: Quote) -> str:
    return f"{quote.speaker}'s claim, quoted by {quote.source}" if quote.speaker \
        else f"{quote.source}'s claim"


def _contradicted(fact: Fact, quote: Quote, claim: FirstClaim, checked: _Checked) -> Finding:
    code = Code.FIRST_CONTRADICTED if fact.kind == "visit" else Code.AGREEMENT_FIRST_CONTRADICTED
    register = "visits" if fact.kind == "visit" else "agreements"
    return Finding(
        fact.id, quote.pos, code,
        f"{_who(quote)} \"{claim.phrase}\" ({claim.window_text()}) is contradicted by the "
        f"book's own {register} register: {checked.why}. If the sources disagree, declare "
        "the point contested with each side's quote (the point then shows this register "
        "entry as the book's own evidence); if the register is wrong, fix that entry",
        quote.path)


def _unread(fact: Fact, quote: Quote, sentence: str) -> Finding:
    short = sentence if len(sentence) <= 200 else sentence[:197] + "..."
    what = "a visit's first" if fact.kind == "visit" else "an agreement's first of its type"
    return Finding(fact.id, quote.pos, Code.FIRST_UNREAD,
                   f"the register check cannot read \"{short}\" ({quote.source}) as {what}, "
                   "so it is not checked; see the README for the phrasings understood",
                   quote.path)


def _unique(notes: Iterable[RegisterNote]) -> list[RegisterNote]:
    return list(dict.fromkeys(notes))
