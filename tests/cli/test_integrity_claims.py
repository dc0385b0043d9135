"""Claims checked against the book's own registers, prose grounded in the quotes, and a
speaker for someone else's words: each rule on small real books (flagged and legitimate
cases), plus the phrase reader on its own."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from checks.dates import PartialDate
from checks.firsts import read_sentence
from checks.model import Fact, Pos, Quote
from checks.registers import Registers
from tests.helpers import (
    CHANGE_2010,
    IQBAL,
    MAHAJAN,
    SHAUKAT,
    SHOIGU_IQBAL,
    SHOIGU_MAHAJAN,
    SINGH,
    MiniBook,
    run_main,
)

FRADKOV_IQBAL = "In April 2007, Mikhail Fradkov was the first Russian Prime Minister to visit Pakistan."
WARM_SHAUKAT = ("In 1974, the then Prime minister, Zulfikar Ali Bhutto visited Moscow. For the "
                "first time in the history, Soviet Union\u2019s ties with Pakistan began to warm.")
MODI = ("Prime Minister Narendra Modi remark in 2014 that \u201cif asked to say who India\u2019s "
        "best friend is, [a child in India] will reply it is Russia")
LAVROV_MESSAGE = ("Recently Russian Foreign Minister Sergey Lavrov arrived in Islamabad (April "
                  "6-7) to deliver an \u201cimportant\u201d message from President Vladimir Putin")


@pytest.fixture
def book(tmp_path, monkeypatch) -> MiniBook:
    """Iqbal, Mahajan, Shaukat and Singh; one era from 1947 to 2021."""
    monkeypatch.chdir(tmp_path)
    b = MiniBook(tmp_path, (IQBAL, MAHAJAN, SHAUKAT, SINGH))
    b.era(f"id: all\nkind: era\ntitle: All years\nsummary: Relations change after 2010.\n"
          f"start: \"1947\"\nend: \"2021\"\nsources:\n  - source: {IQBAL}\n"
          f"    quote: \"{CHANGE_2010}\"\n", stem="all")
    return b


def visit(stem: str, date: str, office: str, country: str, quotes: list[tuple[str, str]],
          *, to: str = "Pakistan", frm: str | None = None, extra: str = "",
          summary: str = "A visit.", visitor: str = "a minister") -> str:
    body = "".join(f"  - source: {s}\n    quote: {json.dumps(q, ensure_ascii=False)}\n"
                   for s, q in quotes)
    return (f"id: {stem}\nkind: visit\ntitle: A visit\nsummary: {summary}\n"
            f"date: \"{date}\"\nvisitor: {visitor}\nfrom_country: {frm or country}\n"
            f"to_country: {to}\noffice: {office}\noffice_country: \"{country}\"\n"
            f"sources:\n{body}{extra}")


def problems(capsys: Any, *codes: str) -> list[tuple[str, int, str, str]]:
    """(file, line, code, message) of every problem, warnings too, or only of ``codes``."""
    _, out, _ = run_main(capsys, ["facts", "--format", "json"])
    return [(p["file"], p["line"], p["code"], p["message"])
            for p in json.loads(out)["problems"] if not codes or p["code"] in codes]


SHOIGU = [(IQBAL, SHOIGU_IQBAL), (MAHAJAN, SHOIGU_MAHAJAN)]


# -- the visits register ---------------------------------------------------------------
def test_a_correct_first_in_45_years_passes(book: MiniBook, capsys) -> None:
    book.fact("visit", "soviet-1969", visit("soviet-1969", "1969", "defence-minister",
                                            "Soviet Union", [(IQBAL, CHANGE_2010)]))
    book.fact("visit", "shoigu", visit("shoigu", "2014-11-21", "defence-minister", "Russia",
                                       SHOIGU))
    assert problems(capsys, "BB706", "BB708") == []


def test_an_earlier_visit_inside_the_window_contradicts_it(book: MiniBook, capsys) -> None:
    book.fact("visit", "soviet-1969", visit("soviet-1969", "1969", "defence-minister",
                                            "Soviet Union", [(IQBAL, CHANGE_2010)]))
    book.fact("visit", "russia-1990", visit("russia-1990", "1990", "defence-minister",
                                            "Russia", [(IQBAL, CHANGE_2010)]))
    book.fact("visit", "shoigu", visit("shoigu", "2014-11-21", "defence-minister", "Russia",
                                       SHOIGU))
    [hit] = problems(capsys, "BB706")
    assert hit[:3] == ("facts/visits/shoigu.yaml", 15, "BB706")  # Mahajan's quote
    assert "russia-1990 (1990)" in hit[3] and "only 24 years before" in hit[3]
    assert "declare the point contested" in hit[3]


def test_a_gap_the_register_does_not_show_contradicts_it(book: MiniBook, capsys) -> None:
    book.fact("visit", "shoigu", visit("shoigu", "2014-11-21", "defence-minister", "Russia",
                                       SHOIGU))
    [hit] = problems(capsys, "BB706")
    assert "has no earlier visit by a defence-minister" in hit[3]
    assert "does not show that gap" in hit[3]


def test_first_ever_reads_the_soviet_union_as_russias_predecessor(book: MiniBook, capsys) -> None:
    book.fact("visit", "soviet-1969", visit("soviet-1969", "1969", "head-of-government",
                                            "Soviet Union", [(IQBAL, CHANGE_2010)]))
    book.fact("visit", "fradkov", visit("fradkov", "2007-04", "head-of-government", "Russia",
                                        [(IQBAL, FRADKOV_IQBAL)]))
    [hit] = problems(capsys, "BB706")
    assert "soviet-1969 (1969), an earlier visit by a head-of-government" in hit[3]
    # another office, another direction: no precedent
    book.fact("visit", "soviet-1969", visit("soviet-1969", "1969", "foreign-minister",
                                            "Soviet Union", [(IQBAL, CHANGE_2010)]))
    assert problems(capsys, "BB706") == []


def test_a_contested_first_shows_the_register_entry_instead(book: MiniBook, capsys) -> None:
    book.fact("visit", "soviet-1969", visit("soviet-1969", "1969", "head-of-government",
                                            "Soviet Union", [(IQBAL, CHANGE_2010)]))
    contest = (f"contested:\n  - question: Was he the first?\n    claims:\n"
               f"      - value: first ever\n        source: {IQBAL}\n"
               f"        quote: {json.dumps(FRADKOV_IQBAL)}\n"
               f"      - value: first in 38 years\n        source: {MAHAJAN}\n"
               "        quote: \"Mikhail Fradkov became the first Russian prime minister to "
               "visit Pakistan for a 3-day official visit in 38 years\"\n")
    book.fact("visit", "fradkov", visit("fradkov", "2007-04", "head-of-government", "Russia",
                                        [(IQBAL, FRADKOV_IQBAL)], extra=contest))
    assert problems(capsys, "BB706") == []
    _, out, _ = run_main(capsys, ["facts", "--format", "json"])
    fact = next(f for f in json.loads(out)["facts"] if f["id"] == "fradkov")
    register = {n["claim"]: n for n in fact["contested"][0]["register"]}
    assert register["first ever"]["agrees"] is False
    assert register["first ever"]["entry"] == "soviet-1969"
    assert register["first in 38 years"]["agrees"] is True


def test_a_first_without_an_office_cannot_be_checked(book: MiniBook, capsys) -> None:
    text = visit("shoigu", "2014-11-21", "defence-minister", "Russia", SHOIGU)
    book.fact("visit", "shoigu", text.replace("office: defence-minister\n", ""))
    [hit] = problems(capsys, "BB708")
    assert hit[:3] == ("facts/visits/shoigu.yaml", 6, "BB708")


def test_an_unreadable_first_is_a_warning_naming_the_sentence(book: MiniBook, capsys) -> None:
    book.fact("visit", "bhutto", visit("bhutto", "1974", "head-of-government", "Pakistan",
                                       [(SHAUKAT, WARM_SHAUKAT)], to="Soviet Union"))
    [hit] = problems(capsys, "BB803")
    assert "\"For the first time in the history, Soviet Union's ties with Pakistan began to " \
           "warm.\"" in hit[3]
    code, _, _ = run_main(capsys, ["facts"])
    assert code == 0


def test_a_sentence_about_another_year_is_left_to_that_fact(book: MiniBook, capsys) -> None:
    book.fact("visit", "soviet-1969", visit("soviet-1969", "1969", "defence-minister",
                                            "Soviet Union", [(MAHAJAN, SHOIGU_MAHAJAN)],
                                            extra="    context_values: [\"2014\"]\n"))
    assert problems(capsys, "BB706", "BB708") == []


# -- the reader and the agreements register (model level) -------------------------------
@pytest.mark.parametrize("sentence,kind,low,high,scope", [
    ("became the first Soviet/Russian Defence Minister to visit Pakistan in 45 years",
     "window", 44, 46, "line"),
    ("It was the first such visit by a Russian foreign minister to Pakistan in almost a decade",
     "window", 8, 10, "line"),
    ("to visit Pakistan in April 2021 after a long gap of seven years", "window", 6, 8, "line"),
    ("the first prime minister of the Russian Federation to visit Pakistan", "ever", 0, 0,
     "federation"),
    ("the first-ever visit by a Soviet premier", "ever", 0, 0, "soviet"),
    # a state named outside the claim's own clause does not narrow it
    ("The relations between Pakistan and the Russian Federation received a boost in 2007 "
     "when Russian Prime Minister Mikhail Fradkov became the first Russian prime minister to "
     "visit Pakistan for a 3-day official visit in 38 years", "window", 37, 39, "line"),
    ("the first visit in over a decade", "window", 11, 9999, "line"),
    ("the first visit in three decades", "window", 27, 33, "line"),
])
def test_phrasings_understood(sentence: str, kind: str, low: int, high: int, scope: str) -> None:
    claim, says = read_sentence(sentence)
    assert says and claim is not None
    assert (claim.kind, claim.low, claim.high, claim.scope) == (kind, low, high, scope)


def test_since_a_year_and_ordinals() -> None:
    claim, _ = read_sentence("the first visit by a Pakistani leader since 1999")
    assert claim is not None and claim.since == 1999 and claim.years == frozenset()
    assert read_sentence("the first year of the existence of the Russian Federation") == (
        None, False)


def _agreement(fid: str, date: str, text: str, kind: str = "treaty") -> Fact:
    return Fact(id=fid, kind="agreement", title=fid, summary="", file=f"{fid}.yaml",
                date=PartialDate.parse(date),
                quotes=(Quote("src", text, Pos(1, 1), Pos(1, 1), "sources[0].quote"),),
                details={"agreement_type": kind, "parties": ("Pakistan", "Russia"),
                         "status": "signed"})


def test_the_first_treaty_between_the_parties_is_checked_against_the_register() -> None:
    first = "It was the first treaty between the two countries."
    old = _agreement("old", "1965", "A treaty was signed in 1965 by the two countries.")
    new = _agreement("new", "2001", first)
    old_soviet = Fact(**{**old.__dict__, "details": {**old.details,
                                                     "parties": ("Pakistan", "Soviet Union")}})
    findings, _ = Registers([old_soviet, new], lambda q: None).check(new, [])
    assert [f.code.value for f in findings] == ["BB707"]
    assert "old (1965)" in findings[0].message
    other_type = _agreement("old", "1965", "A deal.", kind="deal")
    assert Registers([other_type, new], lambda q: None).check(new, [])[0] == []


# -- prose grounded in the quotes -----------------------------------------------------
def test_a_value_no_quote_states_is_an_error_naming_token_and_field(book: MiniBook,
                                                                     capsys) -> None:
    book.fact("visit", "shoigu", visit(
        "shoigu", "2014-11-21", "defence-minister", "Russia", SHOIGU[:1],
        summary="Shoigu arrived with a 41-member delegation on 20 November 2014, the first "
                "in 45 years.", visitor="Sergey Shoigu"))
    hits = problems(capsys, "BB702")
    said = sorted(h[3].split("'")[1] for h in hits)
    assert said == ["20 November", "41", "45 years"], hits
    assert all(h[1] == 4 and h[3].startswith("summary states") for h in hits)
    assert "quote a passage that states it, move it into the editor's note, or drop it" \
        in hits[0][3]


def test_a_person_no_quote_names_is_an_error(book: MiniBook, capsys) -> None:
    book.fact("visit", "shoigu", visit("shoigu", "2014-11-21", "defence-minister", "Russia",
                                       SHOIGU, visitor="Sergey Shoigu",
                                       summary="Sergey Shoigu met Sergey Lavrov."))
    book.fact("visit", "lavrov", visit("lavrov", "2012-10", "foreign-minister", "Russia",
                                       [(IQBAL, "in October 2012, Moscow sent its Foreign "
                                                "Minister Sergey Lavrov")],
                                       visitor="Sergey Lavrov"))
    [hit] = problems(capsys, "BB703")
    assert hit[:3] == ("facts/visits/shoigu.yaml", 4, "BB703") and "Sergey Lavrov" in hit[3]


@pytest.mark.parametrize("summary,note", [
    # a span's quote naming both its years; digits and number words
    ("Between 1965 and 1971 the Soviet Union supplied defence equipment worth $310 million.",
     None),
    # the editor's note states the outside date
    ("Shoigu arrived on 20 November 2014.", "Editor's note: Dawn dates the arrival to 20 "
     "November 2014."),
    # an anniversary: 70th = seventieth, and the year the quote gives
    ("Pakistan celebrated the seventieth anniversary of relations on 1 May 2018.", None),
])
def test_grounded_prose_passes(book: MiniBook, capsys, summary: str, note: str | None) -> None:
    quotes = [(SINGH, "except between 1965 and 1971 when the USA imposed sanctions on "
                      "Pakistan, the latter turned to the USSR, which supplied the defence "
                      "equipment to Islamabad worth of $310 million"),
              (MAHAJAN, "On May 1, 2018, Pakistan celebrated the 70th Anniversary of "
                        "Diplomatic Relations with Russia."),
              (IQBAL, SHOIGU_IQBAL)]
    extra = f"editor_note: {json.dumps(note)}\n" if note else ""
    text = (f"id: e\nkind: event\ntitle: An event\nsummary: {json.dumps(summary)}\n"
            f"date: \"2014\"\nsources:\n"
            + "".join(f"  - source: {s}\n    quote: {json.dumps(q)}\n"
                      "    context_values: [\"1965\", \"1971\", \"2018\"]\n" for s, q in quotes)
            + extra)
    book.fact("event", "e", text)
    assert problems(capsys, "BB702", "BB703") == []


def test_number_words_match_digits(book: MiniBook, capsys) -> None:
    fradkov = ("Mikhail Fradkov became the first Russian prime minister to visit Pakistan for a "
               "3-day official visit in 38 years")
    book.fact("visit", "soviet-1969", visit("soviet-1969", "1969", "head-of-government",
                                            "Soviet Union", [(IQBAL, CHANGE_2010)]))
    book.fact("visit", "f", visit("f", "2007-04", "head-of-government", "Russia",
                                  [(MAHAJAN, fradkov)],
                                  summary="A three-day visit, the first in thirty-eight years."))
    assert problems(capsys, "BB702") == []
    book.fact("visit", "f", visit("f", "2007-04", "head-of-government", "Russia",
                                  [(MAHAJAN, fradkov)],
                                  summary="A four-day visit, the first in 38 years."))
    assert [h[3].split("'")[1] for h in problems(capsys, "BB702")] == ["four-day"]


# -- someone else's words ---------------------------------------------------------------
def _event(quote: str, speaker: str | None = None) -> str:
    who = f"    speaker: {speaker}\n" if speaker else ""
    return (f"id: e\nkind: event\ntitle: A remark\nsummary: A remark in 2014.\n"
            f"date: \"2014\"\nsources:\n  - source: {MAHAJAN}\n"
            f"    quote: {json.dumps(quote, ensure_ascii=False)}\n{who}")


def test_a_quote_inside_a_quotation_needs_a_speaker(book: MiniBook, capsys) -> None:
    book.fact("event", "e", _event(MODI))
    [hit] = problems(capsys, "BB507")
    assert hit[:3] == ("facts/events/e.yaml", 8, "BB507") and "add speaker:" in hit[3]
    book.fact("event", "e", _event("if asked to say who India's best friend is, [a child in "
                                   "India] will reply it is Russia"))
    assert len(problems(capsys, "BB507")) == 1


def test_a_speaker_or_a_whole_quoted_phrase_passes(book: MiniBook, capsys) -> None:
    book.fact("event", "e", _event(MODI, speaker="Narendra Modi"))
    assert problems(capsys, "BB507") == []
    book.fact("event", "e", _event(LAVROV_MESSAGE))
    assert problems(capsys, "BB507") == []


@pytest.mark.parametrize("sid", [IQBAL, MAHAJAN, SHAUKAT, SINGH])
def test_the_fast_quotation_test_agrees_with_reading_the_raw_line(sid: str) -> None:
    from checks.speakers import _index, _inside_raw, inside_quotation
    from tests.helpers import real_text

    text = real_text(sid)
    assert _index(text).paired  # the fast path is the one taken on these sources
    words = [m.span() for m in re.finditer(r"\S+", text.author)]
    inside = 0
    for k in range(0, len(words) - 6, 3):
        start, end = words[k][0], words[k + 5][1]
        fast = inside_quotation(text, start, end)
        assert fast == _inside_raw(text, text.to_raw(start, end)), text.author[start:end]
        inside += fast
    assert inside > 0 or sid in (IQBAL, SINGH)
