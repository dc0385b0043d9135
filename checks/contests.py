"""Contested points are real disagreements, each declared once.

* the claims of a point must differ in value (``BB508``) and cite different passages
  (``BB509``); ``field`` must be a field of that kind of fact (``BB405``);
* ``concerns`` names other facts the same dispute is about: it is declared once and shown
  on each (:func:`shared_contests`); an id that is not a fact is ``BB404``;
* the same dispute declared in two files is ``BB510``: two points are the same dispute
  when they ask the same question, or cite a passage in common and have the same values,
  or cite two passages in common (a passage: quotes of one source that overlap by at
  least half of the shorter).
"""

from __future__ import annotations

from typing import Callable, Iterable

from . import fields as F
from .finding import Finding
from .model import Claim, Contest, Fact, Quote
from .normalize import normalize
from .problems import Code, did_you_mean


def _value_key(value: str) -> str:
    return " ".join(normalize(value).casefold().split())


#: where a verified quote lies in its source's normalised text: (start, end), or None
Locate = Callable[[Quote], "tuple[int, int] | None"]


def same_passage(a: Claim, b: Claim, locate: Locate) -> bool:
    """Two claims cite the same passage: in the same source, their quotes overlap by at
    least half of the shorter one (or, when either is not located, one holds the other)."""
    if a.quote.source != b.quote.source:
        return False
    sa, sb = locate(a.quote), locate(b.quote)
    if sa is None or sb is None:
        qa, qb = a.quote.normalized, b.quote.normalized
        return qa in qb or qb in qa
    overlap = min(sa[1], sb[1]) - max(sa[0], sb[0])
    return overlap > 0 and 2 * overlap >= min(sa[1] - sa[0], sb[1] - sb[0])


def check_points(fact: Fact, ids: set[str], locate: Locate) -> list[Finding]:
    """The rules on each of one fact's own contested points."""
    out: list[Finding] = []
    names = [s.name for s in F.fields_for(fact.kind)]
    for i, c in enumerate(fact.contested):
        where = f"contested[{i}]"
        if c.field is not None and F.spec_for(c.field, fact.kind) is None:
            out.append(Finding(fact.id, c.pos, Code.BAD_CONTEST_FIELD,
                               f"{where}.field '{c.field}' is not a field of a {fact.kind}"
                               + did_you_mean(c.field, names)
                               + "; name the field the claims are about, or drop field:",
                               f"{where}.field"))
        if len(c.claims) >= 2 and len({_value_key(cl.value) for cl in c.claims}) < 2:
            out.append(Finding(fact.id, c.pos, Code.SAME_VALUES,
                               f"{where}: every claim has the value '{c.claims[0].value}', so "
                               "the sources do not disagree here; give each side the value its "
                               "own quote states, or drop the point", where))
        for j, claim in enumerate(c.claims):
            other = next((k for k in range(j) if same_passage(c.claims[k], claim, locate)),
                         None)
            if other is not None:
                out.append(Finding(fact.id, claim.pos, Code.SAME_PASSAGE,
                                   f"{where}.claims[{j}] cites the same passage of "
                                   f"{claim.quote.source} as claims[{other}]; each side needs "
                                   "its own quote (one passage cannot state two sides)",
                                   f"{where}.claims[{j}]"))
        for k, target in enumerate(c.concerns):
            if target == fact.id or target not in ids:
                why = "is this fact itself" if target == fact.id else "is not a fact id"
                out.append(Finding(fact.id, c.pos, Code.UNKNOWN_CONCERNED,
                                   f"{where}.concerns[{k}] '{target}' {why}"
                                   + ("" if target == fact.id else did_you_mean(target, ids)),
                                   f"{where}.concerns"))
    return out


def shared_contests(facts: Iterable[Fact]) -> dict[str, list[tuple[Fact, Contest]]]:
    """For each fact id, the contested points declared by other facts that concern it."""
    out: dict[str, list[tuple[Fact, Contest]]] = {}
    for fact in facts:
        for c in fact.contested:
            for target in dict.fromkeys(c.concerns):
                if target != fact.id:
                    out.setdefault(target, []).append((fact, c))
    return out


def _same_dispute(a: Contest, b: Contest, locate: Locate) -> bool:
    """The same question; or a passage in common and the same values; or two passages."""
    if _value_key(a.question) == _value_key(b.question):
        return True
    shared = {(ca.quote.source, ca.quote.normalized) for ca in a.claims
              for cb in b.claims if same_passage(ca, cb, locate)}
    values = ({_value_key(cl.value) for cl in a.claims}
              == {_value_key(cl.value) for cl in b.claims})
    return len(shared) >= 2 or (len(shared) == 1 and values)


def duplicate_disputes(facts: list[Fact], locate: Locate) -> list[Finding]:
    """The same dispute declared in two files: reported on the later file, naming the first."""
    points = [(f, i, c) for f in sorted(facts, key=lambda f: f.file)
              for i, c in enumerate(f.contested)]
    out: list[Finding] = []
    for n, (fact, i, c) in enumerate(points):
        first = next(((f, j) for f, j, d in points[:n] if f.id != fact.id
                      and _same_dispute(d, c, locate)), None)
        if first is None:
            continue
        other, j = first
        out.append(Finding(fact.id, c.pos, Code.DUPLICATE_DISPUTE,
                           f"contested[{i}] is the same dispute as contested[{j}] of "
                           f"{other.file} (the same question, or the same passages); "
                           f"declare it once, in one file, with concerns: [{fact.id}] there "
                           "(it is then shown on both), and delete this copy",
                           f"contested[{i}]"))
    return out
