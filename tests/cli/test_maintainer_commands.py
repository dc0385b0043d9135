"""``briefing quote find``, ``briefing new``, ``briefing coverage``, the check's text
output (errors first, warnings counted) and every subcommand's help and exit codes."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from checks import fields as F
from checks.commands import SUBCOMMANDS, main
from tests.helpers import (IQBAL, MAHAJAN, SHOIGU_IQBAL, MiniBook,
                           parse_problems)


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


# -- quote find -----------------------------------------------------------------------
def test_quote_find_exact_gives_line_and_pasteable_entry(book: MiniBook, capsys) -> None:
    words = "Sergey Shoigu to Islamabad on 21 November 2014"
    code, out, err = run(capsys, "quote", "find", words)
    assert code == 0, err
    assert f"facts/sources/{IQBAL}.txt:33: {IQBAL} line 33: exact match" in out
    entry = out.split("exact match\n", 1)[1].split("\n\n", 1)[0]
    assert yaml.safe_load(entry) == [{"source": IQBAL, "quote": words}]


def test_quote_find_keeps_the_sources_typography(book: MiniBook, capsys) -> None:
    # the source writes curly quotes; typed straight, the entry gives them as written
    code, out, _ = run(capsys, "quote", "find", 'despite being "India\'s closest friend"',
                       "--source", MAHAJAN)
    assert code == 0
    entry = yaml.safe_load(out.split("exact match\n", 1)[1].split("\n\n", 1)[0])
    assert entry[0]["quote"] == "despite being \u201cIndia\u2019s closest friend\u201d"


def test_quote_find_nearest_with_similarity_and_word_diff(book: MiniBook, capsys) -> None:
    wrong = SHOIGU_IQBAL.replace("21 November", "22 November")
    code, out, _ = run(capsys, "quote", "find", wrong)
    assert code == 1
    first = out.splitlines()[0]
    assert re.search(rf"{IQBAL}\.txt:33: {IQBAL} line 33: nearest passage, \d+% similar", first)
    assert "the source has: 22 → 21" in out
    entry = yaml.safe_load(out.split("\n", 1)[1].split("\n\n", 1)[0])
    assert entry[0]["quote"] == SHOIGU_IQBAL


def test_quote_find_in_excluded_region_says_so(book: MiniBook, capsys) -> None:
    code, out, _ = run(capsys, "quote", "find", "Aamir Iqbal is an Intern at IRS.")
    assert code == 1
    assert f"{IQBAL} line 21: found only in an excluded region (footnote)" in out
    assert "quote:" not in out


def test_quote_find_usage_errors(book: MiniBook, capsys) -> None:
    assert run(capsys, "quote", "find", "some words here", "--source", "nope")[0] == 2
    assert run(capsys, "quote", "find", "   ")[0] == 2
    assert run(capsys, "quote", "find", "x", "--facts", "nowhere")[0] == 2
    assert run(capsys, "quote")[0] == 2


def test_quote_find_nothing_like_it(book: MiniBook, capsys) -> None:
    code, _, err = run(capsys, "quote", "find", "zzzz qqqq xxxx wwww vvvv")
    assert code == 1 and "no exact match" in err


# -- new ------------------------------------------------------------------------------
FILL = {  # a value for every required field a kind may have (see checks.fields)
    "title": "A filled-in fact", "summary": "The sources say so.",
    "date": "2014-11-21", "start": "2022", "end": "2023",  # an era beside reset's 2010-2021
    "visitor": "a Russian defence delegation", "from_country": "Russia", "to_country": "Pakistan",
    "name": "A deal on military cooperation",
}
# the second quote makes no "first" claim (a visit's would need an office to be checked)
QUOTES = [(IQBAL, SHOIGU_IQBAL), (MAHAJAN, "Pakistan and Russia have also signed an agreement "
                                           "for the North-South gas pipeline")]


def fill(text: str) -> str:
    """Fill the skeleton's empty fields the way an editor would, line by line."""
    out, quote = [], 0
    for line in text.split("\n"):
        m = re.match(r"^(\s*-? ?)(\w+):\s*(#.*)?$", line)
        if m and not line.lstrip().startswith("#"):
            key = m[2]
            if key == "source":
                out.append(f"{m[1]}source: {QUOTES[quote][0]}")
                continue
            if key == "quote":
                out.append(f"{m[1]}quote: \"{QUOTES[quote][1]}\"")
                quote += 1
                out += [f"  - source: {QUOTES[1][0]}", f"    quote: \"{QUOTES[1][1]}\""]
                continue
            if key in FILL:
                out.append(f"{m[1]}{key}: \"{FILL[key]}\"")
                continue
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("kind", ["era", "agreement", "visit", "event"])
def test_new_skeleton_is_refused_until_filled_then_accepted(book: MiniBook, capsys,
                                                            kind: str) -> None:
    folder = {"era": "eras", "agreement": "agreements", "visit": "visits",
              "event": "events"}[kind]
    fid = f"new-{kind}"
    code, out, _ = run(capsys, "new", kind, fid)
    assert code == 0 and f"facts/{folder}/{fid}.yaml" in out
    path = book.path(f"{folder}/{fid}.yaml")
    text = path.read_text("utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../fact.schema.json"
    for spec in F.fields_for(kind):  # every field of the kind is there, set or commented
        assert re.search(rf"^(# )?{spec.name}:", text, re.M), spec.name
    for name in F.QUOTE_FIELDS + F.CONTEST_FIELDS + F.CLAIM_FIELDS + F.ASSESSMENT_FIELDS:
        assert re.search(rf"^[#\s-]*{name}:", text, re.M), name
    for line in text.splitlines()[3:]:  # every field says what it holds
        assert re.match(r"^[#\s-]*\w+:[^#]*# \S", line), line
    # unfilled: each required field is an error at its own line
    code, out, _ = run(capsys, "check", "facts", "--no-cache")
    assert code == 1
    lines = text.split("\n")
    title_line = next(n for n, line in enumerate(lines, 1) if line.startswith("title:"))
    assert any(p.file.endswith(f"{fid}.yaml") and p.line == title_line and p.code == "BB202"
               for p in parse_problems(out))
    # filled: accepted
    path.write_text(fill(text), "utf-8")
    code, out, err = run(capsys, "check", "facts", "--no-cache")
    assert code == 0, out + err


def test_new_refuses_existing_ids_and_bad_input(book: MiniBook, capsys) -> None:
    before = book.hashes()
    code, _, err = run(capsys, "new", "event", "shoigu-visit")
    assert code == 1 and "exists" in err
    code, _, err = run(capsys, "new", "visit", "shoigu-visit")  # same id, other kind
    assert code == 1 and "unique across the book" in err
    assert book.hashes() == before
    assert run(capsys, "new", "treaty", "x-y")[0] == 2
    assert run(capsys, "new", "event", "Bad Id")[0] == 2
    assert run(capsys, "new", "event", "ok", "--facts", "nowhere")[0] == 2
    assert book.hashes() == before


# -- check output ---------------------------------------------------------------------
def test_check_lists_errors_first_and_counts_warnings(book: MiniBook, capsys) -> None:
    single = ("id: a-lonely-fact\nkind: event\ntitle: Lonely\nsummary: One source.\n"
              "event_type: meeting\ndate: 2014-11-21\nera: reset\nsources:\n"
              f"  - source: {IQBAL}\n    quote: \"{SHOIGU_IQBAL}\"\n")
    book.fact("event", "a-lonely-fact", single)  # a warning, sorted before the error
    book.fact("event", "b-lonely-fact", single.replace("a-lonely", "b-lonely"))
    book.fact("event", "z-broken", single.replace("a-lonely-fact", "z-broken").replace(
        "era: reset", "era: nowhere"))
    code, out, err = run(capsys, "check", "facts", "--no-cache")
    assert code == 1
    assert [p.code for p in parse_problems(out)] == ["BB401"]  # the warnings are counted
    assert "BB800 warning x3: fact rests on a single source" in err
    code, out, err = run(capsys, "check", "facts", "--no-cache", "-v")
    codes = [p.code for p in parse_problems(
        "\n".join(x for x in out.splitlines() if not x.startswith(" ")))]
    assert codes == ["BB401", "BB800", "BB800", "BB800"]  # errors first, then every warning
    assert "warning x" not in err


# -- every subcommand -----------------------------------------------------------------
HELPS = [["check"], ["source"], ["source", "add"], ["source", "verify"], ["quote"],
         ["quote", "find"], ["new"], ["coverage"]]


@pytest.mark.parametrize("argv", HELPS, ids=" ".join)
def test_each_subcommand_has_help(capsys, argv: list[str]) -> None:
    code, out, _ = run(capsys, *argv, "--help")
    assert code == 0 and out.startswith("usage: briefing " + " ".join(argv))


def test_every_registered_subcommand_is_covered() -> None:
    assert {a[0] for a in HELPS} >= {"check", "source", "quote", "new", "coverage"}
    assert {a[0] for a in HELPS} >= set(SUBCOMMANDS) - {"export", "diff", "edition"}


def test_coverage_subcommand(book: MiniBook, capsys) -> None:
    code, out, err = run(capsys, "coverage", "facts")
    assert code == 1 and "COV001" in out and "coverage:" in err
    assert run(capsys, "coverage", "nowhere")[0] == 2
