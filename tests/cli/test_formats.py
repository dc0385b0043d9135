"""Output formats: text, JSON and GitHub annotations; and the real book as JSON."""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers import (
    EVENT_TEXT,
    IQBAL,
    MAHAJAN,
    REAL_FACTS,
    SHOIGU_IQBAL,
    SHOIGU_MAHAJAN,
    MiniBook,
    parse_problems,
    run_main,
    shoigu_contested,
)

EV = "events/shoigu-visit.yaml"
FACT_KEYS = {"id", "kind", "title", "status", "quotes", "contested"}
PROBLEM_KEYS = {"file", "line", "column", "code", "severity", "message", "fact"}
STATUSES = {"verified", "contested", "unverified"}


def _broken(book: MiniBook) -> None:
    """One error (unknown era, 7:6), one warning-free fact, one contested fact."""
    book.write(EV, EVENT_TEXT.replace("era: reset", "era: rest"))
    book.write("events/contested-deal.yaml", EVENT_TEXT.replace("shoigu-visit", "contested-deal")
               + shoigu_contested(assessment="    assessment:\n      text: Both say 2014.\n"
                                  "      confidence: high\n      favours: both\n"))


def test_json_shape(book: MiniBook, capsys) -> None:
    _broken(book)
    code, out, _ = run_main(capsys, ["facts", "--format", "json"])
    assert code == 1
    data = json.loads(out)
    by_id = {f["id"]: f for f in data["facts"]}
    assert set(by_id) == {"reset", "shoigu-visit", "contested-deal"}
    for fact in data["facts"]:
        assert FACT_KEYS <= set(fact)
        assert fact["status"] in STATUSES
        assert all(isinstance(q["verified"], bool) for q in fact["quotes"])
    assert by_id["shoigu-visit"]["status"] == "unverified"
    assert by_id["reset"]["status"] == "verified"
    assert by_id["contested-deal"]["status"] == "contested"
    assert by_id["reset"]["kind"] == "era" and by_id["shoigu-visit"]["kind"] == "event"
    claims = by_id["contested-deal"]["contested"][0]["claims"]
    assert [(c["value"], c["source"], c["verified"]) for c in claims] == [
        ("2014", IQBAL, True), ("2014-11", MAHAJAN, True)]
    assert by_id["contested-deal"]["contested"][0]["assessment"]["favours"] == "both"
    assert len(data["problems"]) == 1
    problem = data["problems"][0]
    assert PROBLEM_KEYS <= set(problem)
    assert (problem["file"], problem["line"], problem["column"], problem["code"],
            problem["severity"], problem["fact"]) == (
        "facts/" + EV, 7, 6, "BB401", "error", "shoigu-visit")
    assert "era 'rest' does not exist" in problem["message"]
    assert data["summary"]["errors"] == 1 and data["summary"]["contested"] == 1


def test_json_and_text_report_the_same_problems(book: MiniBook, capsys) -> None:
    _broken(book)
    book.write("events/extra.yaml", "id: extra\nkind: event\ntitle: [x]\n")
    _, text_out, _ = run_main(capsys, ["facts"])
    _, json_out, _ = run_main(capsys, ["facts", "--format", "json"])
    from_text = [(p.file, p.line, p.col, p.code, p.message) for p in parse_problems(text_out)]
    from_json = [(p["file"], p["line"], p["column"], p["code"], p["message"])
                 for p in json.loads(json_out)["problems"]]
    assert from_text == from_json and len(from_text) > 3


def test_json_quote_positions_point_into_the_source(book: MiniBook, capsys) -> None:
    _, out, _ = run_main(capsys, ["facts", "--format", "json"])
    fact = next(f for f in json.loads(out)["facts"] if f["id"] == "shoigu-visit")
    q = fact["quotes"][0]
    raw = book.path(f"sources/{IQBAL}.txt").read_text(encoding="utf-8")
    assert raw[q["source_start"]:q["source_end"]] == SHOIGU_IQBAL
    assert q["source_line"] == 33


GH_RE = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=(BB\d{3})::(.*)$")


def test_github_annotations(book: MiniBook, capsys) -> None:
    _broken(book)
    book.write("events/lonely.yaml", EVENT_TEXT.replace("shoigu-visit", "lonely")
               .replace(f"  - source: {MAHAJAN}\n    quote: \"{SHOIGU_MAHAJAN}\"\n", ""))
    code, out, _ = run_main(capsys, ["facts", "--format", "github"])
    assert code == 1
    lines = out.splitlines()
    matches = [GH_RE.match(line) for line in lines]
    assert all(matches), lines
    got = {(m[1], m[2], m[3], m[4], m[5]) for m in matches}  # type: ignore[index]
    assert ("error", "facts/" + EV, "7", "6", "BB401") in got
    assert ("warning", "facts/events/lonely.yaml", "9", "3", "BB800") in got


def test_github_escapes_line_breaks(book: MiniBook, capsys) -> None:
    book.write(EV, "id: shoigu-visit\nkind: event\ntitle: a\x07b\n")
    _, out, _ = run_main(capsys, ["facts", "--format", "github"])
    lines = out.splitlines()
    assert lines and all(GH_RE.match(line) for line in lines), lines


def test_github_is_the_default_under_actions(book: MiniBook, capsys, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    book.write(EV, EVENT_TEXT.replace("era: reset", "era: rest"))
    _, out, _ = run_main(capsys, ["facts"])
    assert out.startswith("::error file=facts/events/shoigu-visit.yaml,line=7,col=6,title=BB401::")
    _, out, _ = run_main(capsys, ["facts", "--format", "text"])
    assert out.startswith("facts/events/shoigu-visit.yaml:7:6: BB401 ")


def test_verbose_explains_each_problem(book: MiniBook, capsys) -> None:
    book.write(EV, EVENT_TEXT.replace("era: reset", "era: rest"))
    _, out, _ = run_main(capsys, ["facts", "-v"])
    lines = out.splitlines()
    assert lines[0].startswith("facts/events/shoigu-visit.yaml:7:6: BB401")
    detail = lines[1]
    assert detail.startswith("    ") and not detail.startswith("facts/")
    for part in ("field: era", "severity: error", "era id does not exist"):
        assert part in detail


def test_list_codes(capsys) -> None:
    code, out, _ = run_main(capsys, ["--list-codes"])
    assert code == 0
    rows = [line.split(None, 2) for line in out.splitlines()]
    codes = [r[0] for r in rows]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    assert {"BB100", "BB501", "BB601", "BB700", "BB800"} <= set(codes)
    assert {r[1] for r in rows} == {"error", "warning"}
    assert dict((r[0], r[1]) for r in rows)["BB800"] == "warning"


@pytest.mark.skipif(not REAL_FACTS.is_dir(), reason="the real book is missing")
def test_real_book_as_json(capsys) -> None:
    code, out, err = run_main(capsys, [str(REAL_FACTS), "--format", "json", "--no-cache"])
    assert code in (0, 1)
    assert "Traceback" not in err
    data = json.loads(out)
    assert data["format_version"] == 1
    assert data["facts"], "the real book has facts"
    assert {s["id"] for s in data["sources"]} == {
        p.stem for p in (REAL_FACTS / "sources").glob("*.yaml")}  # whatever it holds
    for fact in data["facts"]:
        assert FACT_KEYS <= set(fact)
        assert fact["status"] in STATUSES, fact["id"]
        assert fact["quotes"] or fact["contested"], fact["id"]
        if fact["status"] == "contested":
            assert fact["contested"]
    errors = [p for p in data["problems"] if p["severity"] == "error"]
    assert data["summary"]["errors"] == len(errors)
    assert (code == 1) == bool(errors)
    for p in data["problems"]:
        assert PROBLEM_KEYS <= set(p) and p["line"] >= 1 and p["column"] >= 1


@pytest.mark.parametrize("where", ["facts", "facts/events", "docs", "elsewhere", "base"])
def test_paths_are_relative_to_the_book_whatever_the_working_directory(
        book: MiniBook, capsys, monkeypatch, where: str) -> None:
    _broken(book)
    cwd = book.base / where if where != "elsewhere" else book.base.parent
    cwd.mkdir(exist_ok=True)
    monkeypatch.chdir(cwd)
    code, out, _ = run_main(capsys, [str(book.root), "--format", "json"])
    data = json.loads(out)
    files = [f["file"] for f in data["facts"]] + [s["file"] for s in data["sources"]]
    files += [p["file"] for p in data["problems"]]
    assert all(f.startswith("facts/") for f in files) and data["problems"], files
    code, out, _ = run_main(capsys, [str(book.root)])
    assert [p.file for p in parse_problems(out)] == ["facts/" + EV]
