"""The integrity rules on small real books: contested points, eras, people.

Each rule has a case that must be flagged and a legitimate case that must pass; every
book is checked by the real CLI against the real archived sources."""

from __future__ import annotations

import json
from typing import Any

from tests.helpers import (
    CHANGE_2010,
    ESTABLISHED_1949,
    EVENT_TEXT,
    IQBAL,
    LAVROV_2012,
    MAHAJAN,
    SHOIGU_IQBAL,
    SHOIGU_MAHAJAN,
    MiniBook,
    run_main,
    shoigu_contested,
)


def found(capsys: Any, *codes: str) -> list[tuple[str, int, str, str]]:
    """(file, line, code, message) of every problem, warnings too, or only of ``codes``."""
    _, out, _ = run_main(capsys, ["facts", "--format", "json"])
    return [(p["file"], p["line"], p["code"], p["message"])
            for p in json.loads(out)["problems"] if not codes or p["code"] in codes]


def facts_json(capsys: Any) -> dict[str, Any]:
    _, out, _ = run_main(capsys, ["facts", "--format", "json"])
    return {f["id"]: f for f in json.loads(out)["facts"]}


def other_event(stem: str, extra: str = "", date: str = "2014-11-21") -> str:
    return (EVENT_TEXT.replace("id: shoigu-visit", f"id: {stem}")
            .replace("date: 2014-11-21", f"date: {date}") + extra)


# -- contested points ----------------------------------------------------------------
def test_claims_with_one_value_are_no_disagreement(book: MiniBook, capsys) -> None:
    same = shoigu_contested().replace('value: "2014-11"', 'value: "2014"')
    book.fact("event", "shoigu-visit", EVENT_TEXT + same)
    [hit] = found(capsys, "BB508")
    assert hit[:3] == ("facts/events/shoigu-visit.yaml", 14, "BB508")
    assert "do not disagree" in hit[3]


def test_claims_with_different_values_pass(book: MiniBook, capsys) -> None:
    book.fact("event", "shoigu-visit", EVENT_TEXT + shoigu_contested(field="date"))
    assert found(capsys, "BB508", "BB509", "BB405") == []
    assert facts_json(capsys)["shoigu-visit"]["status"] == "contested"


def test_two_claims_cannot_cite_one_passage(book: MiniBook, capsys) -> None:
    one = shoigu_contested().replace(
        f'source: {MAHAJAN}\n        quote: "{SHOIGU_MAHAJAN}"',
        f'source: {IQBAL}\n        quote: "the visit of Defence Minister Sergey Shoigu to '
        'Islamabad on 21 November 2014"')
    book.fact("event", "shoigu-visit", EVENT_TEXT + one)
    [hit] = found(capsys, "BB509")
    assert hit[1] == 19 and "same passage of iqbal-2021-future-prospects" in hit[3]


def test_field_must_be_a_field_of_the_kind(book: MiniBook, capsys) -> None:
    book.fact("event", "shoigu-visit", EVENT_TEXT + shoigu_contested(field="visitor"))
    [hit] = found(capsys, "BB405")
    assert hit[1] == 14 and "'visitor' is not a field of a event" in hit[3]


def test_concerns_shows_one_dispute_on_both_facts(book: MiniBook, capsys) -> None:
    book.fact("event", "deal", other_event("deal"))
    concerns = shoigu_contested().replace("    claims:", "    concerns: [deal]\n    claims:")
    book.fact("event", "shoigu-visit", EVENT_TEXT + concerns)
    assert [p for p in found(capsys) if p[2] < "BB800"] == []
    data = facts_json(capsys)
    assert data["deal"]["status"] == "contested"
    assert data["shoigu-visit"]["status"] == "contested"


def test_concerns_must_name_a_fact(book: MiniBook, capsys) -> None:
    concerns = shoigu_contested().replace("    claims:", "    concerns: [dael]\n    claims:")
    book.fact("event", "shoigu-visit", EVENT_TEXT + concerns)
    [hit] = found(capsys, "BB404")
    assert "'dael' is not a fact id" in hit[3]


def test_the_same_dispute_in_two_files_is_an_error(book: MiniBook, capsys) -> None:
    book.fact("event", "deal", other_event("deal", shoigu_contested(question="Which date?")))
    book.fact("event", "shoigu-visit", EVENT_TEXT + shoigu_contested(question="When was it?"))
    [hit] = found(capsys, "BB510")
    assert hit[0] == "facts/events/shoigu-visit.yaml"
    assert "facts/events/deal.yaml" in hit[3] and "concerns: [shoigu-visit]" in hit[3]


def test_different_disputes_in_two_files_pass(book: MiniBook, capsys) -> None:
    other = (f"contested:\n  - question: When were relations established?\n    claims:\n"
             f"      - value: \"1949\"\n        source: {IQBAL}\n"
             f"        quote: \"{ESTABLISHED_1949}\"\n"
             f"      - value: \"2012\"\n        source: {IQBAL}\n"
             f"        quote: \"{LAVROV_2012}\"\n")
    book.fact("event", "deal", other_event("deal", other))
    book.fact("event", "shoigu-visit", EVENT_TEXT + shoigu_contested(question="When?"))
    assert found(capsys, "BB510") == []


# -- eras ------------------------------------------------------------------------------
def era(stem: str, start: str, end: str, extra: str = "") -> str:
    return (f"id: {stem}\nkind: era\ntitle: An era\nsummary: Relations change.\n"
            f"start: \"{start}\"\nend: \"{end}\"\n{extra}sources:\n"
            f"  - source: {IQBAL}\n    quote: \"{CHANGE_2010}\"\n"
            f"    context_values: [\"2010\"]\n"
            f"  - source: {MAHAJAN}\n    quote: \"{SHOIGU_MAHAJAN}\"\n"
            f"    context_values: [\"2014\"]\n")


def test_overlapping_eras_are_an_error(book: MiniBook, capsys) -> None:
    book.era(era("later", "2020", "2022"), stem="later")
    [hit] = found(capsys, "BB705")
    assert hit[0] == "facts/eras/later.yaml" and "overlaps era reset" in hit[3]


def test_eras_that_meet_pass(book: MiniBook, capsys) -> None:
    book.era(era("later", "2022", "2023"), stem="later")
    assert found(capsys, "BB705") == []


def test_a_nested_era_declared_within_passes_and_holds_its_facts(book: MiniBook, capsys) -> None:
    book.era(era("inner", "2014", "2015", "within: reset\n"), stem="inner")
    book.fact("event", "shoigu-visit", EVENT_TEXT.replace("era: reset\n", ""))
    assert [p for p in found(capsys) if p[2] < "BB800" or p[2] == "BB802"] == []
    assert facts_json(capsys)["shoigu-visit"]["era"] == "inner"


def test_a_nested_era_must_lie_inside_its_parent(book: MiniBook, capsys) -> None:
    book.era(era("inner", "2020", "2023", "within: reset\n"), stem="inner")
    [hit] = found(capsys, "BB705")
    assert "does not lie inside it" in hit[3]


def test_explicit_era_must_hold_the_date(book: MiniBook, capsys) -> None:
    book.era(era("early", "1947", "1964"), stem="early")
    book.fact("event", "shoigu-visit", EVENT_TEXT.replace("era: reset", "era: early"))
    [hit] = found(capsys, "BB704")
    assert hit[:2] == ("facts/events/shoigu-visit.yaml", 7)
    assert "does not hold" in hit[3]


def test_a_dated_fact_outside_every_era_is_an_error(book: MiniBook, capsys) -> None:
    book.fact("event", "old", other_event("old", date="1999-11-21").replace("era: reset\n", ""))
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1 and "facts/events/old.yaml:6:7: BB802 no era holds 21 November 1999" in out
    _, out, _ = run_main(capsys, ["facts", "--format", "json"])
    [p] = [p for p in json.loads(out)["problems"] if p["code"] == "BB802"]
    assert p["severity"] == "error"


# -- people ----------------------------------------------------------------------------
def test_a_title_in_people_is_an_error_on_its_own_fact_only(book: MiniBook, capsys) -> None:
    book.fact("event", "deal", other_event("deal", "people:\n  - Defence Minister\n"))
    hits = found(capsys)
    assert [(h[0], h[2]) for h in hits if h[2] < "BB800"] == [
        ("facts/events/deal.yaml", "BB208")]
    assert "'Defence' is a title" in next(h[3] for h in hits if h[2] == "BB208")


def test_a_declared_name_is_a_person_the_book_knows(book: MiniBook, capsys) -> None:
    book.fact("event", "deal", other_event("deal", "people:\n  - Sergey Shoigu\n"))
    hits = found(capsys, "BB208", "BB701")
    assert ("facts/events/shoigu-visit.yaml", 10, "BB701") in [h[:3] for h in hits]
    assert "BB208" not in [h[2] for h in hits]


def test_a_name_like_visitor_with_a_title_is_an_error(book: MiniBook, capsys) -> None:
    visit = (f"id: v\nkind: visit\ntitle: A visit\nsummary: A visit in 2014.\n"
             f"date: 2014-11-21\nvisitor: General Raheel Sharif\nfrom_country: Russia\n"
             f"to_country: Pakistan\nsources:\n  - source: {IQBAL}\n"
             f"    quote: \"{SHOIGU_IQBAL}\"\n")
    book.fact("visit", "v", visit)
    assert [h[:3] for h in found(capsys, "BB208")] == [("facts/visits/v.yaml", 6, "BB208")]
    book.fact("visit", "v", visit.replace("General Raheel Sharif", "a Russian delegation"))
    assert found(capsys, "BB208") == []
