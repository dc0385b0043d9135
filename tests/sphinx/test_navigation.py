"""The site's navigation stays small; each page keeps its own full contents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from docutils import nodes


def page(app: Any, name: str) -> BeautifulSoup:
    return BeautifulSoup(
        (Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser"
    )


def toc_anchors(app: Any, docname: str) -> list[str]:
    return [r["anchorname"] for r in app.env.tocs[docname].findall(nodes.reference)]


FURO = {"html_theme": "furo"}


@pytest.mark.sphinx(
    "html", testroot="briefing", srcdir="nav", freshenv=True, confoverrides=FURO
)
def test_facts_stay_out_of_the_site_toc_but_not_out_of_the_page(
    app_params: Any, make_app: Any
) -> None:
    args, kwargs = app_params
    (Path(kwargs["srcdir"]) / "notes.md").write_text(
        "---\norphan: true\n---\n# Notes\n\n## First steps\n\nText.\n"
    )
    app = make_app(*args, **kwargs)
    app.build()
    assert app.warning.getvalue() == ""
    # the site-wide table of contents holds the page, not its generated entries
    assert toc_anchors(app, "eras/cold-war") == [""]
    assert toc_anchors(app, "contested") == [""]
    assert toc_anchors(app, "sources/shaukat-2012-new-era") == [""]
    assert toc_anchors(app, "notes") == ["", "#first-steps"]  # hand-written: kept
    era = page(app, "eras/cold-war.html")
    local = [a["href"] for a in era.select(".toc-tree a")]
    assert local == ["#", "#fact-1960-u2-incident", "#fact-1974-bhutto-moscow-visit"]
    assert not era.select(".toc-drawer.no-toc")  # the theme shows "On this page"
    side = [a["href"] for a in era.select(".sidebar-tree a")]
    assert not [h for h in side if "#fact-" in h or "#text-" in h]
    assert "../sources/shaukat-2012-new-era.html" in side  # few sources: listed
    src = page(app, "sources/shaukat-2012-new-era.html")
    assert [a["href"] for a in src.select(".toc-tree a")] == [
        "#",
        "#text-shaukat-2012-new-era",
    ]


@pytest.mark.sphinx(
    "html",
    testroot="briefing",
    srcdir="nav-many-sources",
    freshenv=True,
    confoverrides={"briefing_sidebar_sources": 0, **FURO},
)
def test_many_sources_are_reached_from_the_index_not_the_sidebar(app: Any) -> None:
    app.build()
    assert app.warning.getvalue() == ""  # orphans: no "not in any toctree" warning
    home = page(app, "index.html")
    side = [a["href"] for a in home.select(".sidebar-tree a")]
    assert "sources/index.html" in side
    assert not [h for h in side if h.startswith("sources/shaukat")]
    index = page(app, "sources/index.html")
    assert index.select_one(".briefing-source-index a")["href"] == (
        "shaukat-2012-new-era.html"
    )
    assert (Path(app.outdir) / "sources/shaukat-2012-new-era.html").exists()


@pytest.mark.sphinx(
    "html",
    testroot="briefing",
    srcdir="nav-split",
    freshenv=True,
    confoverrides={"briefing_era_page_facts": 2, **FURO},
)
def test_a_long_era_gets_one_page_per_year(app: Any) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    # cold-war holds 2 facts: one page; new-era holds 3: a chapter page and its years
    assert (out / "eras/cold-war.html").exists()
    assert not (out / "eras/cold-war").exists()
    chapter = page(app, "eras/new-era.html")
    years = chapter.select(".briefing-era-years a")
    assert [(a.get_text(), a["href"]) for a in years] == [
        ("2007", "new-era/2007.html"),
        ("2011", "new-era/2011.html"),
    ]
    assert chapter.select_one("#fact-new-era")  # the era's own entry stays
    assert not chapter.select("section.briefing-fact")
    year = page(app, "eras/new-era/2011.html")
    shown = [s["id"] for s in year.select("section.briefing-fact")]
    assert shown == ["fact-2011-05-joint-communique", "fact-2011-11-lavrov-statement"]
    assert year.select_one("h1").get_text().rstrip("¶") == "A new era: 2011"
    assert [a["href"] for a in year.select(".toc-tree a")][1:] == [
        f"#{i}" for i in shown
    ]
    # every link to an entry lands on its year's page
    row = page(app, "agreements.html").select_one("table.briefing-register tbody a")
    assert row["href"] == "eras/new-era/2011.html#fact-2011-05-joint-communique"
    src = page(app, "sources/shaukat-2012-new-era.html")
    assert src.select_one('a[href="../eras/new-era/2007.html#fact-2007-08-sco-summit"]')
    # the sidebar lists the eras, not their years (each page would carry them all);
    # a year's page links to its era
    side = [a["href"] for a in year.select(".sidebar-tree a")]
    assert "../new-era.html" in side
    assert not [h for h in side if "2007" in h or "2011" in h]
    assert year.select_one('.briefing-muted a[href="../new-era.html#fact-new-era"]')
