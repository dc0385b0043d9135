"""Each page kind renders the facts it should, and fact text stays literal data."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

XSS = [
    "<script>alert(1)</script>",
    "**bold**",
    "{eval-rst}",
    "<img src=x onerror=alert(1)>",
    "|sub|",
]
XSS_ID = "2011-11-lavrov-statement"
ERA_FACTS = {
    "cold-war": ["1960-u2-incident", "1974-bhutto-moscow-visit"],
    "new-era": ["2007-08-sco-summit", "2011-05-joint-communique", XSS_ID],
}


def page(app: Any, name: str) -> BeautifulSoup:
    return BeautifulSoup(
        (Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser"
    )


def body(app: Any, name: str) -> BeautifulSoup:
    s = page(app, name)
    return s.select_one("div.body") or s


def book_json(app: Any) -> dict[str, Any]:
    return json.loads((Path(app.outdir) / "facts.json").read_text(encoding="utf-8"))


pytestmark = pytest.mark.sphinx(
    "html", testroot="briefing", srcdir="pages", freshenv=True
)


@pytest.fixture
def built(app: Any) -> Any:
    """The test book, built (the source folder is shared by this module's tests)."""
    app.build()
    return app


def test_build_is_clean(built: Any) -> None:
    assert built.statuscode == 0
    assert built.warning.getvalue() == ""


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "eras/new-era.html",
        "timeline.html",
        "sources/shaukat-2012-new-era.html",
        "sources/index.html",
    ],
)
def test_fact_text_is_literal_everywhere(built: Any, name: str) -> None:
    html = (Path(built.outdir) / name).read_text(encoding="utf-8")
    s = BeautifulSoup(html, "html.parser")
    main = s.select_one("div.body")
    text = main.get_text()
    if name == "eras/new-era.html":  # a page that shows the title
        for needle in XSS:
            assert needle in text, (name, needle)
    if name == "timeline.html":  # its data: the title as a JSON string, for textContent
        data = (Path(built.outdir) / "timeline.json").read_text(encoding="utf-8")
        titles = [f["title"] for f in json.loads(data)["facts"]]
        assert any(all(n in t for n in XSS) for t in titles)
    # nothing was injected: no script or img in the page body, no bold from markup
    # the only script is the fact's JSON-LD (data; tests/sphinx/test_jsonld.py)
    assert all(t.get("type") == "application/ld+json" for t in main.find_all("script"))
    assert main.find("img") is None
    assert not [k for t in main.find_all(True) for k in t.attrs if k.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or name in (
        "index.html",
        "timeline.html",
        "sources/index.html",
        "sources/shaukat-2012-new-era.html",
    )
    assert all(b.get_text() != "bold" for b in main.find_all(["strong", "b"]))


def test_fact_text_is_literal_in_registers_and_json(built: Any) -> None:
    data = book_json(built)
    fact = next(f for f in data["facts"] if f["id"] == XSS_ID)
    for needle in XSS:
        assert needle in fact["title"]
    assert fact["quotes"][0]["context_values"] == ["<img src=x onerror=alert(1)>"]
    entry = body(built, "eras/new-era.html").find(id=f"fact-{XSS_ID}")
    assert entry.find("h2").get_text().rstrip("¶") == fact["title"]
    assert "<img src=x onerror=alert(1)>" in entry.get_text()  # place and editor's note
    # the backlink on the source page carries the title, literally
    src = body(built, "sources/shaukat-2012-new-era.html")
    assert (
        src.find(string=re.compile(re.escape("<script>alert(1)</script>"))) is not None
    )


def test_era_page_lists_its_facts_in_date_order(built: Any) -> None:
    for era, ids in ERA_FACTS.items():
        main = body(built, f"eras/{era}.html")
        shown = [s["id"][len("fact-") :] for s in main.select("section.briefing-fact")]
        assert shown == ids
        assert main.find("h1").get_text().rstrip("¶") in ("The Cold War", "A new era")


def test_entry_shows_date_precision_badges_and_quotes(built: Any) -> None:
    main = body(built, "eras/cold-war.html")
    visit = main.find(id="fact-1974-bhutto-moscow-visit")
    assert visit.select_one(".briefing-date").get_text() == "1974"
    assert visit.select_one(".briefing-badge-verified").get_text() == "verified"
    assert visit.select_one(".briefing-badge-single").get_text() == "single source"
    assert "Zulfikar Ali Bhutto" in visit.select_one("dl.briefing-details").get_text()
    quote = visit.select_one("blockquote.briefing-quote")
    assert "Zulfikar Ali Bhutto visited Moscow." in quote.get_text()
    link = quote.select_one("p.attribution a")
    assert link["href"] == (
        "../sources/shaukat-2012-new-era.html#q-1974-bhutto-moscow-visit-1"
    )
    new = body(built, "eras/new-era.html")
    assert (
        new.find(id="fact-2011-05-joint-communique")
        .select_one(".briefing-date")
        .get_text()
        == "12 May 2011"
    )


def test_registers_have_rows_linking_to_entries(built: Any) -> None:
    rows = body(built, "agreements.html").select("table.briefing-register tbody tr")
    assert len(rows) == 1
    cells = [td.get_text(" ", strip=True) for td in rows[0].find_all("td")]
    assert cells[0] == "12 May 2011" and "joint communiqué" in cells[1]
    assert (
        rows[0].find("a")["href"] == "eras/new-era.html#fact-2011-05-joint-communique"
    )
    visits = body(built, "visits.html").select("table.briefing-register tbody tr")
    assert [tr.find("a")["href"] for tr in visits] == [
        "eras/cold-war.html#fact-1974-bhutto-moscow-visit"
    ]
    assert "Pakistan → Soviet Union" in visits[0].get_text()


def test_timeline_data_has_every_dated_fact_oldest_first(built: Any) -> None:
    data = json.loads((Path(built.outdir) / "timeline.json").read_text(encoding="utf-8"))
    facts = book_json(built)["facts"]
    dated = [f for f in facts if (f["date"] or f["start"]) and f["kind"] != "era"]
    assert [f["id"] for f in data["facts"]] == [
        f["id"] for f in sorted(dated, key=lambda f: ((f["date"] or f["start"]), f["id"]))
    ]
    assert [e["id"] for e in data["eras"]] == ["cold-war", "new-era"]
    first = data["facts"][0]
    assert first["date"] == "1960" and first["at"] == 1960.0  # no invented 1 January
    assert first["url"] == "eras/cold-war.html#fact-1960-u2-incident"
    # the script copy for a book opened from disk holds the same data
    script = (Path(built.outdir) / "timeline.js").read_text(encoding="utf-8")
    assert json.loads(script.split(" = ", 1)[1].rstrip().rstrip(";")) == data
    # the page itself is small: the eras, linked, for a reader without script
    main = body(built, "timeline.html")
    box = main.select_one("div.briefing-timeline")
    assert box["data-src"] == "timeline.json"
    assert [a["href"] for a in box.select(".briefing-tl-fallback a")] == [
        "eras/cold-war.html#fact-cold-war",
        "eras/new-era.html#fact-new-era",
    ]


def test_contested_page_shows_both_claims(built: Any) -> None:
    main = body(built, "contested.html")
    entry = main.find(id="contested-2007-08-sco-summit")
    claims = entry.select(".briefing-claim")
    assert [c.select_one(".briefing-claim-value").get_text() for c in claims] == [
        "member",
        "observer",
    ]
    for claim in claims:
        assert claim.select_one("blockquote.briefing-quote p.attribution a")
    assessment = entry.select_one(".briefing-assessment")
    assert "Editor's assessment" in assessment.get_text()
    assert "confidence: high" in assessment.get_text()
    assert "favoured by the editor" in claims[1].get_text()


def test_source_page_highlights_quotes_with_markers(built: Any) -> None:
    main = body(built, "sources/shaukat-2012-new-era.html")
    passage = main.find(id="q-1974-bhutto-moscow-visit-1")
    assert "briefing-quoted" in passage["class"]
    assert passage.get_text().startswith("In 1974, the then Prime minister")
    # one numbered marker after the passage: its facts in a popover and in the list
    wrap = passage.find_next("span", class_="briefing-marker-wrap")
    marker = wrap.find("a", class_="briefing-marker")
    number = marker.get_text()
    assert marker["href"] == f"#passage-{number}"
    fact_href = "../eras/cold-war.html#fact-1974-bhutto-moscow-visit"
    assert fact_href in [a["href"] for a in wrap.select(".briefing-pop a")]
    item = main.find(id=f"passage-{number}")
    assert fact_href in [a["href"] for a in item.select("a")]
    assert "no-search" in wrap["class"]
    # no inline runs of fact links in the text; "Cited by" collapsed after the text
    text = main.select_one(".briefing-source-text")
    para_links = [a for p in text.select("p.briefing-source-para") for a in p.find_all("a")]
    assert all("briefing-marker" in a["class"] or a.find_parent(class_="briefing-pop")
               for a in para_links)
    cited = main.select_one("details.briefing-cited-by")
    assert cited is not None and cited.get("open") is None
    assert cited.find_previous(class_="briefing-source-text") is not None
    # every verified quote of the book has its anchor on the page
    for fact in book_json(built)["facts"]:
        quotes = fact["quotes"] + [c for p in fact["contested"] for c in p["claims"]]
        for n, _q in enumerate(quotes, 1):
            assert main.find(id=f"q-{fact['id']}-{n}") is not None, (fact["id"], n)
    excluded = main.select(".briefing-excluded")
    assert excluded and "byline" in excluded[0].get_text()
    assert "SHA-256" in main.get_text() and "% of the author's text" in main.get_text()


def test_fact_role_links_to_the_anchor(built: Any) -> None:
    links = body(built, "index.html").select("a.reference")
    by_href = {a["href"]: a.get_text() for a in links}
    assert by_href["eras/new-era.html#fact-2011-05-joint-communique"] == (
        "Joint communiqué on trade and investment"
    )
    assert (
        by_href["eras/cold-war.html#fact-1974-bhutto-moscow-visit"]
        == "Bhutto in Moscow"
    )


def test_home_counts(built: Any) -> None:
    text = body(built, "index.html").get_text(" ", strip=True)
    total = len(book_json(built)["facts"])  # the checks' count, eras included
    assert f"{total} facts — 2 eras" in text and "1 archived sources" in text
    assert "1 contested points" in text
    eras = [
        a.get_text() for a in body(built, "index.html").select(".briefing-era-list a")
    ]
    assert eras == ["The Cold War", "A new era"]


def test_facts_json_is_published(built: Any) -> None:
    data = book_json(built)
    assert data["summary"]["facts"] == 7
    assert {f["id"] for f in data["facts"]} >= set(ERA_FACTS["cold-war"])
