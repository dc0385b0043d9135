"""Every class of hostile or accidental bad input: a located error (or, for editors'
files, nothing), exit 1, no traceback, no hang, one problem per output line, nothing
under facts/ changed, and nothing printed that can drive a terminal or forge a line."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tracemalloc
from pathlib import Path

import pytest

from tests.helpers import (
    ERA_TEXT,
    EVENT_TEXT,
    IQBAL,
    REAL_SOURCES,
    REPO,
    SHOIGU_IQBAL,
    MiniBook,
    parse_problems,
    run_main,
)

EV = "events/shoigu-visit.yaml"
F_EV = "facts/" + EV
_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _run(book: MiniBook, capsys, *argv: str) -> tuple[int, str, str]:
    before = book.hashes()
    code, out, err = run_main(capsys, ["facts", *argv])
    assert book.hashes() == before, "the check changed files under facts/"
    assert "Traceback" not in out + err
    return code, out, err


def _assert_safe(out: str) -> None:
    """No raw control character, escape sequence, separator or bidi control printed."""
    assert not _RAW_CONTROL.search(out.replace("\n", "")), repr(out)


def _sealed_source(book: MiniBook, sid: str, raw: bytes, excluded: str = "") -> None:
    """A new archived source with the given bytes, sealed with their SHA-256."""
    (book.root / "sources" / f"{sid}.txt").write_bytes(raw)
    digest = hashlib.sha256(raw).hexdigest()
    book.write(f"sources/{sid}.yaml",
               f"id: {sid}\ntitle: A test source\nauthor: Test Author\npublication: test\n"
               f"published: '2021'\nsha256: {digest}\n{excluded}")


# -- output that could be forged or drive a terminal -----------------------------------

@pytest.mark.parametrize("name", [
    "\x1b[2Jwiped.yaml",             # clears the screen
    "\x1b]0;owned\x07x.yaml",         # sets the terminal title
    "ok.yaml\rfacts/fake.yaml",       # a carriage return rewrites the line
    "two\nlines.yaml",                # a newline would forge a second problem
    "bidi\u202eymal.yaml",            # a right-to-left override reorders the name
    "sep\u2028x.yaml",                # a line separator
])
def test_file_names_are_shown_escaped_on_one_line(book: MiniBook, capsys, name: str) -> None:
    book.write(f"events/{name}", EVENT_TEXT)
    for fmt in ("text", "github"):
        code, out, _ = _run(book, capsys, "--format", fmt)
        assert code == 1
        _assert_safe(out)
        lines = out.splitlines()
        assert len(lines) == len(set(lines)) and all(
            line.startswith(("facts/", "::")) for line in lines), out
        if fmt == "text":
            assert len(parse_problems(out)) == len(lines)
    code, out, _ = _run(book, capsys, "--format", "json")
    data = json.loads(out)
    assert any(name in p["file"] for p in data["problems"])  # the data, exactly


def test_a_value_echoed_from_a_source_is_shown_escaped(book: MiniBook, capsys) -> None:
    raw = (REAL_SOURCES / f"{IQBAL}.txt").read_bytes().replace(
        b"Shoigu to Islamabad", b"Shoigu to \x1b[31mIslamabad\x1b[0m")
    _sealed_source(book, "tainted-source", raw)
    book.write(EV, EVENT_TEXT.replace(f"source: {IQBAL}", "source: tainted-source", 1))
    code, out, _ = _run(book, capsys)
    assert code == 1 and "BB501" in out and "\\x1b[31m" in out
    _assert_safe(out)
    code, out, _ = _run(book, capsys, "-v")
    _assert_safe(out)


@pytest.mark.parametrize("name,escaped", [
    ("per%cent.yaml", "per%25cent.yaml"),
    ("co:lon.yaml", "co%3Alon.yaml"),
    ("com,ma.yaml", "com%2Cma.yaml"),
    ("all%:,.yaml", "all%25%3A%2C.yaml"),
])
def test_github_annotations_escape_their_properties(book: MiniBook, capsys, name: str,
                                                    escaped: str) -> None:
    book.write(f"events/{name}", EVENT_TEXT)
    code, out, _ = _run(book, capsys, "--format", "github")
    assert code == 1
    props = [line.split("::")[1] for line in out.splitlines()]
    files = [dict(kv.split("=", 1) for kv in p.split(" ", 1)[1].split(","))["file"]
             for p in props]
    assert f"facts/events/{escaped}" in files, out


def test_github_messages_escape_percent_and_line_ends(book: MiniBook, capsys) -> None:
    book.write(EV, EVENT_TEXT.replace("era: reset", "era: '100%-r'"))
    code, out, _ = _run(book, capsys, "--format", "github")
    assert code == 1 and "100%25-r" in out and len(out.splitlines()) == 1


# -- unbounded work --------------------------------------------------------------------

@pytest.mark.parametrize("lines,phrase", [
    ("23-240000000", "run past the end"),
    ("69-69", "run past the end"),      # one past the last line
    ("1-99999999999999999999", "must be 'FIRST-LAST'"),
    ("9" * 5000, "must be 'FIRST-LAST'"),
    ("9-3", "FIRST <= LAST"),
    ("0-3", "numbered from 1"),
    ("0", "numbered from 1"),
])
def test_excluded_ranges_are_checked_against_the_text(book: MiniBook, capsys, lines: str,
                                                      phrase: str) -> None:
    meta = book.path(f"sources/{IQBAL}.yaml")
    text = meta.read_text(encoding="utf-8").replace("lines: 7-7", f"lines: '{lines}'")
    meta.write_text(text, encoding="utf-8")
    tracemalloc.start()
    try:
        code, out, _ = _run(book, capsys)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000, f"{peak:,} bytes"
    assert code == 1
    [hit] = [p for p in parse_problems(out) if p.code == "BB602"]
    assert (hit.file, hit.line) == (f"facts/sources/{IQBAL}.yaml", 11) and phrase in hit.message


def _failing_quotes(book: MiniBook, count: int, length: int) -> None:
    words = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod "
             "tempor incididunt ut labore").split()
    for i in range(count):
        text = " ".join(words[(i + j) % len(words)] for j in range(length // 5))[:length]
        book.write(f"events/failing-{i}.yaml", EVENT_TEXT.replace(
            "id: shoigu-visit", f"id: failing-{i}").replace(SHOIGU_IQBAL, text.strip()))


def test_long_failing_quotes_are_searched_with_a_bounded_probe(book: MiniBook, capsys,
                                                               monkeypatch) -> None:
    from rapidfuzz import fuzz

    from checks.matching import MAX_PROBE

    probes: list[int] = []
    real = fuzz.partial_ratio_alignment
    monkeypatch.setattr(fuzz, "partial_ratio_alignment",
                        lambda a, b, **k: probes.append(len(a)) or real(a, b, **k))
    _failing_quotes(book, 80, 5000)
    code, out, _ = _run(book, capsys)
    assert code == 1 and out.count(" BB501 ") == 80
    assert len(probes) == 80 and max(probes) <= MAX_PROBE
    assert out.count("nearest passage (") == 80  # each still explained


def test_the_run_budget_is_reported(book: MiniBook, capsys, monkeypatch) -> None:
    import checks.rules

    monkeypatch.setattr(checks.rules, "MAX_EXPLAINED", 3)
    _failing_quotes(book, 5, 60)
    code, out, err = _run(book, capsys)
    assert out.count("nearest passage (") == 3
    assert out.count("nearest passage not computed") == 2
    assert "2 quotes not found were left without a nearest passage" in err
    code, out, _ = _run(book, capsys, "--format", "json")
    assert json.loads(out)["summary"]["unexplained"] == 2


def test_a_huge_source_is_explained_within_the_run_budget(book: MiniBook, capsys,
                                                          monkeypatch) -> None:
    import checks.rules

    monkeypatch.setattr(checks.rules, "MAX_EXPLAINED_CHARS", 10_000)  # less than one text
    _failing_quotes(book, 2, 60)
    code, out, err = _run(book, capsys)
    assert out.count("nearest passage not computed") == 2 and "2 quotes not found" in err


# -- the file system -------------------------------------------------------------------

def _symlink_loop(book: MiniBook) -> None:
    os.symlink("loop-b.yaml", book.path("events/loop-a.yaml"))
    os.symlink("loop-a.yaml", book.path("events/loop-b.yaml"))


@pytest.mark.parametrize("make,file", [
    (_symlink_loop, "facts/events/loop-a.yaml"),
    (lambda b: os.symlink("self.yaml", b.path("events/self.yaml")), "facts/events/self.yaml"),
    (lambda b: os.symlink("/nonexistent/x.yaml", b.path("events/gone.yaml")),
     "facts/events/gone.yaml"),
    (lambda b: b.path("events/folder.yaml").mkdir(), "facts/events/folder.yaml"),
    (lambda b: os.mkfifo(b.path("events/pipe.yaml")), "facts/events/pipe.yaml"),
    (lambda b: os.mkfifo(b.path("sources/pipe.txt")), "facts/sources/pipe.txt"),
])
def test_what_is_not_a_plain_file_is_a_located_error(book: MiniBook, capsys, make,
                                                     file: str) -> None:
    make(book)
    code, out, _ = _run(book, capsys)
    assert code == 1
    assert any(p.file == file and p.code == "BB100" for p in parse_problems(out)), out


def test_a_file_name_that_is_not_utf8_is_a_located_error(book: MiniBook, capsys) -> None:
    name = os.fsdecode(b"bad-\xff-name.yaml")
    Path(os.fsdecode(bytes(book.root / "events")) + "/" + name).write_text(EVENT_TEXT)
    for fmt in ("text", "json", "github"):
        code, out, _ = _run(book, capsys, "--format", fmt)
        out.encode("utf-8")  # valid UTF-8, whatever the name's bytes
        if fmt == "json":
            out = json.loads(out)["problems"][0]["file"]
        assert code == 1 and "bad-\\xff-name.yaml" in out, out


@pytest.mark.parametrize("name", [".#shoigu-visit.yaml", "shoigu-visit.yaml~",
                                  ".shoigu-visit.yaml.swp", "#shoigu-visit.yaml#",
                                  ".hidden.yaml", "4913"])
def test_editor_lock_backup_and_swap_files_are_ignored(book: MiniBook, capsys,
                                                       name: str) -> None:
    if name.startswith(".#"):  # emacs: a dangling link
        os.symlink("user@host.1234:1", book.path(f"events/{name}"))
    else:
        book.write(f"events/{name}", "garbage: [\n")
    code, out, _ = _run(book, capsys)
    assert (code, out) == (0, "")


@pytest.mark.parametrize("name", ["other.yml", "other.YAML", "other.Yaml", "other.YML"])
def test_one_rule_for_yaml_suffixes(book: MiniBook, capsys, name: str) -> None:
    book.write(f"events/{name}", EVENT_TEXT.replace("shoigu-visit", "other"))
    code, out, _ = _run(book, capsys)
    assert code == 1
    [hit] = parse_problems(out)
    assert (hit.file, hit.code) == (f"facts/events/{name}", "BB205")
    assert "in lower case" in hit.message


@pytest.mark.parametrize("setup", ["empty", "sources-only", "only-junk"])
def test_a_book_with_no_facts_is_an_error(tmp_path: Path, capsys, monkeypatch,
                                          setup: str) -> None:
    monkeypatch.chdir(tmp_path)
    book = MiniBook(tmp_path, sources=() if setup == "empty" else (IQBAL,))
    if setup == "only-junk":
        book.write("events/notes.md", "not a fact")
    code, out, _ = _run(book, capsys)
    assert code == 1
    assert [(p.file, p.code) for p in parse_problems(out)] == [("facts", "BB107")]


# -- text that misleads a reader or an editor ------------------------------------------

_FIELDS = {
    "title": ("title: Defence cooperation deal", 'title: "Defence{} deal"'),
    "summary": ("summary: Shoigu", 'summary: "Shoigu{}"'),
    "quote": (f'    quote: "{SHOIGU_IQBAL}"', f'    quote: "{SHOIGU_IQBAL}{{}}"'),
    "event_type": ("event_type: meeting", 'event_type: "meeting{}"'),
    "era": ("era: reset", 'era: "reset{}"'),
    "date": ("date: 2014-11-21", 'date: "2014-11-21{}"'),
}


@pytest.mark.parametrize("escape", ["\\e", "\\0", "\\x1b[31m", "\\r", "\\u202e", "\\u2066",
                                    "\\u2069", "\\N", "\\L", "\\P", "\\ud800"])
@pytest.mark.parametrize("field", sorted(_FIELDS))
def test_escaped_controls_and_bidi_are_refused_in_every_text_field(
        book: MiniBook, capsys, field: str, escape: str) -> None:
    old, new = _FIELDS[field]
    line = next(i for i, text in enumerate(EVENT_TEXT.splitlines(), 1) if text.startswith(old))
    text = "\n".join(new.format(escape) if i == line else t
                     for i, t in enumerate(EVENT_TEXT.splitlines(), 1)) + "\n"
    book.write(EV, text)
    code, out, _ = _run(book, capsys)
    assert code == 1
    _assert_safe(out)
    hits = [p for p in parse_problems(out) if p.file == F_EV and (
        p.code == "BB203" and "escape" in p.message
        or p.code == "BB103" and "invalid Unicode character escape" in p.message)]
    assert hits and hits[0].line == line, out


@pytest.mark.parametrize("char", ["\u202e", "\u2067", "\x85", "\u2028", "\u2029", "\x1b",
                                  "\x9b"])
def test_raw_bidi_controls_and_line_separators_are_refused(book: MiniBook, capsys,
                                                           char: str) -> None:
    book.write(EV, EVENT_TEXT.replace("title: Defence", f"title: De{char}fence"))
    code, out, _ = _run(book, capsys)
    assert code == 1
    _assert_safe(out)
    [hit] = parse_problems(out)
    assert (hit.file, hit.line, hit.col, hit.code) == (F_EV, 3, 10, "BB103")


@pytest.mark.parametrize("value", ['!!bool "maybe"', "!!bool maybe", "!!str yes",
                                   "!!int 1", "!!null ''", "!!timestamp 2014-11-21"])
def test_explicit_tags_never_become_values(book: MiniBook, capsys, value: str) -> None:
    book.write(EV, EVENT_TEXT + f"circa: {value}\n")
    code, out, _ = _run(book, capsys)
    assert code == 1
    [hit] = parse_problems(out)
    assert (hit.file, hit.line, hit.code) == (F_EV, 13, "BB106")


# -- ids that collide with the book's own pages ----------------------------------------

@pytest.mark.parametrize("kind,stem", [("era", "index"), ("event", "genindex"),
                                       ("event", "search"), ("era", "outside-eras"),
                                       ("visit", "timeline")])
def test_ids_that_name_a_page_of_the_book_are_refused(book: MiniBook, capsys, kind: str,
                                                      stem: str) -> None:
    base = ERA_TEXT if kind == "era" else EVENT_TEXT
    text = base.replace("id: reset" if kind == "era" else "id: shoigu-visit", f"id: {stem}")
    book.fact(kind, stem, text.replace("kind: event", f"kind: {kind}"))
    code, out, _ = _run(book, capsys)
    assert code == 1
    assert any(p.file.endswith(f"/{stem}.yaml") and p.code == "BB203" and p.line == 1
               and "name of a page" in p.message for p in parse_problems(out)), out


def test_a_source_id_that_names_a_page_is_refused(book: MiniBook, capsys) -> None:
    raw = (REAL_SOURCES / f"{IQBAL}.txt").read_bytes()
    _sealed_source(book, "index", raw)
    code, out, _ = _run(book, capsys)
    assert any(p.file == "facts/sources/index.yaml" and p.code == "BB203"
               for p in parse_problems(out)), out


def test_the_reserved_ids_cover_the_books_pages() -> None:
    from checks.fields import RESERVED_IDS

    pages = {p.stem for p in (REPO / "docs").glob("*.md")}
    import briefing.stubs as stubs

    assert pages | {stubs.OUTSIDE, "index", "genindex", "search", "eras", "sources"} \
        <= RESERVED_IDS


# -- line ends -------------------------------------------------------------------------

@pytest.mark.parametrize("ending", [b"\r", b"\r\n", b"mixed"])
def test_a_text_with_cr_or_mixed_line_ends_is_numbered_as_editors_number_it(
        book: MiniBook, capsys, ending: bytes) -> None:
    lines = (REAL_SOURCES / f"{IQBAL}.txt").read_bytes().split(b"\n")
    if ending == b"mixed":
        raw = b"".join(line + (b"\r\n", b"\n", b"\r")[i % 3]
                       for i, line in enumerate(lines[:-1])) + lines[-1]
    else:
        raw = ending.join(lines)
    _sealed_source(book, "crlf-source", raw,
                   "excluded:\n  - lines: 33-33\n    reason: comments\n")
    book.write(EV, EVENT_TEXT.replace(f"source: {IQBAL}", "source: crlf-source", 1))
    code, out, _ = _run(book, capsys)
    [hit] = [p for p in parse_problems(out) if p.code == "BB502"]  # line 33 is excluded
    assert hit.file == F_EV
    from checks.archive import split_lines

    text_lines, starts = split_lines(raw.decode("utf-8"))
    assert len(text_lines) == len(lines) and SHOIGU_IQBAL[:40] in text_lines[32]
    book.write("sources/crlf-source.yaml", book.path("sources/crlf-source.yaml").read_text()
               .replace("lines: 33-33", "lines: 9-9"))
    code, out, _ = _run(book, capsys, "--format", "json")
    [quote] = [q for f in json.loads(out)["facts"] if f["id"] == "shoigu-visit"
               for q in f["quotes"] if q["source"] == "crlf-source"]
    assert quote["verified"] and quote["source_line"] == 33
    assert raw.decode()[quote["source_start"]:].startswith("the visit of Defence")
