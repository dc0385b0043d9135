"""The JSON view of a checked book (checks.export), built without the CLI."""

from __future__ import annotations

import json

from checks.api import check_path
from checks.export import FORMAT_VERSION, book_json
from checks.normalize import normalize
from tests.helpers import (
    EVENT_TEXT,
    IQBAL,
    MAHAJAN,
    SHOIGU_IQBAL,
    SHOIGU_MAHAJAN,
    minimal_book,
    shoigu_contested,
)


def _json(tmp_path, extra: dict[str, str] | None = None) -> dict:
    book = minimal_book(tmp_path)
    for rel, text in (extra or {}).items():
        book.write(rel, text)
    data = book_json(check_path(str(book.root), use_cache=False))
    return json.loads(json.dumps(data))  # JSON-ready: survives a round trip


def test_clean_book(tmp_path) -> None:
    data = _json(tmp_path)
    assert data["format_version"] == FORMAT_VERSION == 1
    assert data["summary"] == {"facts": 2, "sources": 2, "contested": 0, "errors": 0,
                               "warnings": 0}
    assert data["problems"] == []
    assert [f["id"] for f in data["facts"]] == ["reset", "shoigu-visit"]  # by date
    ev = data["facts"][1]
    assert (ev["date"], ev["start"], ev["end"], ev["circa"]) == ("2014-11-21", None, None, False)
    assert (ev["era"], ev["status"], ev["single_source"]) == ("reset", "verified", False)
    assert ev["details"] == {"event_type": "meeting"}
    era = data["facts"][0]
    assert (era["start"], era["end"], era["era"]) == ("2010", "2021", "reset")
    assert {s["id"] for s in data["sources"]} == {IQBAL, MAHAJAN}


def test_quote_locations(tmp_path) -> None:
    data = _json(tmp_path)
    ev = data["facts"][1]
    for q, text in zip(ev["quotes"], (SHOIGU_IQBAL, SHOIGU_MAHAJAN)):
        assert q["verified"] is True and q["quote"] == text
        raw = (tmp_path / "facts" / "sources" / f"{q['source']}.txt").read_text("utf-8")
        assert normalize(raw[q["source_start"]:q["source_end"]]) == normalize(text)
        assert raw.count("\n", 0, q["source_start"]) + 1 == q["source_line"]


def test_unverified_quote_has_no_location(tmp_path) -> None:
    data = _json(tmp_path, {"events/shoigu-visit.yaml":
                            EVENT_TEXT.replace("21 November", "22 November")})
    ev = next(f for f in data["facts"] if f["id"] == "shoigu-visit")
    assert ev["status"] == "unverified"
    bad, good = ev["quotes"]
    assert bad["verified"] is False and "source_line" not in bad
    assert good["verified"] is True and good["source_line"] == 32
    (problem,) = data["problems"]
    assert (problem["code"], problem["fact"], problem["field"], problem["line"]) == (
        "BB501", "shoigu-visit", "sources[0].quote", 10)


def test_contested_fact(tmp_path) -> None:
    text = EVENT_TEXT + shoigu_contested(
        field="date",
        assessment="    assessment:\n      text: Both say 2014.\n      confidence: medium\n")
    data = _json(tmp_path, {"events/shoigu-visit.yaml": text})
    ev = next(f for f in data["facts"] if f["id"] == "shoigu-visit")
    assert ev["status"] == "contested" and data["summary"]["contested"] == 1
    (point,) = ev["contested"]
    assert (point["question"], point["field"]) == ("When?", "date")
    assert [c["value"] for c in point["claims"]] == ["2014", "2014-11"]
    assert all(c["verified"] and c["source_line"] for c in point["claims"])
    assert point["assessment"] == {"text": "Both say 2014.", "confidence": "medium",
                                   "favours": None, "editors_note": True}
