"""``briefing source add`` and ``briefing source verify`` on real files: a plain-text
article, an HTML page with comments, advertisements and navigation, and a small PDF."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from checks.archive import load_source, load_text
from checks.commands import main
from tests.helpers import IQBAL, MAHAJAN, MiniBook, parse_problems
from tests.pdf import make_pdf

DATA = Path(__file__).resolve().parents[1] / "data"
ARTICLE = DATA / "steel-article.txt"
PAGE = DATA / "pipeline-page.html"

BODY_TXT = ("Engineers from the Soviet Union supervised the construction of the blast "
            "furnaces")
COMMENT_TXT = "The mill was the largest industrial project in the history of the country."
BODY_HTML = ("Analysts said the deal marked the closest economic cooperation between the two "
             "countries since the end of the Cold War.")
COMMENT_HTML = "The largest deal in the history of the two countries, without a doubt."
BODY_PDF = "Pakistan and Russia agreed to expand trade in wheat and cotton during the talks."



def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def add(capsys: Any, path: Path | str, sid: str, *extra: str) -> tuple[int, str, str]:
    return run(capsys, "source", "add", str(path), "--id", sid, *extra)


def meta(book: MiniBook, sid: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(book.path(f"sources/{sid}.yaml").read_text("utf-8"))
    return data


def excluded_lines(data: dict[str, Any]) -> dict[int, str]:
    out = {}
    for ex in data.get("excluded", []):
        first, _, last = ex["lines"].partition("-")
        for n in range(int(first), int(last or first) + 1):
            out[n] = ex["reason"]
    return out


def line_of(book: MiniBook, sid: str, words: str) -> int:
    lines = book.path(f"sources/{sid}.txt").read_text("utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if words in line)


def cite(book: MiniBook, sid: str, quote: str, stem: str = "new-source-fact") -> None:
    """An event citing the new source and a real one (so it is not single-source)."""
    book.fact("event", stem, {
        "id": stem, "kind": "event", "title": "A fact from the new source",
        "summary": "The new source says so.", "event_type": "other", "date": "2014-11-21",
        "era": "reset",
        "sources": [{"source": sid, "quote": quote},
                    {"source": MAHAJAN, "quote": "In 2014, Russian Defence Minister Sergey "
                     "Shoigu became the first Soviet/Russian Defence Minister to visit "
                     "Pakistan in 45 years"}]})


def check(capsys: Any) -> tuple[int, list[Any]]:
    code, out, _ = run(capsys, "check", "facts", "--no-cache")
    return code, parse_problems(out)


def assert_sealed(book: MiniBook, sid: str) -> None:
    problems: list[Any] = []
    source = load_source(str(book.path(f"sources/{sid}.yaml")),
                         str(book.path(f"sources/{sid}.txt")), problems)
    assert source is not None and not problems, problems
    assert load_text(source, problems) is not None and not problems, problems


# -- plain text ------------------------------------------------------------------------
def test_plain_text_article(book: MiniBook, capsys) -> None:
    code, out, err = add(capsys, ARTICLE, "farooq-2021-steel-mill")
    assert code == 0, err
    sid = "farooq-2021-steel-mill"
    archived = book.path(f"sources/{sid}.txt").read_bytes()
    assert archived == ARTICLE.read_bytes()  # byte for byte
    data = meta(book, sid)
    assert data["sha256"] == hashlib.sha256(archived).hexdigest()
    assert "original" not in data and "extractor" not in data
    assert data["author"] == "Omar Farooq"  # from the byline
    assert data["title"] == "Karachi's steel mill at fifty"  # not the breadcrumb
    assert data["published"] == "unknown"
    assert_sealed(book, sid)
    ex = excluded_lines(data)
    assert ex[line_of(book, sid, "Home > Business")] == "navigation"
    assert ex[line_of(book, sid, "By Omar Farooq")] == "byline"
    assert ex[line_of(book, sid, "- Advertisement -")] == "advertisement"
    assert ex[line_of(book, sid, "Read more:")] == "boilerplate"
    for words in ("2 Comments", "Bilal:", "Sara:"):
        assert ex[line_of(book, sid, words)] == "comments"
    assert ex[line_of(book, sid, "Cricket:")] == "boilerplate"
    assert line_of(book, sid, BODY_TXT) not in ex
    # the listing: every line numbered, the proposed exclusions marked
    listing = out.splitlines()
    assert listing[0].split()[:3] == ["1", "x", "navigation"]
    body = line_of(book, sid, BODY_TXT)
    assert f"{body:>5} " in out and f"| {BODY_TXT}" in out
    assert f"{line_of(book, sid, 'Bilal:'):>5} x comments" in out
    # a quote from the body verifies; one from the comments is not the author's text
    cite(book, sid, BODY_TXT)
    code, problems = check(capsys)
    assert code == 0, problems
    cite(book, sid, COMMENT_TXT)
    code, problems = check(capsys)
    assert code == 1 and [p.code for p in problems] == ["BB502"], problems
    # and quote find finds a body sentence, with a pasteable entry
    code, out, _ = run(capsys, "quote", "find", "supervised the construction of the blast "
                       "furnaces", "--source", sid)
    assert code == 0
    assert f"facts/sources/{sid}.txt:{body}: {sid} line {body}: exact match" in out


# -- HTML -----------------------------------------------------------------------------
def test_html_page_with_comments_ads_and_navigation(book: MiniBook, capsys) -> None:
    pytest.importorskip("trafilatura")
    sid = "roe-2021-pipeline-deal"
    code, out, err = add(capsys, PAGE, sid, "--url", "https://example.org/pipeline")
    assert code == 0, err
    assert book.path(f"sources/{sid}.html").read_bytes() == PAGE.read_bytes()
    text = book.path(f"sources/{sid}.txt").read_text("utf-8")
    data = meta(book, sid)
    assert data["original"] == f"{sid}.html"
    assert data["original_sha256"] == hashlib.sha256(PAGE.read_bytes()).hexdigest()
    assert data["extractor"] == "trafilatura" and data["extractor_version"] == "2.3.1"
    assert data["sha256"] == hashlib.sha256(text.encode()).hexdigest()
    # title, author, date and site from the page's metadata
    assert (data["title"], data["author"], data["published"], data["publication"]) == (
        "Moscow and Islamabad sign a pipeline deal", "Jane Roe", "2021-04-08",
        "The Daily Example")
    assert data["url"] == "https://example.org/pipeline"
    assert_sealed(book, sid)
    # navigation, the banner ad, the byline and the footer are left out by trafilatura
    for furniture in ("World", "Buy the best shoes", "By Jane Roe", "Copyright", "Privacy"):
        assert furniture not in text
    ex = excluded_lines(data)
    assert ex[line_of(book, sid, "Sponsored:")] == "advertisement"
    assert ex[line_of(book, sid, "Read more:")] == "boilerplate"
    for words in ("3 Comments", "Ali K.", "ten billion dollars", COMMENT_HTML):
        assert ex[line_of(book, sid, words)] == "comments"
    assert line_of(book, sid, BODY_HTML) not in ex
    cite(book, sid, BODY_HTML)
    code, problems = check(capsys)
    assert code == 0, problems
    cite(book, sid, COMMENT_HTML)
    code, problems = check(capsys)
    assert code == 1 and [p.code for p in problems] == ["BB502"], problems
    code, out, _ = run(capsys, "quote", "find", "the deal marked the closest economic "
                       "cooperation")
    assert code == 0 and f"{sid} line {line_of(book, sid, BODY_HTML)}: exact match" in out
    code, out, _ = run(capsys, "quote", "find", COMMENT_HTML)
    assert code == 1 and "found only in an excluded region (comments)" in out
    assert "quote:" not in out  # no entry offered for what a fact cannot cite
    # the extracted text still holds
    assert run(capsys, "source", "verify")[0] == 0


# -- PDF ------------------------------------------------------------------------------
def test_small_pdf(book: MiniBook, capsys, tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    pdf = tmp_path / "trade.pdf"
    pdf.write_bytes(make_pdf(
        [["Trade between two old partners", "By A. Writer", BODY_PDF],
         ["Officials said a second round of talks would follow in Moscow next year.",
          "References", "Khan, Trade Redux, 2019."]], title="Trade report", author="A. Writer"))
    sid = "writer-2021-trade"
    code, out, err = add(capsys, pdf, sid)
    assert code == 0, err
    assert book.path(f"sources/{sid}.pdf").read_bytes() == pdf.read_bytes()
    data = meta(book, sid)
    assert (data["title"], data["author"], data["extractor"]) == (
        "Trade report", "A. Writer", "pypdf")
    assert data["extractor_version"] == "7.1.0"
    assert_sealed(book, sid)
    ex = excluded_lines(data)
    assert ex[line_of(book, sid, "By A. Writer")] == "byline"
    assert ex[line_of(book, sid, "References")] == "bibliography"
    assert ex[line_of(book, sid, "Khan, Trade Redux")] == "bibliography"
    cite(book, sid, BODY_PDF)
    code, problems = check(capsys)
    assert code == 0, problems
    code, out, _ = run(capsys, "quote", "find", "expand trade in wheat and cotton",
                       "--source", sid)
    assert code == 0 and "exact match" in out
    assert run(capsys, "source", "verify", sid)[0] == 0


# -- refusals -------------------------------------------------------------------------
@pytest.mark.parametrize("name, content, phrase", [
    ("empty.txt", b"", "no text after extraction"),
    ("blank.txt", b"  \n\n\t\n", "no text after extraction"),
    ("latin1.txt", "Caf\u00e9 society in Karachi".encode("latin-1"), "not valid UTF-8"),
    ("nothing.html", b"<html><head><script>var x = 1;</script></head><body><img src=a.png>"
                     b"</body></html>", "no text after extraction with trafilatura"),
    ("broken.pdf", b"%PDF-1.4\nthis is not a PDF at all", "not a readable PDF"),
])
def test_unusable_file_is_refused_and_nothing_written(book: MiniBook, capsys, tmp_path: Path,
                                                      name: str, content: bytes,
                                                      phrase: str) -> None:
    if name.endswith(".html"):
        pytest.importorskip("trafilatura")
    if name.endswith(".pdf"):
        pytest.importorskip("pypdf")
    path = tmp_path / name
    path.write_bytes(content)
    before = book.hashes()
    code, out, err = add(capsys, path, "bad-source")
    assert code == 1 and phrase in err and err.startswith("error: "), err
    assert "Traceback" not in err and book.hashes() == before


def test_unreadable_file_is_refused(book: MiniBook, capsys, tmp_path: Path) -> None:
    before = book.hashes()
    code, _, err = add(capsys, tmp_path / "missing.txt", "gone")
    assert code == 1 and "cannot read" in err and "missing.txt" in err
    (tmp_path / "folder.txt").mkdir()
    code, _, err = add(capsys, tmp_path / "folder.txt", "gone")
    assert code == 1 and "cannot read" in err
    assert book.hashes() == before


def test_existing_id_is_refused_never_overwritten(book: MiniBook, capsys) -> None:
    before = book.hashes()
    code, _, err = add(capsys, ARTICLE, IQBAL)
    assert code == 1 and f"source id '{IQBAL}' is taken" in err
    assert book.hashes() == before
    # a stray original alone also takes the id
    book.write("sources/stray.pdf", b"%PDF")
    code, _, err = add(capsys, ARTICLE, "stray")
    assert code == 1 and "stray.pdf exists" in err
    assert not book.path("sources/stray.txt").exists()


@pytest.mark.parametrize("argv, phrase", [
    (["--id", "Not An Id"], "is not an id"),
    (["--id", "ok-id", "--published", "2021-13"], "--published"),
    (["--id", "ok-id", "--title", " "], "--title is empty"),
    (["--id", "ok-id", "--facts", "nowhere"], "is not a folder"),
])
def test_usage_errors_exit_2(book: MiniBook, capsys, argv: list[str], phrase: str) -> None:
    code, _, err = run(capsys, "source", "add", str(ARTICLE), *argv)
    assert code == 2 and phrase in err, err


def test_unsupported_suffix_is_a_usage_error(book: MiniBook, capsys, tmp_path: Path) -> None:
    doc = tmp_path / "notes.docx"
    doc.write_bytes(b"PK")
    code, _, err = add(capsys, doc, "some-notes")
    assert code == 2 and ".txt, .html, .htm, .pdf" in err


def test_given_fields_win_and_are_yaml_safe(book: MiniBook, capsys) -> None:
    title = 'A "quoted": title # not a comment \u00e9'  # (bidi controls are refused: #9)
    code, _, err = add(capsys, ARTICLE, "given", "--title", title, "--author", "Yes",
                       "--published", "2021-04", "--publication", "null")
    assert code == 0, err
    data = meta(book, "given")
    assert (data["title"], data["author"], data["published"], data["publication"]) == (
        title, "Yes", "2021-04", "null")
    assert_sealed(book, "given")


def test_terminal_escapes_in_the_listing(book: MiniBook, capsys, tmp_path: Path) -> None:
    path = tmp_path / "ansi.txt"
    path.write_text("A line with \x1b[2J an escape and more words here.\n", "utf-8")
    code, out, _ = add(capsys, path, "ansi")
    assert code == 0 and "\x1b" not in out and "\\x1b[2J" in out


# -- verify ---------------------------------------------------------------------------
def test_verify_detects_a_changed_original_and_a_changed_extraction(
        book: MiniBook, capsys, monkeypatch) -> None:
    pytest.importorskip("trafilatura")
    sid = "roe-2021-pipeline-deal"
    assert add(capsys, PAGE, sid)[0] == 0
    assert run(capsys, "source", "verify")[0] == 0
    # an extractor upgrade that changes the text
    from checks.commands import archived, extract

    real = extract._html

    def upgraded(data: bytes) -> extract.Extracted:
        out = real(data)
        out.text = out.text.replace("Cold War", "Cold War era")
        return out

    with monkeypatch.context() as patch:
        patch.setattr(extract, "_html", upgraded)
        patch.setattr(archived, "version_of", lambda dist: "9.9.9")
        code, out, _ = run(capsys, "source", "verify", sid)
    assert code == 1
    line = meta_line(book, sid, "extractor_version")
    assert f"facts/sources/{sid}.yaml:{line}:" in out and "SRC003" in out
    assert "trafilatura 9.9.9" in out and "made with 2.3.1" in out
    assert run(capsys, "source", "verify", sid)[0] == 0  # the pinned version again
    # the original edited after archiving
    html = book.path(f"sources/{sid}.html")
    html.write_bytes(html.read_bytes().replace(b"Jane", b"John"))
    code, out, _ = run(capsys, "source", "verify")
    assert code == 1 and "SRC001" in out and f":{meta_line(book, sid, 'original_sha256')}:" in out
    html.unlink()
    code, out, _ = run(capsys, "source", "verify")
    assert code == 1 and "SRC002" in out


def meta_line(book: MiniBook, sid: str, key: str) -> int:
    lines = book.path(f"sources/{sid}.yaml").read_text("utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if line.startswith(key + ":"))


def test_verify_of_plain_text_sources_and_unknown_ids(book: MiniBook, capsys) -> None:
    code, _, err = run(capsys, "source", "verify")
    assert code == 0 and "0 extracted text(s) checked" in err
    code, _, err = run(capsys, "source", "verify", "no-such-source")
    assert code == 2 and "no source 'no-such-source'" in err


def test_written_files_leave_no_temporary_files(book: MiniBook, capsys) -> None:
    assert add(capsys, ARTICLE, "tidy")[0] == 0
    assert not [n for n in os.listdir(book.path("sources")) if n.startswith(".")]
