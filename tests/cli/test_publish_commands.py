"""``briefing export``, ``briefing diff`` (files, folders, git revisions) and ``briefing
edition save`` on real files."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from checks.commands import main as briefing
from checks.publish.editions import history, load_changelog, load_editions
from tests.helpers import EVENT_TEXT, MiniBook, shoigu_contested


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = briefing(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_export_writes_every_published_file(book: MiniBook, capsys: Any) -> None:
    code, _out, err = run(capsys, "export", "facts", "--out", "site")
    assert code == 0, err
    site = Path("site")
    names = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    assert names == [
        "exports/agreements.csv", "exports/facts.csv",
        "exports/sources/iqbal-2021-future-prospects.bib",
        "exports/sources/iqbal-2021-future-prospects.json",
        "exports/sources/mahajan-2021-russia-pakistan-lap.bib",
        "exports/sources/mahajan-2021-russia-pakistan-lap.json",
        "exports/visits.csv", "facts.json", "facts.schema.json"]
    assert json.loads((site / "facts.json").read_text())["summary"]["facts"] == 2
    assert book.hashes() == book.hashes()  # nothing written inside facts/
    assert not any(p.name.startswith(".tmp-") for p in site.rglob("*"))


def test_export_refuses_to_write_inside_facts(book: MiniBook, capsys: Any) -> None:
    before = book.hashes()
    code, _out, err = run(capsys, "export", "facts", "--out", "facts/out")
    assert code == 2 and "inside" in err
    assert book.hashes() == before


def test_export_of_a_broken_book_says_so(book: MiniBook, capsys: Any) -> None:
    book.write("events/shoigu-visit.yaml", EVENT_TEXT.replace("21 November", "22 November"))
    code, _out, err = run(capsys, "export", "facts", "--out", "site")
    assert code == 1 and "1 errors" in err
    assert Path("site/facts.json").exists()


def test_diff_of_two_folders(book: MiniBook, tmp_path: Path, capsys: Any) -> None:
    import shutil

    shutil.copytree("facts", "old/facts")
    book.write("events/shoigu-visit.yaml", EVENT_TEXT + shoigu_contested())
    code, out, _err = run(capsys, "diff", "old", "facts")
    assert code == 1
    assert "changed  shoigu-visit: Defence cooperation deal\n" in out
    assert "    status: verified -> contested\n" in out
    assert '    contested "When?": added\n' in out
    assert out.endswith("0 added, 0 removed, 1 changed; sources: 0 added, 0 removed, "
                        "0 re-sealed\n")
    assert run(capsys, "diff", "facts", "facts")[0] == 0


def test_diff_escapes_control_characters(book: MiniBook, capsys: Any) -> None:
    import shutil

    shutil.copytree("facts", "old/facts")
    book.write("events/shoigu-visit.yaml", EVENT_TEXT.replace(
        "title: Defence cooperation deal", 'title: "Deal \\e[31mred\\u202e"'))
    code, out, _err = run(capsys, "diff", "old", "facts", "--format", "text")
    assert code == 1
    assert "\x1b" not in out and "\u202e" not in out
    # the checks refuse such a title (#9: escaped controls and bidi), so it leaves the book
    assert "removed  shoigu-visit" in out


def test_diff_of_git_revisions_and_resealed_sources(
    book: MiniBook, capsys: Any
) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], check=True, capture_output=True,
                       env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})

    git("init", "-q", ".")
    git("add", "facts")
    git("commit", "-q", "-m", "first")
    book.path("events/shoigu-visit.yaml").unlink()
    meta = book.path("sources/iqbal-2021-future-prospects.yaml")
    meta.write_text(meta.read_text().replace('title: "', 'title: "Re-titled '))
    git("add", "-A", "facts")
    git("commit", "-q", "-m", "second")
    code, out, err = run(capsys, "diff", "HEAD~1", "HEAD", "--format", "json")
    assert code == 1, err
    data = json.loads(out)
    assert (data["old"], data["new"]) == ("git:HEAD~1", "git:HEAD")
    assert [f["id"] for f in data["facts"]["removed"]] == ["shoigu-visit"]
    assert data["sources"]["changed"] == [
        {"id": "iqbal-2021-future-prospects", "fields": ["title"]}]
    code, _out, err = run(capsys, "diff", "no-such-rev", "HEAD")
    assert code == 2 and "neither a file nor a git revision" in err


def test_edition_save_never_overwrites(book: MiniBook, capsys: Any) -> None:
    code, _out, err = run(capsys, "edition", "save", "facts", "--date", "2026-01-02")
    assert code == 0, err
    path = Path("editions/2026-01-02.json")
    first = path.read_bytes()
    data = json.loads(first)
    assert data["edition"] == {"date": "2026-01-02", "from": "facts"}
    assert "problems" not in data
    assert {f["file"] for f in data["facts"]} == {"facts/eras/reset.yaml",
                                                  "facts/events/shoigu-visit.yaml"}
    book.write("events/shoigu-visit.yaml", EVENT_TEXT.replace("title: Defence", "title: Defense"))
    code, _out, err = run(capsys, "edition", "save", "facts", "--date", "2026-01-02")
    assert code == 0, err  # a second edition on the same day gets the next name
    assert path.read_bytes() == first
    assert sorted(os.listdir("editions")) == ["2026-01-02-2.json", "2026-01-02.json"]
    editions = load_editions("editions")
    assert [(e.label, Path(e.path).name) for e in editions] == [
        ("edition 1 (2026-01-02)", "2026-01-02.json"),
        ("edition 2 (2026-01-02)", "2026-01-02-2.json")]
    assert editions[1].data["facts"][1]["title"] == "Defense cooperation deal"
    for n in range(3, 100):
        Path(f"editions/2026-01-02-{n}.json").write_text("{}")
    code, _out, err = run(capsys, "edition", "save", "facts", "--date", "2026-01-02")
    assert code == 1 and "never overwritten" in err
    assert Path("editions/2026-01-02-99.json").read_text() == "{}"
    assert not [n for n in os.listdir("editions") if n.startswith(".tmp")]


def test_edition_save_refuses_a_broken_book_and_bad_dates(
    book: MiniBook, capsys: Any
) -> None:
    assert run(capsys, "edition", "save", "facts", "--date", "2026-02-30")[0] == 2
    book.write("events/shoigu-visit.yaml", EVENT_TEXT.replace("21 November", "22 November"))
    code, _out, err = run(capsys, "edition", "save", "facts", "--date", "2026-01-02")
    assert code == 1 and "errors" in err
    assert not Path("editions").exists()


def test_history_follows_the_editions(tmp_path: Path) -> None:
    def book(*facts: tuple[str, str]) -> dict[str, Any]:
        return {"facts": [{"id": i, "title": t, "kind": "event", "quotes": [],
                           "contested": [], "file": f"x/{i}", "line": 1} for i, t in facts],
                "sources": []}

    folder = tmp_path / "editions"
    folder.mkdir()
    for date, data in (("2020-01-01", book(("a", "A"), ("b", "B"))),
                       ("2021-01-01", book(("a", "A2"), ("b", "B"), ("c", "C")))):
        (folder / f"{date}.json").write_text(json.dumps(data))
    (folder / "notes.json").write_text("{}")  # not an edition's name: ignored
    editions = load_editions(str(folder))
    assert [e.label for e in editions] == ["edition 1 (2020-01-01)", "edition 2 (2021-01-01)"]
    got = history(editions, book(("a", "A2"), ("c", "C3"), ("d", "D")))
    assert got == {"a": ("edition 1 (2020-01-01)", "edition 2 (2021-01-01)"),
                   "c": ("edition 2 (2021-01-01)", "this edition"),
                   "d": ("this edition", "this edition")}


@pytest.mark.parametrize(("text", "where"), [
    ("- fact: a\n  change: ok\n- fact: b\n", (3, 3)),
    ("- fact: a\n  change: [1]\n", (1, 3)),
    ("fact: a\n", (1, 1)),
    ("- fact: a\n  change: 'x\n", (3, 1)),  # where PyYAML finds the string unclosed
])
def test_changelog_problems_are_located(tmp_path: Path, text: str,
                                        where: tuple[int, int]) -> None:
    path = tmp_path / "changelog.yaml"
    path.write_text(text)
    _entries, problems = load_changelog(str(path))
    assert [(line, col) for line, col, _m in problems] == [where]


def test_diff_reports_resealed_sources_and_moved_quotes_are_not_changes() -> None:
    from checks.publish.diff import diff_books, is_empty

    quote = {"source": "s", "quote": "five words of the source", "verified": True,
             "source_line": 3, "source_start": 10, "source_end": 34}
    fact = {"id": "f", "title": "F", "kind": "event", "status": "verified",
            "quotes": [quote], "contested": [], "file": "facts/events/f.yaml", "line": 1}
    src = {"id": "s", "title": "S", "author": "A", "sha256": "a" * 64}
    old = {"facts": [fact], "sources": [src]}
    moved = {**fact, "line": 7, "quotes": [{**quote, "source_line": 9, "source_start": 99,
                                            "source_end": 123}]}
    assert is_empty(diff_books(old, {"facts": [moved], "sources": [src]}))
    resealed = diff_books(old, {"facts": [moved], "sources": [{**src, "sha256": "b" * 64}]})
    assert resealed["sources"]["resealed"] == [{"id": "s", "old": "a" * 64, "new": "b" * 64}]
    assert resealed["facts"]["changed"] == []


def test_diff_shows_a_change_of_attribution_and_concerns() -> None:
    from checks.publish.diff import diff_books

    claim = {"value": "v", "source": "s", "quote": "five words of the source",
             "verified": True}
    point = {"question": "Q?", "field": None, "concerns": [], "claims": [claim, claim],
             "assessment": None}
    quote = {"source": "s", "quote": "other five words of it", "verified": True}
    fact = {"id": "f", "title": "F", "kind": "event", "status": "contested",
            "quotes": [quote], "contested": [point]}
    new = {**fact, "quotes": [{**quote, "speaker": "A general"}],
           "contested": [{**point, "concerns": ["g"],
                          "claims": [{**claim, "speaker": "A minister"}, claim]}]}
    (changed,) = diff_books({"facts": [fact]}, {"facts": [new]})["facts"]["changed"]
    assert changed["fields"] == ["sources"]
    (p,) = changed["contested"]
    assert p["concerns"] == {"old": [], "new": ["g"]}
    only_speaker = {**fact, "contested": [{**point, "claims": [
        {**claim, "speaker": "A minister"}, claim]}]}
    (changed,) = diff_books({"facts": [fact]}, {"facts": [only_speaker]})["facts"]["changed"]
    assert changed["fields"] == [] and changed["contested"][0]["other"] is True
