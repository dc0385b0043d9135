"""The real book in a real browser (Chromium via Playwright), as a reader uses it."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.browser.chromium import MARKS

SHOTS = Path(os.environ.get("BRIEFING_SCREENSHOTS", "/tmp"))
pytestmark = MARKS


def _era_page(fact: dict[str, Any]) -> str:
    return f"eras/{fact['era']}.html"


def test_timeline_shows_every_dated_fact(site: Any, page: Any) -> None:
    url, data = site
    page.goto(f"{url}/timeline.html")
    dated = [f for f in data["facts"] if (f["date"] or f["start"]) and f["kind"] != "era"]
    items = page.locator(".briefing-tl-card")
    items.first.wait_for()
    assert items.count() == len(dated)
    first = items.first
    first.scroll_into_view_if_needed()
    assert first.is_visible()
    year_only = next(f for f in dated if f["date"] and len(f["date"]) == 4)
    card = page.locator(".briefing-tl-card", has_text=year_only["title"]).first
    assert (
        card.locator(".briefing-date")
        .inner_text()
        .startswith((year_only["date"], f"c. {year_only['date']}"))
    )


def test_a_contested_fact_shows_both_sides(site: Any, page: Any) -> None:
    url, data = site
    fact = next(f for f in data["facts"] if f["contested"])
    page.goto(f"{url}/contested.html#contested-{fact['id']}")
    entry = page.locator(f"#contested-{fact['id']}")
    values = {c["value"] for c in fact["contested"][0]["claims"]}
    claims = entry.locator(".briefing-contest").first.locator(".briefing-claim")
    assert claims.count() == len(values) >= 2
    for i in range(claims.count()):
        claim = claims.nth(i)
        assert claim.is_visible()
        assert claim.locator("blockquote .attribution a").count() >= 1
    # the same block on the era page
    page.goto(f"{url}/{_era_page(fact)}#fact-{fact['id']}")
    era_claims = page.locator(f"#fact-{fact['id']} .briefing-claim")
    assert era_claims.count() >= 2


def test_a_citation_lands_on_the_highlighted_passage(site: Any, page: Any) -> None:
    url, data = site
    fact = next(
        f for f in data["facts"] if f["kind"] == "visit" and f["quotes"][0]["verified"]
    )
    page.goto(f"{url}/{_era_page(fact)}#fact-{fact['id']}")
    link = page.locator(f"#fact-{fact['id']} blockquote p.attribution a").first
    href = link.get_attribute("href")
    assert href and href.endswith(f"#q-{fact['id']}-1")
    link.click()
    page.wait_for_load_state()
    target = urlparse(page.url)
    assert target.path.endswith(f"/sources/{fact['quotes'][0]['source']}.html")
    assert target.fragment == f"q-{fact['id']}-1"
    passage = page.locator(f"#q-{fact['id']}-1")
    assert passage.evaluate("e => e.closest('.briefing-quoted') !== null")
    assert passage.is_visible()
    page.wait_for_function(  # the browser scrolled the passage into view
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }",
        arg=f"q-{fact['id']}-1",
        timeout=5000,
    )
    assert (
        page.evaluate("() => document.querySelector(':target').id")
        == f"q-{fact['id']}-1"
    )


def test_search_finds_a_fact_by_a_word_of_its_title(site: Any, page: Any) -> None:
    url, data = site
    words = Counter(
        w for f in data["facts"] for w in set(re.findall(r"[A-Za-z]{7,}", f["title"]))
    )
    fact, word = next(
        (f, w)
        for f in data["facts"]
        if f["kind"] != "era"
        for w in re.findall(r"[A-Za-z]{7,}", f["title"])
        if words[w] == 1
    )
    page.goto(f"{url}/search.html?q={word}")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert any(_era_page(fact) in h for h in hrefs), (word, hrefs)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(site: Any, browser: Any, scheme: str) -> None:
    """Era page and timeline in both colour schemes (look at them in /tmp)."""
    url, data = site
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=scheme
    )
    pg = context.new_page()
    fact = next(f for f in data["facts"] if f["contested"] and f["kind"] != "era")
    pg.goto(f"{url}/{_era_page(fact)}#fact-{fact['id']}")
    pg.wait_for_timeout(400)
    pg.screenshot(path=str(SHOTS / f"briefing-era-{scheme}.png"))
    pg.goto(f"{url}/timeline.html")
    pg.screenshot(path=str(SHOTS / f"briefing-timeline-{scheme}.png"))
    pg.goto(f"{url}/sources/{fact['quotes'][0]['source']}.html#q-{fact['id']}-1")
    pg.wait_for_timeout(400)
    pg.screenshot(path=str(SHOTS / f"briefing-source-{scheme}.png"))
    background = pg.evaluate("() => getComputedStyle(document.body).backgroundColor")
    context.close()
    assert (background == "rgb(255, 255, 255)") == (scheme == "light")
