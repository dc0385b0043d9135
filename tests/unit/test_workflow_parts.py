"""The maintainer commands' parts: proposed exclusions, word diffs, safe output, and the
README's source-metadata documentation kept in sync with the loader."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from checks import fields as F
from checks.archive import SOURCE_FIELDS
from checks.commands.exclusions import byline_author, propose
from checks.commands.output import Exists, safe, write_all_new, write_new, yaml_str
from checks.worddiff import describe, word_changes

README = Path(__file__).resolve().parents[2] / "README.md"


# -- proposed exclusions ----------------------------------------------------------------
@pytest.mark.parametrize("line, reason", [
    ("- Advertisement -", "advertisement"), ("ADVERTISEMENT", "advertisement"),
    ("Sponsored: cheap flights", "advertisement"), ("Header Ad", "advertisement"),
    ("Home > News > World", "navigation"), ("HomeNEWSInternational News", "navigation"),
    ("Skip to content", "navigation"),
    ("By Jane Roe", "byline"), ("The writer is a professor of history.", "byline"),
    ("^{*} The author is an intern.", "footnote"), ("[3] See the treaty text.", "footnote"),
    ("Read more: ten things", "boilerplate"), ("Copyright 2021 The Paper", "boilerplate"),
])
def test_single_line_rules(line: str, reason: str) -> None:
    lines = ["A body sentence that is the author's own words.", "", line, "",
             "Another body sentence follows here."]
    assert [(p.first, p.last, p.reason) for p in propose(lines)] == [(3, 3, reason)]


@pytest.mark.parametrize("heading, reason", [
    ("3 Comments", "comments"), ("Leave a Reply", "comments"), ("1 COMMENT", "comments"),
    ("References", "bibliography"), ("Notes and References", "bibliography"),
    ("Must Read", "boilerplate"), ("Most Popular", "boilerplate"),
    ("Check Also", "boilerplate"), ("Related Articles", "boilerplate"),
])
def test_sections_run_to_the_end(heading: str, reason: str) -> None:
    lines = ["Body sentence one of the article.", "", heading, "", "first entry of it",
             "", "second entry of it"]
    assert [(p.first, p.last, p.reason) for p in propose(lines)] == [(3, 7, reason)]


def test_a_new_section_heading_switches_the_reason() -> None:
    lines = ["Body.", "2 Comments", "a reader says this", "Most Popular", "a teaser"]
    assert [(p.first, p.last, p.reason) for p in propose(lines)] == [
        (2, 3, "comments"), (4, 5, "boilerplate")]


def test_body_text_is_never_proposed() -> None:
    lines = ["Russia and Pakistan signed a deal on Wednesday, officials said.",
             "By the end of the year, the pipeline will be finished, according to the plan.",
             "References to the treaty were made by both sides in their statements.",
             "Comments by the minister were welcomed in Islamabad and in Moscow."]
    assert propose(lines) == []


def test_author_name_lines_and_extractor_marks() -> None:
    lines = ["Body text of the piece.", "Jane Roe*", "Jane Roe writes on trade.", "x"]
    got = propose(lines, author="Jane Roe", marked=[(4, "comments", "from the extractor")])
    assert [(p.first, p.last, p.reason) for p in got] == [(2, 3, "byline"), (4, 4, "comments")]
    assert byline_author(["Title", "", "By Omar Farooq"]) == "Omar Farooq"
    assert byline_author(["Written by Jane Roe"]) == "Jane Roe"
    assert byline_author(["Nothing here"]) is None


def test_real_sources_proposals_never_cut_a_cited_line() -> None:
    """On the real book's archives, no proposal falls on a line a verified quote uses."""
    from checks.api import check_path

    facts = Path(__file__).resolve().parents[2] / "facts"
    result = check_path(str(facts), use_cache=False)
    cited: dict[str, set[int]] = {}
    for r in result.facts:
        for qc in r.quotes:
            text, match = result.book.texts.get(qc.quote.source), qc.span
            if match is not None and text is not None:
                last = text.line_of(max(match.start, match.end - 1))
                cited.setdefault(qc.quote.source, set()).update(range(match.line, last + 1))
    assert cited
    for sid, text in result.book.texts.items():
        lines = text.raw.split("\n")
        proposed = {n for p in propose(lines, text.source.author)
                    for n in range(p.first, p.last + 1)}
        human = {n for ex in text.source.excluded for n in range(ex.first_line, ex.last_line + 1)}
        assert not proposed & (cited.get(sid, set()) - human), sid  # lines a quote spans


# -- word diff -------------------------------------------------------------------------
def test_word_changes() -> None:
    assert word_changes("the largest deal", "the biggest deal") == ["largest → biggest"]
    assert word_changes("a very big deal", "a big deal") == ["very → (nothing)"]
    assert word_changes("a deal", "a big deal") == ["(nothing) → big"]
    # context the nearest passage has beyond the quote's ends is not a change
    assert word_changes("signed a deal", "they signed a deal on Monday") == []
    assert describe("x y z", "x y z") == ""
    many = describe("a b c d e f g h i j", "A b C d E f G h I j")
    assert many.startswith("the source has: a → A; c → C; e → E; g → G; and 1 more")


# -- output ---------------------------------------------------------------------------
@given(st.text(max_size=60))
def test_yaml_str_reads_back_and_is_one_line(text: str) -> None:
    dumped = yaml_str(text)
    assert "\n" not in dumped and "\u202e" not in dumped
    assert yaml.safe_load(f"quote: {dumped}") == {"quote": text}


def test_safe_escapes_terminal_controls() -> None:
    assert safe("a\x1b[31mb\u202ec\x07") == "a\\x1b[31mb\\u202ec\\x07"
    assert safe("plain – “text”") == "plain – “text”"


def test_write_new_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    write_new(str(path), b"one")
    with pytest.raises(Exists):
        write_new(str(path), b"two")
    assert path.read_bytes() == b"one"
    with pytest.raises(Exists):
        write_all_new([(str(tmp_path / "b.txt"), b"b"), (str(path), b"three")])
    assert not (tmp_path / "b.txt").exists()  # all or nothing
    assert sorted(os.listdir(tmp_path)) == ["a.yaml"]  # no temporary files left


# -- the README documents every metadata field and exclusion reason --------------------
def _table(heading: str) -> list[list[str]]:
    text = README.read_text("utf-8")
    start = text.index(heading)
    rows = []
    for line in text[start:].split("\n")[1:]:
        if rows and not line.startswith("|"):
            break
        if line.startswith("| `"):
            rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows


def test_readme_lists_every_source_metadata_field() -> None:
    rows = _table("#### Source metadata fields")
    names = [re.sub(r"`", "", r[0]).split(".")[0] for r in rows]
    assert [n for n in names if n in SOURCE_FIELDS] == [n for n in names]  # none unknown
    assert sorted(set(names)) == sorted(SOURCE_FIELDS)
    sub = [re.sub(r"`", "", r[0]) for r in rows if "." in r[0]]
    assert sorted(sub) == ["excluded.lines", "excluded.note", "excluded.reason"]
    from checks.archive import _REQUIRED
    required = {re.sub(r"`", "", r[0]) for r in rows if r[1] == "yes"}
    assert required == set(_REQUIRED) | {"excluded.lines", "excluded.reason"}


def test_readme_lists_every_exclusion_reason() -> None:
    rows = _table("#### Exclusion reasons")
    assert sorted(re.sub(r"`", "", r[0]) for r in rows) == sorted(F.EXCLUDED_REASONS)
