"""The integrity rules as the book shows them: a speaker's words, one dispute shown on
every fact it concerns, the book's own register beside the claims, and badges that say
exactly what they mean (a real Sphinx build of a small book)."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path
from typing import Any, Iterator

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

import briefing.render as R


def page(app: Any, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"),
                         "html.parser")


@pytest.fixture(scope="module")
def built(rootdir: Path, tmp_path_factory: Any) -> Iterator[Any]:
    """One real build of tests/roots/test-integrity, shared by this module's tests."""
    src = tmp_path_factory.mktemp("integrity") / "src"
    shutil.copytree(rootdir / "test-integrity", src)
    app = SphinxTestApp("html", srcdir=src, freshenv=True, status=StringIO(),
                        warning=StringIO())
    try:
        app.build()
        assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
        yield app
    finally:
        app.cleanup()


def test_a_speakers_words_are_shown_as_quoted_by_the_author(built: Any) -> None:
    entry = page(built, "eras/new-era.html").find(id="fact-modi-remark")
    attribution = entry.select_one("blockquote .attribution")
    assert attribution.get_text().lstrip("\u2014 ").startswith(
        "Narendra Modi, quoted by Neeraj Mahajan, What does Russia gain")


def test_one_dispute_is_shown_on_every_fact_it_concerns(built: Any) -> None:
    era = page(built, "eras/new-era.html")
    declared = era.find(id="fact-lavrov-2021")
    concerned = era.find(id="fact-lavrov-2012")
    for entry in (declared, concerned):
        assert entry.select_one(".briefing-badge-contested") is not None
        assert entry.select_one(".briefing-question").get_text() == (
            "How long had it been since a Russian foreign minister last visited Pakistan?")
    assert "Declared on" in concerned.select_one(".briefing-contest").get_text()
    assert concerned.select_one(".briefing-contest a[href$='#fact-lavrov-2021']")
    assert "Also concerns" in declared.select_one(".briefing-contest").get_text()
    data = {f["id"]: f for f in json.loads(
        (Path(built.outdir) / "facts.json").read_text(encoding="utf-8"))["facts"]}
    assert data["lavrov-2012"]["status"] == "contested"
    assert data["lavrov-2012"]["contested"][0]["declared_by"] == "lavrov-2021"
    # the contested page counts the point once and both facts it makes contested
    points = sum(len(f.get("contested", [])) for f in data.values()
                 if all(c.get("declared_by") in (None, f["id"]) for c in f.get("contested", [])))
    contested = sum(f["status"] == "contested" for f in data.values())
    intro = page(built, "contested.html").select_one("p.briefing-muted").get_text()
    assert intro.startswith(f"{points} contested points, declared on ")
    assert intro.endswith(f"; with the other facts a point concerns, {contested} facts "
                          "are contested.")


def test_the_books_own_register_stands_beside_the_claims(built: Any) -> None:
    era = page(built, "eras/new-era.html")
    for fid in ("lavrov-2021", "lavrov-2012"):
        lines = era.find(id=f"fact-{fid}").select(".briefing-register-note")
        texts = sorted(line.get_text(" ", strip=True) for line in lines)
        assert len(texts) == 2, texts
        assert texts[0].startswith("The book's own register: almost a decade "
                                   "(mahajan-2021-russia-pakistan-lap) agrees")
        assert texts[1].startswith("The book's own register: seven years "
                                   "(singh-2021-challenges-for-region) is contradicted")
        assert all("(October 2012)" in t for t in texts)
        assert all(line.select_one("a[href*='#fact-lavrov-2012']") for line in lines)


def test_every_badge_says_what_it_means(built: Any) -> None:
    home = page(built, "index.html")
    for name, meaning in R.BADGE_MEANINGS.items():
        slug = {"single source": "single"}.get(name, name)
        badge = home.select_one(f"abbr.briefing-badge-{slug}")
        assert badge is not None and badge.get_text() == name
        assert badge["title"] == meaning
    entry = page(built, "eras/new-era.html").find(id="fact-lavrov-2012")
    assert entry.select_one("abbr.briefing-badge-contested")["title"] == (
        R.BADGE_MEANINGS["contested"])


def test_the_home_page_of_the_real_book_defines_each_badge_as_the_badges_do() -> None:
    text = " ".join((Path(__file__).parents[2] / "docs" / "index.md")
                    .read_text(encoding="utf-8").split())
    for name, meaning in R.BADGE_MEANINGS.items():
        assert f"{{briefing-badge}}`{name}`: " + meaning[0].lower() + meaning[1:] in \
            text.replace("\"first\"", "'first'"), name
