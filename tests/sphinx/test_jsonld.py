"""JSON-LD on real builds: schema.org Claim and ClaimReview per contested fact, expanded
by pyld offline, and no fact text can break out of the script element."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pyld import jsonld

SCHEMA = "https://schema.org/"
BREAKOUT = '</script><script>alert("x")</script><!-- <script>'
SCO = "facts/events/2007-08-sco-summit.yaml"


def _no_network(url: str, options: Any = None) -> Any:
    raise AssertionError(f"pyld tried to load {url}")


def ld_scripts(page: Path) -> tuple[BeautifulSoup, list[Any]]:
    s = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = s.select('script[type="application/ld+json"]')
    return s, [json.loads(tag.string) for tag in found]


def build(make_app: Any, src: Path) -> Path:
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    return Path(app.outdir)


def test_contested_fact_carries_claims_and_a_review(
    rootdir: Path, tmp_path: Path, make_app: Any
) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-briefing", src)
    out = build(make_app, src)
    _soup, docs = ld_scripts(out / "eras/new-era.html")
    assert len(docs) == 1  # only the SCO summit is contested on this page
    expanded = jsonld.expand(docs[0], {"documentLoader": _no_network})
    by_type: dict[str, list[dict[str, Any]]] = {}
    for node in expanded:
        for t in node["@type"]:
            by_type.setdefault(t, []).append(node)
    claims, reviews = by_type[SCHEMA + "Claim"], by_type[SCHEMA + "ClaimReview"]
    assert sorted(c[SCHEMA + "text"][0]["@value"] for c in claims) == ["member", "observer"]
    for claim in claims:
        (quotation,) = claim[SCHEMA + "appearance"]
        assert quotation["@type"] == [SCHEMA + "Quotation"]
        article = quotation[SCHEMA + "isPartOf"][0]
        assert article["@type"] == [SCHEMA + "Article"]
        assert article[SCHEMA + "name"][0]["@value"] == "New Era of Pak-Russia Relations"
        href = quotation[SCHEMA + "url"][0]["@value"]
        page, anchor = href.split("#")
        target = BeautifulSoup((out / "eras" / page).read_text(), "html.parser")
        assert target.find(id=anchor) is not None  # the highlighted passage
    (review,) = reviews
    observer = next(c for c in claims if c[SCHEMA + "text"][0]["@value"] == "observer")
    assert review[SCHEMA + "itemReviewed"] == [{"@id": observer["@id"]}]
    rating = review[SCHEMA + "reviewRating"][0]
    assert rating["@type"] == [SCHEMA + "Rating"]
    assert rating[SCHEMA + "ratingValue"][0]["@value"] == 3  # high confidence
    assert rating[SCHEMA + "bestRating"][0]["@value"] == 3
    author = review[SCHEMA + "author"][0]
    assert author["@type"] == [SCHEMA + "Organization"]
    assert review[SCHEMA + "reviewBody"][0]["@value"].startswith("Pakistan was an observer")
    assert review[SCHEMA + "url"][0]["@value"].endswith("#fact-2007-08-sco-summit")
    # facts without contested points carry none; non-HTML builders never see it
    _s, cold = ld_scripts(out / "eras/cold-war.html")
    assert cold == []


def test_hostile_text_cannot_break_out_of_the_script(
    rootdir: Path, tmp_path: Path, make_app: Any
) -> None:
    src = tmp_path / "hostile"
    shutil.copytree(rootdir / "test-briefing", src)
    sco = src / SCO
    text = sco.read_text()
    for old in ("Was Pakistan a member of the SCO in 2007?", "value: member",
                "text: Pakistan was an observer from 2005 and a member from 2017."):
        assert old in text
    text = (text.replace("Was Pakistan a member of the SCO in 2007?",
                         f"'Member? {BREAKOUT}'")
            .replace("value: member", f"value: 'member {BREAKOUT} & -->'")
            .replace("favours: observer", f"favours: 'member {BREAKOUT} & -->'")
            .replace("text: Pakistan was an observer from 2005 and a member from 2017.",
                     f"text: '{BREAKOUT} </SCRIPT > <!-- &amp;'"))
    sco.write_text(text)
    out = build(make_app, src)
    html = (out / "eras/new-era.html").read_text(encoding="utf-8")
    s, docs = ld_scripts(out / "eras/new-era.html")
    assert len(docs) == 1
    texts = [n.get("text") or n.get("name") for n in docs[0]["@graph"]]
    assert f"member {BREAKOUT} & -->" in texts  # the text survives as data
    review = next(n for n in docs[0]["@graph"] if n["@type"] == "ClaimReview")
    assert review["reviewBody"] == f"{BREAKOUT} </SCRIPT > <!-- &amp;"
    assert review["claimReviewed"] == f"member {BREAKOUT} & -->"
    # no script element but the page's own and the JSON-LD one holds the text
    for tag in s.find_all("script"):
        if tag.get("type") != "application/ld+json":
            assert "alert" not in (tag.string or "")
    ld = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in ld and ">" not in ld and "&" not in ld
    assert "alert" in ld  # escaped, not dropped
    jsonld.expand(docs[0], {"documentLoader": _no_network})


@pytest.mark.sphinx("text", testroot="briefing", srcdir="jsonld-text", freshenv=True)
def test_other_builders_drop_the_placeholder(app: Any) -> None:
    app.build()
    page = (Path(app.outdir) / "eras/new-era.txt").read_text()
    assert "@context" not in page and "schema.org" not in page
    assert "new in this edition (not yet saved)" in page  # plain text reaches every builder


def test_a_quoted_speaker_and_an_unfavoured_review() -> None:
    from briefing.jsonld import fact_graph, quotation, script_json

    article = {"@type": "Article", "name": "A"}
    claim = {"value": "v", "source": "s", "quote": "five words of the source",
             "verified": True, "speaker": "General X"}
    q = quotation(claim, article, "../sources/s.html#q-f-1")
    assert q["spokenByCharacter"] == {"@type": "Person", "name": "General X"}
    assert q["isPartOf"] is article and q["url"].endswith("#q-f-1")
    assert "spokenByCharacter" not in quotation({**claim, "speaker": None}, article)
    fact = {"id": "f", "quotes": [], "contested": [
        {"question": "Q?", "claims": [claim, {**claim, "value": "w", "speaker": None}],
         "assessment": {"text": "t", "confidence": "low", "favours": None}}]}
    graph = fact_graph(fact, lambda quote, n: quotation(quote, article), "#fact-f",
                       "The editors")
    assert graph[0]["appearance"][0]["spokenByCharacter"]["name"] == "General X"
    review = graph[-1]
    assert review["itemReviewed"] == [{"@id": "_:f-p1-c1"}, {"@id": "_:f-p1-c2"}]
    assert review["claimReviewed"] == "Q?"
    assert review["reviewRating"]["ratingValue"] == 1
    assert "no side favoured" in review["reviewRating"]["alternateName"]
    expanded = jsonld.expand({"@context": {"@vocab": SCHEMA}, "@graph": graph},
                             {"documentLoader": _no_network})
    assert any(SCHEMA + "spokenByCharacter" in a for c in expanded
               for a in c.get(SCHEMA + "appearance", []))
    json.loads(script_json({"@graph": graph}))
