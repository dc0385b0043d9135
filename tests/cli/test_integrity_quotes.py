"""Quotes cannot be cut to mislead: numbers stay whole; years are found after NFKC."""

from __future__ import annotations

import pytest

from checks.matching import check_quote
from checks.model import Pos, Quote
from tests.helpers import MAHAJAN, MiniBook, parse_problems, real_text, run_main

PIPELINE = ("Russia on its part has promised a $14 billion investment in Pakistan\u2019s energy "
            "sector, including $2.5 billion for the North-South pipeline project")


@pytest.mark.parametrize("quote", [
    "investment in Pakistan's energy sector, including $2",
    "5 billion for the North-South pipeline project",
    ".5 billion for the North-South pipeline project",
    "investment in Pakistan's energy sector, including $2.",
])
def test_quote_cut_inside_a_number_is_refused(quote: str) -> None:
    assert check_quote(quote, real_text(MAHAJAN)).verdict == "cuts-number"


@pytest.mark.parametrize("quote", [
    "sector, including $2.5 billion for the North-South pipeline project",
    "Russia on its part has promised a $14 billion investment",
    "In 2014, Russian Defence Minister Sergey Shoigu",          # a comma after a year
    "was among the 6 countries which participated",
])
def test_whole_numbers_and_sentence_ends_still_match(quote: str) -> None:
    assert check_quote(quote, real_text(MAHAJAN)).ok


def test_cut_number_is_a_located_error(book: MiniBook, capsys) -> None:
    text = book.path("events/shoigu-visit.yaml").read_text()
    text += (f"  - source: {MAHAJAN}\n"
             "    quote: \"investment in Pakistan's energy sector, including $2\"\n")
    book.fact("event", "shoigu-visit", text)
    _, out, _ = run_main(capsys, ["facts"])
    [p] = [p for p in parse_problems(out) if p.code == "BB506"]
    assert (p.file, p.line) == ("facts/events/shoigu-visit.yaml", 14)
    assert "whole number" in p.message


def test_full_width_digits_cannot_hide_a_year() -> None:
    q = Quote("s", "In \uff12\uff10\uff11\uff14, Russian Defence Minister", Pos(1, 1), Pos(1, 1), "q")
    assert q.years == {2014}


def test_full_width_year_still_counts_for_disagreement(book: MiniBook, capsys) -> None:
    text = book.path("events/shoigu-visit.yaml").read_text()
    text = (text.replace("date: 2014-11-21", "date: 2013")
            .replace('"In 2014, Russian', '"In \uff12\uff10\uff11\uff14, Russian'))
    book.fact("event", "shoigu-visit", text)
    _, out, _ = run_main(capsys, ["facts"])
    codes = {(p.line, p.code) for p in parse_problems(out)}
    assert (12, "BB700") in codes and (10, "BB700") in codes
