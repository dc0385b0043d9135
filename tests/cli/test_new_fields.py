"""The fact-format fields decided up front: speaker, concerns, office/office_country, within."""

from __future__ import annotations

import json

from checks.fields import OFFICES
from tests.helpers import IQBAL, MAHAJAN, SHOIGU_IQBAL, MiniBook, parse_problems, run_main

VISIT = f"""\
id: shoigu
kind: visit
title: Defence Minister Sergey Shoigu visits Islamabad
summary: Sergey Shoigu visits Islamabad in 2014.
date: 2014-11-21
visitor: Sergey Shoigu
from_country: Russia
to_country: Pakistan
office: defence-minister
office_country: Russia
sources:
  - source: {IQBAL}
    quote: "{SHOIGU_IQBAL}"
  - source: {MAHAJAN}
    quote: "Pakistan and Russia have also signed an agreement for the North-South gas pipeline"
    context_values: ["2014"]
"""


def codes(capsys, *extra: str) -> list[tuple[str, int, str]]:
    _, out, _ = run_main(capsys, ["facts", *extra])
    return [(p.file, p.line, p.code) for p in parse_problems(out)]


def test_office_and_office_country_are_visit_fields(book: MiniBook, capsys) -> None:
    book.fact("visit", "shoigu", VISIT)
    assert [c for c in codes(capsys) if c[2] < "BB800" and "shoigu.yaml" in c[0]] == []
    _, out, _ = run_main(capsys, ["facts", "--format", "json"])
    fact = next(f for f in json.loads(out)["facts"] if f["id"] == "shoigu")
    assert fact["details"]["office"] == "defence-minister"
    assert fact["details"]["office_country"] == "Russia"


def test_office_outside_the_vocabulary_is_refused_with_the_list(book: MiniBook, capsys) -> None:
    book.fact("visit", "shoigu", VISIT.replace("office: defence-minister",
                                               "office: defense-minister"))
    _, out, _ = run_main(capsys, ["facts"])
    [p] = [p for p in parse_problems(out) if p.code == "BB203"]
    assert (p.file, p.line) == ("facts/visits/shoigu.yaml", 9)
    assert "did you mean 'defence-minister'" in p.message
    assert all(o in p.message for o in OFFICES)


def test_office_is_not_a_field_of_events(book: MiniBook, capsys) -> None:
    text = (book.path("events/shoigu-visit.yaml").read_text()
            .replace("event_type: meeting", "event_type: meeting\noffice: head-of-state"))
    book.fact("event", "shoigu-visit", text)
    assert ("facts/events/shoigu-visit.yaml", 6, "BB200") in codes(capsys)


def test_speaker_on_quotes_and_claims_is_accepted_and_exported(book: MiniBook, capsys) -> None:
    text = book.path("events/shoigu-visit.yaml").read_text()
    text = text.replace(f'    quote: "{SHOIGU_IQBAL}"\n',
                        f'    quote: "{SHOIGU_IQBAL}"\n    speaker: "Pakistan\'s Ministry of Defence"\n')
    book.fact("event", "shoigu-visit", text)
    assert [c for c in codes(capsys) if c[2] < "BB800"] == []
    _, out, _ = run_main(capsys, ["facts", "--format", "json"])
    fact = next(f for f in json.loads(out)["facts"] if f["id"] == "shoigu-visit")
    assert fact["quotes"][0]["speaker"] == "Pakistan's Ministry of Defence"
    assert "speaker" not in fact["quotes"][1]


def test_empty_speaker_is_refused(book: MiniBook, capsys) -> None:
    text = book.path("events/shoigu-visit.yaml").read_text()
    text = text.replace(f'    quote: "{SHOIGU_IQBAL}"\n', f'    quote: "{SHOIGU_IQBAL}"\n    speaker: ""\n')
    book.fact("event", "shoigu-visit", text)
    assert ("facts/events/shoigu-visit.yaml", 11, "BB203") in codes(capsys)


def test_within_is_an_era_field(book: MiniBook, capsys) -> None:
    era = book.path("eras/reset.yaml").read_text()
    book.era(era.replace("id: reset", "id: inner").replace('start: "2010"', 'start: "2014"')
             .replace('end: "2021"', 'end: "2015"') + "within: reset\n", stem="inner")
    found = codes(capsys)
    assert not [c for c in found if c[0].endswith("inner.yaml") and c[2] < "BB800"], found
    book.fact("visit", "shoigu", VISIT + "within: reset\n")
    assert ("facts/visits/shoigu.yaml", 17, "BB200") in codes(capsys)
