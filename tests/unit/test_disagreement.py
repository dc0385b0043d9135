"""Undeclared disagreement: the years and the people a quote names."""

from __future__ import annotations

import pytest

from checks.dates import PartialDate
from checks.disagreement import Gazetteer, person_conflicts, year_conflicts, years_in
from checks.model import Fact, Pos, Quote


@pytest.mark.parametrize("text,years", [
    ("established in 1949 at the very beginning", {1949}),
    ("in the 1970s and 1980s", set()),
    ("the 1950s onwards", set()),
    ("worth of $2010 in aid", set()),
    ("a total of 2,010 troops", set()),
    ("growth of 2015% a year", set()),
    ("version 1.2015 and no. 12014", set()),
    ("the 2014th meeting", set()),
    ("from 1999-2001, and (1992).", {1999, 2001, 1992}),
    ("on 6-7 April 2021, as in 2014.", {2021, 2014}),
    ("May 2, 2011, US commandos", {2011}),
    ("1799 and 2100 are out of range; 1800 and 2099 are in", {1800, 2099}),
    ("Mi-35 helicopters, 45 years, 38 years", set()),
    ("", set()),
])
def test_years_in(text: str, years: set[int]) -> None:
    assert set(years_in(text)) == years


def _fact(fid: str = "f", *, date: str | None = "2014", start: str | None = None,
          end: str | None = None, quotes: tuple[Quote, ...] = (), people: tuple[str, ...] = (),
          **details) -> Fact:
    return Fact(id=fid, kind="visit" if "visitor" in details else "event", title=fid,
                summary="", file=f"{fid}.yaml",
                date=PartialDate.parse(date) if date else None,
                start=PartialDate.parse(start) if start else None,
                end=PartialDate.parse(end) if end else None,
                quotes=quotes, people=people, details=details)


def _q(text: str, *context: str) -> Quote:
    return Quote("src", text, Pos(1, 1), Pos(1, 1), "sources[0].quote", tuple(context))


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.of([
        _fact("a", visitor="Sergey Lavrov"),
        _fact("b", people=("Sergey Shoigu", "Nawaz Sharif", "Raheel Sharif", "Li Na")),
        _fact("c", visitor="a Russian defence delegation", hosts=("Putin",)),
        _fact("d", signatories=("Asif Ali Zardari",)),
    ])


@pytest.mark.parametrize("text,named", [
    ("Foreign Minister Sergey Lavrov arrived", {"Sergey Lavrov"}),
    ("he avoided meeting Lavrov.", {"Sergey Lavrov"}),                 # unique surname
    ("Sharif visited Moscow", set()),                                  # shared surname
    ("Nawaz Sharif visited Moscow", {"Nawaz Sharif"}),
    ("General Raheel Sharif became", {"Raheel Sharif"}),
    ("President Asif Ali Zardari visited Russia", {"Asif Ali Zardari"}),
    ("Zardari visited Russia", {"Asif Ali Zardari"}),
    ("Shoigu and Lavrov", {"Sergey Shoigu", "Sergey Lavrov"}),
    ("Lavrovsky prospect", set()),                                      # not a whole word
    ("LAVROV arrived", set()),                                          # no case folding
    ("Na arrived", set()),                                              # surname too short
    ("a Russian defence delegation arrived", set()),                    # not a name
    ("Putin arrived", set()),                                           # one word: not a name
    ("Sergey arrived", set()),                                          # first name only
])
def test_gazetteer_named_in(gazetteer: Gazetteer, text: str, named: set[str]) -> None:
    assert gazetteer.named_in(text) == named


@pytest.mark.parametrize("text,named", [
    ("Prime Minister Nawaz Sharif's visit in 1999", {"Nawaz Sharif"}),
    ("Lavrov\u2019s visit", {"Sergey Lavrov"}),
])
def test_gazetteer_possessive(gazetteer: Gazetteer, text: str, named: set[str]) -> None:
    assert gazetteer.named_in(text) == named


def test_year_conflict_only_when_no_named_year_fits() -> None:
    q_2014 = _q("the visit on 21 November 2014")
    q_both = _q("in 2013 and again in 2014")
    q_none = _q("the visit of the minister")
    assert year_conflicts(_fact(date="2014", quotes=(q_2014, q_both, q_none))) == []
    conflicts = year_conflicts(_fact(date="2013", quotes=(q_2014, q_both, q_none)))
    assert [(q.text, set(ys)) for q, ys in conflicts] == [(q_2014.text, {2014})]


def test_year_conflict_uses_the_span() -> None:
    q = _q("between 2010 and 2012 relations grew")
    assert year_conflicts(_fact(date=None, start="2011", end="2015", quotes=(q,))) == []
    assert len(year_conflicts(_fact(date=None, start="2013", end="2015", quotes=(q,)))) == 1


def test_year_conflict_context_values_are_not_claims() -> None:
    q = _q("the visit on 21 November 2014", "2014")
    assert year_conflicts(_fact(date="2013", quotes=(q,))) == []
    partial = _q("from 2012 to 2014", "2014")
    assert [set(ys) for _, ys in year_conflicts(_fact(date="2013", quotes=(partial,)))] == [
        {2012}]


def test_undated_fact_has_no_year_conflict() -> None:
    assert year_conflicts(_fact(date=None, quotes=(_q("in 2014 it happened"),))) == []


def test_person_conflicts(gazetteer: Gazetteer) -> None:
    q = _q("Foreign Minister Sergey Lavrov and Shoigu arrived")
    assert [names for _, names in person_conflicts(_fact(quotes=(q,)), gazetteer)] == [
        {"Sergey Lavrov", "Sergey Shoigu"}]
    own = _fact(quotes=(q,), people=("Sergey Shoigu",), visitor="Sergey Lavrov")
    assert person_conflicts(own, gazetteer) == []
    ctx = _fact(quotes=(_q("Foreign Minister Sergey Lavrov and Shoigu arrived",
                           "Sergey Lavrov"),), people=("Sergey Shoigu",))
    assert person_conflicts(ctx, gazetteer) == []
