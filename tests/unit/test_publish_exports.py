"""The published exports: facts.json against its schema, the CSV registers, CSL-JSON and
BibTeX per source (checks.publish), each built without Sphinx."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pybtex.database import parse_string

from checks import __version__
from checks.api import check_path
from checks.export import book_json
from checks.publish import cite, tables
from checks.publish.writer import facts_schema, published_files
from tests.helpers import IQBAL, REAL_FACTS, REPO, minimal_book

# -- facts.json and its schema --------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> dict[str, Any]:
    """facts.json of the real book, as a JSON round trip."""
    return json.loads(json.dumps(book_json(check_path(str(REAL_FACTS), use_cache=False))))


def test_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(facts_schema())


def test_real_export_validates_against_the_published_schema(real: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(facts_schema()).validate(real)
    assert real["format_version"] == 1
    assert real["generator"] == {"name": "briefing-book", "version": __version__}


def test_schema_rejects_what_it_promises_to_reject(real: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(facts_schema())
    bad_status = json.loads(json.dumps(real))
    bad_status["facts"][0]["status"] = "probably"
    no_generator = {k: v for k, v in real.items() if k != "generator"}
    bad_date = json.loads(json.dumps(real))
    bad_date["facts"][0]["date"] = "1 May 1948"
    for doc in (bad_status, no_generator, bad_date):
        assert not validator.is_valid(doc)


def test_committed_editions_validate_against_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(facts_schema())
    editions = sorted((REPO / "editions").glob("????-??-??.json"))
    assert editions, "the book ships at least its first saved edition"
    for path in editions:
        data = json.loads(path.read_text(encoding="utf-8"))
        validator.validate(data)
        assert data["edition"]["date"] == path.stem
        assert all(not f["file"].startswith("/") for f in data["facts"])


# -- CSV ------------------------------------------------------------------------------


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_headers_are_the_documented_columns(real: dict[str, Any]) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, (kind, columns) in tables.TABLES.items():
        rows = _rows(tables.all_tables(real)[name])
        assert tuple(rows[0]) == columns
        assert all(len(r) == len(columns) for r in rows)
        want = [f for f in real["facts"] if kind is None or f["kind"] == kind]
        assert [r[0] for r in rows[1:]] == [f["id"] for f in want]
        documented = re.search(rf"^\| `exports/{name}` \| (.+) \|$", readme, re.M)
        assert documented, f"README documents exports/{name}"
        assert re.findall(r"`([a-z_]+)`", documented.group(1)) == list(columns)


def test_csv_cells_carry_lists_and_details(real: dict[str, Any]) -> None:
    rows = _rows(tables.all_tables(real)["agreements.csv"])
    head = rows[0]
    row = dict(zip(head, next(r for r in rows if r[0] == "2014-11-defence-cooperation-agreement")))
    assert row["parties"] == "Pakistan; Russia"
    assert row["signatories"] == "Sergey Shoigu"
    assert row["agreement_status"] == "signed" and row["status"] in ("verified", "contested")
    visits = _rows(tables.all_tables(real)["visits.csv"])
    row = dict(zip(visits[0], next(r for r in visits if r[0] == "2014-11-shoigu-islamabad-visit")))
    assert row["from_country"] and row["to_country"] and row["visit_status"] == "held"
    assert "Sergey Shoigu" in row["visitor"]


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3",
                                   "@SUM(A1)", "\t=1", "\r=1", "\uff1d1+1"])
def test_a_formula_never_reaches_a_spreadsheet(value: str) -> None:
    assert tables.safe_cell(value) == "'" + value
    assert tables.safe_cell([value, "x"]) == "'" + value + "; x"


def test_plain_values_are_unchanged() -> None:
    assert tables.safe_cell("Pakistan") == "Pakistan"
    assert tables.safe_cell("a=b") == "a=b"
    assert tables.safe_cell(None) == "" and tables.safe_cell(True) == "true"
    assert tables.safe_cell(["a", "b"]) == "a; b"


def test_csv_of_a_book_with_formula_text_is_inert(tmp_path: Path) -> None:
    book = minimal_book(tmp_path)
    event = (book.path("events/shoigu-visit.yaml").read_text()
             .replace("title: Defence cooperation deal", "title: '=cmd|'' /C calc''!A0'")
             .replace("summary: Shoigu", "summary: +Shoigu")
             .replace("event_type: meeting", "event_type: meeting\nplace: '@Islamabad'"))
    book.write("events/shoigu-visit.yaml", event)
    data = book_json(check_path(str(book.root), use_cache=False))
    assert data["summary"]["errors"] == 0
    rows = _rows(tables.all_tables(data)["facts.csv"])
    row = dict(zip(rows[0], rows[2]))
    assert row["title"] == "'=cmd|' /C calc'!A0"
    assert row["summary"].startswith("'+Shoigu")
    for r in rows[1:]:
        assert not any(cell.startswith(tables.FORMULA_STARTS) for cell in r)


# -- CSL-JSON -------------------------------------------------------------------------

#: CSL 1.0.2 item types and the variables used here (citation-style-language/schema)
CSL_TYPES = {"article", "article-journal", "article-magazine", "article-newspaper",
             "book", "chapter", "document", "report", "webpage", "post", "post-weblog"}
CSL_VARIABLES = {"id", "type", "title", "author", "container-title", "issued", "accessed",
                 "archive", "archive_location", "note", "URL", "publisher"}


def _check_csl(item: dict[str, Any]) -> None:
    assert isinstance(item["id"], str) and item["type"] in CSL_TYPES
    assert set(item) <= CSL_VARIABLES
    for name in item["author"]:
        assert set(name) <= {"family", "given", "literal"} and name
    for key in ("issued", "accessed"):
        if key in item:
            parts = item[key]["date-parts"]
            assert len(parts) == 1 and 1 <= len(parts[0]) <= 3
            assert all(isinstance(p, int) for p in parts[0])


def test_every_real_source_is_a_csl_item_with_its_seal(real: dict[str, Any]) -> None:
    files = published_files(real)
    for src in real["sources"]:
        items = json.loads(files[f"exports/sources/{src['id']}.json"])
        assert isinstance(items, list) and len(items) == 1
        item = items[0]
        _check_csl(item)
        assert item["id"] == src["id"] and item["title"] == src["title"]
        assert item["author"] == [{"literal": src["author"]}]
        assert src["sha256"] in item["note"]
        assert item["archive_location"] == f"facts/sources/{src['id']}.txt"
        # the seal in the citation is the archived text's real SHA-256
        text = (REAL_FACTS / "sources" / f"{src['id']}.txt").read_bytes()
        assert hashlib.sha256(text).hexdigest() == src["sha256"]


def test_known_dates_fill_the_date_fields() -> None:
    src = {"id": "x", "title": "T", "author": "A", "publication": "Dawn",
           "published": "2014-11-21", "published_note": None, "sha256": "0" * 64,
           "captured": "2026-11-02"}
    item = cite.csl_item(src)
    _check_csl(item)
    assert item["issued"] == {"date-parts": [[2014, 11, 21]]}
    assert item["accessed"] == {"date-parts": [[2026, 11, 2]]}
    assert item["container-title"] == "Dawn"
    entry = parse_string(cite.bibtex_entry(src), "bibtex").entries["x"]
    assert entry.fields["year"] == "2014" and entry.fields["date"] == "2014-11-21"
    assert entry.fields["urldate"] == "2026-11-02"
    assert cite.csl_item({**src, "published": "unknown"}).get("issued") is None
    hostile = {**src, "url": "https://example.org/a b/{x}\\y?q=1%20#frag"}
    assert cite.csl_item(hostile)["URL"] == hostile["url"]
    url = parse_string(cite.bibtex_entry(hostile), "bibtex").entries["x"].fields["url"]
    assert url == "https://example.org/ab/%7Bx%7D%5Cy?q=1%20#frag"


# -- BibTeX ---------------------------------------------------------------------------

HOSTILE = r"A {broken} title}, note = {pwned} % comment \input{/etc/passwd} {{ & $x_1$ # ~^"


def _unescape(value: str) -> str:
    inverse = {v: k for k, v in cite._BIB_ESCAPES.items()}
    pattern = re.compile("|".join(re.escape(v) for v in sorted(inverse, key=len, reverse=True)))
    return pattern.sub(lambda m: inverse[m.group(0)], value)


def test_every_real_source_parses_back_as_bibtex(real: dict[str, Any]) -> None:
    files = published_files(real)
    for src in real["sources"]:
        db = parse_string(files[f"exports/sources/{src['id']}.bib"].decode(), "bibtex")
        assert list(db.entries) == [src["id"]]
        entry = db.entries[src["id"]]
        assert entry.type == "misc"
        assert src["sha256"] in entry.fields["note"]
        assert _unescape(entry.fields["title"]) == src["title"]
        assert [str(p) for p in entry.persons["author"]] == ["{" + src["author"] + "}"]


def test_hostile_characters_are_escaped_and_parse_back() -> None:
    src = {"id": IQBAL, "title": HOSTILE, "author": "Dr {A} O'Brien %",
           "publication": "Journal of \\ backslashes }", "published": "unknown",
           "published_note": "written {late} 100% \\ sure", "sha256": "a" * 64}
    text = cite.bibtex_entry(src)
    db = parse_string(text, "bibtex")
    assert list(db.entries) == [IQBAL]
    entry = db.entries[IQBAL]
    assert set(entry.fields) == {"title", "howpublished", "organization", "note"}
    assert _unescape(entry.fields["title"]) == HOSTILE
    assert _unescape(entry.fields["howpublished"]) == src["publication"]
    assert "written {late} 100% \\ sure" in _unescape(entry.fields["note"])
    for value in entry.fields.values():  # nothing LaTeX would run or comment out
        assert not re.search(r"(?<!\\)%", value)
        assert "\\input" not in value
        assert value.count("{") == value.count("}")
