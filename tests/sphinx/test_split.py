"""A long register or "What changed" list becomes a main page plus one page per era."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

SPLIT = {"briefing_list_page_entries": 1, "briefing_editions_dir": "editions"}
FRADKOV = """id: 2007-fradkov-visit
kind: visit
title: "Fradkov visits Pakistan"
date: "2007"
visitor: "Mikhail Fradkov"
role: "Russian Prime Minister"
from_country: Russia
to_country: Pakistan
summary: The Russian Prime Minister visited Pakistan.
sources:
  - source: shaukat-2012-new-era
    quote: "In 2007, the relations between Pakistan and Russia were reactivated after \
the visit of Russian Prime Minister Mikhail Fradkov."
"""


def _book(src: Path) -> None:
    """The test book plus a second visit (in the other era) and a "What changed"
    page (no saved edition: every fact is listed as added)."""
    (src / "facts/visits/2007-fradkov-visit.yaml").write_text(FRADKOV)
    (src / "editions").mkdir(exist_ok=True)
    (src / "editions/changelog.yaml").write_text("[]\n")
    (src / "changes.md").write_text("# What changed\n\n```{briefing-changes}\n```\n")
    index = src / "index.md"
    index.write_text(index.read_text().replace("contested\n", "contested\nchanges\n"))
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + 'exclude_patterns += ["editions"]\n')


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _build(make_app: Any, src: Path, **overrides: Any) -> Any:
    app = make_app("html", srcdir=src, confoverrides=overrides, freshenv=True)
    seen: list[str] = []
    app.connect("env-before-read-docs", lambda a, e, docnames: seen.extend(docnames))
    app.build()
    app.seen = seen
    return app


@pytest.fixture()
def book(rootdir: Path, tmp_path: Path) -> Path:
    import shutil

    src = tmp_path / "split"
    shutil.copytree(rootdir / "test-briefing", src)
    _book(src)
    return src


def test_a_long_register_links_one_page_per_era(book: Path, make_app: Any) -> None:
    app = _build(make_app, book, **SPLIT)
    assert not app.warning.getvalue()
    out = Path(app.outdir)
    main = soup(out / "visits.html")
    assert main.select_one("table.briefing-register") is None
    links = [a["href"] for a in main.select(".briefing-register-part-list a")]
    assert links == ["parts/visits/cold-war.html", "parts/visits/new-era.html"]
    assert "2 visits by era" in main.get_text()
    rows = []
    for href in links:
        part = soup(out / href)
        table = part.select_one("table.briefing-register-visit")
        rows += [r.select("td")[1].get_text(" ", strip=True) for r in table.select("tbody tr")]
        tools = part.select_one(".briefing-register-tools")
        back = [a["href"] for a in tools.select("a")]
        assert back == ["../../visits.html#briefing-register-visit",
                        "../../exports/visits.csv"]
        # each visitor links to its entry on its era's page
        assert table.select_one("tbody a")["href"].startswith("../../eras/")
    assert rows[0].startswith("Zulfikar Ali Bhutto") and rows[1].startswith("Mikhail")
    assert (out / "exports/visits.csv").read_text().count("\n") == 3  # header + all
    # the agreements register has one row: it stays one page
    assert soup(out / "agreements.html").select_one("table.briefing-register")


def test_a_long_list_of_changes_links_one_page_per_era(
    book: Path, make_app: Any
) -> None:
    app = _build(make_app, book, **SPLIT)
    assert not app.warning.getvalue()
    out = Path(app.outdir)
    main = soup(out / "changes.html")
    assert main.select(".briefing-change") == []  # the entries are on the parts
    links = [a["href"] for a in main.select(".briefing-changes-parts a")]
    assert links == ["parts/changes/cold-war.html", "parts/changes/new-era.html"]
    listed = []
    for href in links:
        part = soup(out / href)
        listed += [e.select_one(".briefing-fact-title").get_text()
                   for e in part.select(".briefing-change")]
        back = part.select_one(".briefing-changes-intro a")["href"]
        assert back == "../../changes.html#briefing-changes"
    facts = app.env.get_domain("briefing").data["facts"]
    assert len(listed) == len(facts) == 8 and "Fradkov visits Pakistan" in listed


def test_short_lists_stay_one_page(book: Path, make_app: Any) -> None:
    app = _build(make_app, book, briefing_editions_dir="editions")
    assert not app.warning.getvalue()
    out = Path(app.outdir)
    assert not (book / "parts").exists() and not (out / "parts").exists()
    rows = soup(out / "visits.html").select("table.briefing-register-visit tbody tr")
    assert len(rows) == 2
    assert len(soup(out / "changes.html").select(".briefing-change")) == 8


def test_an_edit_rereads_only_its_eras_part(book: Path, make_app: Any) -> None:
    app = _build(make_app, book, **SPLIT)
    app.cleanup()
    fact = book / "facts/visits/1974-bhutto-moscow-visit.yaml"
    fact.write_text(fact.read_text().replace("Bhutto visits Moscow", "Bhutto in Moscow"))
    edited = make_app("html", srcdir=book, confoverrides=SPLIT)
    seen: list[str] = []
    edited.connect("env-before-read-docs", lambda a, e, docnames: seen.extend(docnames))
    edited.build()
    assert not edited.warning.getvalue()
    assert {"parts/changes/cold-war", "parts/visits/cold-war"} <= set(seen)
    for other in ("parts/changes/new-era", "parts/visits/new-era", "changes", "visits"):
        assert other not in seen
    out = Path(edited.outdir)
    assert "Bhutto in Moscow" in (out / "parts/changes/cold-war.html").read_text()
    assert "Bhutto in Moscow" not in (out / "changes.html").read_text()


def test_a_list_that_shrinks_loses_its_parts(book: Path, make_app: Any) -> None:
    app = _build(make_app, book, **SPLIT)
    assert (book / "parts/visits/new-era.md").is_file()
    app.cleanup()
    (book / "facts/visits/2007-fradkov-visit.yaml").unlink()
    again = make_app("html", srcdir=book, confoverrides=SPLIT)
    again.build()
    assert not again.warning.getvalue()
    assert not (book / "parts/visits").exists()
    rows = soup(Path(again.outdir) / "visits.html").select("tbody tr")
    assert len(rows) == 1
