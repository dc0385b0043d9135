"""What a reader does with the book, in Chromium: sort and filter a register, open a
source marker, follow the contested overview, cite a fact, read on a phone, in light
and dark mode with readable contrast."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.chromium import MARKS

SHOTS = Path(os.environ.get("BRIEFING_SCREENSHOTS", "/tmp"))
pytestmark = MARKS

#: WCAG 2 contrast of every visible text element of the page against its background
CONTRAST_JS = """
() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat([1]);
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    let c = [255, 255, 255, 1];
    if (!layers.length || layers[layers.length - 1][3] < 1) c = parse(getComputedStyle(document.body).backgroundColor);
    for (let i = layers.length - 1; i >= 0; i--) c = over(layers[i], c);
    return c;
  };
  const bad = [];
  let checked = 0;
  const root = document.querySelector("article[role=main]") || document.body;
  for (const el of root.querySelectorAll("*")) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const style = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (style.visibility !== "visible" || r.width === 0 || r.height === 0) continue;
    if (el.closest("[hidden], .headerlink")) continue;
    const bg = background(el);
    const fg = over(parse(style.color), bg);
    const l1 = lum(fg), l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    checked++;
    if (ratio < need) bad.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)} < ${need} "${el.textContent.trim().slice(0, 40)}"`);
  }
  return {checked, bad: Array.from(new Set(bad)).slice(0, 20)};
}
"""


def _rows(page: Any, table: str) -> list[list[str]]:
    return page.evaluate(
        "sel => Array.from(document.querySelectorAll(sel + ' tbody tr'))"
        ".filter(r => !r.hidden)"
        ".map(r => Array.from(r.cells).map(c => c.innerText.replace(/\\s+/g, ' ').trim()))",
        table,
    )


def _ordered(page: Any, values: list[str], numeric: bool) -> bool:
    return bool(
        page.evaluate(
            "([v, num]) => v.every((x, i) => i === 0 || (num ? Number(v[i-1]) <= Number(x)"
            " : v[i-1].localeCompare(x, undefined, {numeric: true, sensitivity: 'base'})"
            " <= 0))",
            [values, numeric],
        )
    )


@pytest.mark.parametrize("kind", ["agreement", "visit"])
def test_a_register_sorts_by_every_column(site: Any, page: Any, kind: str) -> None:
    url, data = site
    page.goto(f"{url}/{kind}s.html")
    table = f"table.briefing-register-{kind}"
    facts = [f for f in data["facts"] if f["kind"] == kind]
    book_order = [r[0] for r in _rows(page, table)]
    assert len(book_order) == len(facts)
    heads = page.locator(f"{table} thead th button.briefing-sort")
    names = [heads.nth(i).inner_text() for i in range(heads.count())]
    wanted = {"agreement": "Signatories", "visit": "Hosts"}[kind]
    assert wanted in names and "Sources" in names
    for i, name in enumerate(names):
        heads.nth(i).click()
        rows = _rows(page, table)
        column = [r[i] for r in rows]
        th = page.locator(f"{table} thead th").nth(i)
        if i == 0:  # the date column: clicking the sorted column reverses book order
            assert th.get_attribute("aria-sort") == "descending"
            assert column == book_order[::-1]
            continue
        assert th.get_attribute("aria-sort") == "ascending", name
        assert _ordered(page, column, name == "Sources"), (name, column)
        heads.nth(i).click()
        assert _ordered(page, [r[i] for r in _rows(page, table)][::-1], name == "Sources")
    # the number of sources each fact rests on, from the book's own data
    counts = sorted(
        len({q["source"] for q in f["quotes"]}
            | {c["source"] for p in f["contested"] if p["declared_by"] == f["id"]
               for c in p["claims"]})
        for f in facts
    )
    page.locator(f"{table} thead th button", has_text="Sources").click()
    got = [int(r[names.index("Sources")]) for r in _rows(page, table)]
    assert got == counts
    # the keyboard works too: focus a header and press Enter
    heads.nth(1).focus()
    page.keyboard.press("Enter")
    assert page.locator(f"{table} thead th").nth(1).get_attribute("aria-sort") in (
        "ascending",
        "descending",
    )


def test_filtering_a_register_narrows_it(site: Any, page: Any) -> None:
    url, data = site
    page.goto(f"{url}/visits.html")
    table = "table.briefing-register-visit"
    everyone = _rows(page, table)
    visit = next(f for f in data["facts"] if f["kind"] == "visit" and f["details"].get("place"))
    word = visit["details"]["visitor"].split()[-1]
    box = page.get_by_label("Filter")
    box.focus()
    page.keyboard.type(word)
    shown = _rows(page, table)
    expected = [r for r in everyone if word.lower() in " ".join(r).lower()]
    assert 1 <= len(shown) < len(everyone)
    assert shown == expected
    assert f"{len(shown)} of {len(everyone)}" in page.locator(".briefing-register-status").inner_text()
    box.fill("")
    assert len(_rows(page, table)) == len(everyone)


def test_no_cell_names_anyone_twice(site: Any, page: Any) -> None:
    url, _data = site
    for name in ("agreements", "visits"):
        page.goto(f"{url}/{name}.html")
        for row in _rows(page, "table.briefing-register"):
            for cell in row:
                parts = [p.strip() for p in re.split(r",|→", cell) if p.strip()]
                assert len(parts) == len(set(parts)), (name, cell)
        link = page.locator(".briefing-register-tools a", has_text="CSV")
        assert link.get_attribute("href") == f"exports/{name}.csv"


def test_a_source_marker_reveals_its_facts(site: Any, page: Any) -> None:
    url, data = site
    fact = next(f for f in data["facts"] if f["kind"] == "visit" and f["quotes"][0]["verified"])
    source = fact["quotes"][0]["source"]
    page.goto(f"{url}/sources/{source}.html")
    passage = page.locator(f"#q-{fact['id']}-1")
    wrap = passage.locator(
        "xpath=following::span[contains(concat(' ', @class, ' '), ' briefing-marker-wrap ')][1]"
    )
    pop = wrap.locator(".briefing-pop")
    assert not pop.is_visible()  # not inline: only on hover or focus
    wrap.locator("a.briefing-marker").hover()
    assert pop.is_visible()
    hrefs = [a.get_attribute("href") for a in pop.locator("a").all()]
    assert f"../eras/{fact['era']}.html#fact-{fact['id']}" in hrefs
    box = pop.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1280
    page.mouse.move(0, 0)
    assert not pop.is_visible()
    wrap.locator("a.briefing-marker").focus()  # from the keyboard
    assert pop.is_visible()
    # the compact list after the text names the same facts
    number = wrap.locator("a.briefing-marker").inner_text()
    listed = page.locator(f"#passage-{number} a").all()
    assert f"../eras/{fact['era']}.html#fact-{fact['id']}" in [a.get_attribute("href") for a in listed]
    # no run of "↩ fact" links in the article any more; cited-by is after the text
    assert page.locator(".briefing-source-para .briefing-backlink").count() == 0
    cited = page.locator("details.briefing-cited-by")
    assert not cited.locator("ul").is_visible()
    cited.locator("summary").click()
    assert cited.locator("ul").is_visible()


def test_the_contested_overview_links_to_each_point(site: Any, page: Any) -> None:
    url, data = site
    page.goto(f"{url}/contested.html")
    points = sum(  # each point once, on the contested page, under its declaring fact
        1 for f in data["facts"] for p in f["contested"] if p["declared_by"] == f["id"]
    )
    links = page.locator("table.briefing-overview tbody tr td:first-child a")
    assert links.count() == points
    first_table_y = page.locator("table.briefing-overview").bounding_box()["y"]
    first_point_y = page.locator(".briefing-contest").first.bounding_box()["y"]
    assert first_table_y < first_point_y  # the overview comes first
    for i in range(links.count()):
        target = (links.nth(i).get_attribute("href") or "").lstrip("#")
        assert page.locator(f"[id='{target}'].briefing-contest").count() == 1, target
    question = data["facts"]
    row = page.locator("table.briefing-overview tbody tr").nth(points - 1)
    row.locator("td:first-child a").click()
    target = (page.url.split("#", 1) + [""])[1]
    point = page.locator(f"[id='{target}']")
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }",
        arg=target,
        timeout=5000,
    )
    assert point.locator(".briefing-claim").count() >= 2
    assert question  # the rows carry each claim with its sources
    assert " · " in row.locator("td").nth(1).inner_text()


def test_cite_this_gives_title_address_and_sources(site: Any, page: Any) -> None:
    url, data = site
    fact = next(f for f in data["facts"] if f["kind"] == "agreement")
    page.goto(f"{url}/eras/{fact['era']}.html#fact-{fact['id']}")
    cite = page.locator(f"#fact-{fact['id']} details.briefing-cite").first
    text = cite.locator(".briefing-cite-text")
    assert not text.is_visible()
    cite.locator("summary").focus()
    page.keyboard.press("Enter")
    assert text.is_visible()
    shown = text.inner_text()
    assert fact["title"] in shown
    assert f"{url}/eras/{fact['era']}.html#fact-{fact['id']}" in shown
    authors = {s["id"]: s["author"] for s in data["sources"]}
    sources = cite.locator(".briefing-cite-sources").inner_text()
    for q in fact["quotes"]:
        assert authors[q["source"]] in sources


def test_source_pages_offer_citation_downloads(site: Any, page: Any) -> None:
    url, data = site
    source = data["sources"][0]["id"]
    page.goto(f"{url}/sources/{source}.html")
    hrefs = [a.get_attribute("href") for a in page.locator(".briefing-downloads a").all()]
    assert hrefs == [f"../exports/sources/{source}.json", f"../exports/sources/{source}.bib"]


def test_the_small_things(site: Any, page: Any) -> None:
    url, data = site
    page.goto(f"{url}/index.html")
    counts = page.locator(".briefing-counts").inner_text()
    assert f"{len(data['facts'])}\nfacts" in counts or f"{len(data['facts'])} facts" in counts
    eras = {f["title"]: f for f in data["facts"] if f["kind"] == "era"}
    for item in page.locator(".briefing-era-list li").all():  # era dates once
        shown = item.inner_text()
        title = item.locator("a").inner_text()
        era = eras[title]
        years = {era["start"][:4], era["end"][:4]}
        in_title = all(y in title for y in years)
        for year in years:  # the title's years, and the span's once unless it has them
            assert shown.count(year) == title.count(year) + (not in_title), shown
    icon = page.locator("link[rel~=icon]").get_attribute("href")
    assert icon and page.request.get(f"{url}/{icon}").ok
    noted = [f for f in data["facts"] if f["editor_note"] and f["kind"] != "era"]
    for f in noted[:12]:
        page.goto(f"{url}/eras/{f['era']}.html")
        note = page.locator(f"#fact-{f['id']} > .briefing-editor-note p").nth(1).inner_text()
        assert not note[:1].islower(), (f["id"], note[:40])
    dated = next(
        f for f in data["facts"]
        for p in f["contested"] for c in p["claims"]
        if re.fullmatch(r"\d{4}-\d\d-\d\d", c["value"])
    )
    page.goto(f"{url}/contested.html#contested-{dated['id']}")
    labels = page.locator(f"#contested-{dated['id']} .briefing-claim-value").all_inner_texts()
    assert not [v for v in labels if re.fullmatch(r"\d{4}-\d\d(-\d\d)?", v)], labels


def test_search_snippets_are_clean_text(site: Any, page: Any) -> None:
    url, _data = site
    page.goto(f"{url}/search.html?q=Bhutto")
    snippets = page.locator("#search-results p.context")
    snippets.first.wait_for(timeout=15000)
    page.wait_for_timeout(500)
    texts = snippets.all_inner_texts()
    assert texts
    for text in texts:
        for noise in ("verified", "single source", "Cite this", "Cited by", "↩"):
            assert noise not in text, (noise, text)


PAGES = ["index.html", "eras/{era}.html", "timeline.html", "agreements.html",
         "visits.html", "contested.html", "sources/{source}.html"]


def _pages(data: dict[str, Any]) -> list[str]:
    era = next(f["id"] for f in data["facts"] if f["kind"] == "era")
    source = data["sources"][0]["id"]
    return [p.format(era=era, source=source) for p in PAGES]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_meets_wcag_aa(site: Any, browser: Any, scheme: str) -> None:
    url, data = site
    context = browser.new_context(viewport={"width": 1400, "height": 900}, color_scheme=scheme)
    pg = context.new_page()
    failures = {}
    for name in _pages(data):
        pg.goto(f"{url}/{name}")
        pg.wait_for_timeout(200)
        result = pg.evaluate(CONTRAST_JS)
        assert result["checked"] > 10, name
        if result["bad"]:
            failures[name] = result["bad"]
    context.close()
    assert failures == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_sideways_scrolling_on_a_phone(site: Any, browser: Any, scheme: str) -> None:
    url, data = site
    context = browser.new_context(viewport={"width": 400, "height": 800}, color_scheme=scheme)
    pg = context.new_page()
    wide = {}
    for name in _pages(data):
        pg.goto(f"{url}/{name}")
        pg.wait_for_timeout(200)
        width = pg.evaluate("document.documentElement.scrollWidth")
        if width > 400:
            wide[name] = width
        # nothing cut off inside the page either (furo's content box scrolls sideways)
        cut = pg.evaluate(
            "() => Array.from(document.querySelectorAll('article[role=main] *'))"
            ".filter(e => { const r = e.getBoundingClientRect();"
            " return r.width > 0 && r.right > document.documentElement.clientWidth + 1"
            " && getComputedStyle(e).visibility === 'visible'; })"
            ".map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 30))"
        )
        if cut:
            wide[name] = cut[:5]
        pg.screenshot(path=str(SHOTS / f"briefing-400-{scheme}-{name.replace('/', '_')}.png"))
    context.close()
    assert wide == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_at_1400(site: Any, browser: Any, scheme: str) -> None:
    """Every page kind, wide, in both schemes (look at them in $BRIEFING_SCREENSHOTS)."""
    url, data = site
    context = browser.new_context(viewport={"width": 1400, "height": 900}, color_scheme=scheme)
    pg = context.new_page()
    for name in _pages(data):
        pg.goto(f"{url}/{name}")
        pg.wait_for_timeout(200)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 1400, name
        pg.screenshot(path=str(SHOTS / f"briefing-1400-{scheme}-{name.replace('/', '_')}.png"))
    context.close()


def _dated(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in data["facts"] if (f["date"] or f["start"]) and f["kind"] != "era"]


def test_the_timeline_jump_lands_on_the_era(site: Any, page: Any) -> None:
    url, data = site
    page.goto(f"{url}/timeline.html")
    eras = [f for f in data["facts"] if f["kind"] == "era"]
    era = eras[len(eras) // 2]
    jump = page.get_by_label("Jump to era")
    jump.focus()  # from the keyboard: choose the era in the select
    jump.select_option(era["id"])
    section = page.locator(f"#tl-{era['id']}")
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " const axis = document.querySelector('.briefing-tl-axis').getBoundingClientRect();"
        " return r.top >= axis.bottom - 2 && r.top < window.innerHeight / 2; }",
        arg=f"tl-{era['id']}",
        timeout=5000,
    )
    assert era["title"] in section.locator("h2").inner_text()
    assert page.evaluate("document.activeElement.closest('section').id") == f"tl-{era['id']}"
    # its cards are the era's facts, in date order
    members = [f["title"] for f in _dated(data) if f["era"] == era["id"]]
    assert section.locator(".briefing-tl-title").all_inner_texts() == members
    # the era's band on the axis jumps there too
    page.evaluate("window.scrollTo(0, 0)")
    page.locator(".briefing-tl-band", has_text=eras[-1]["title"][:10]).first.click()
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight / 2; }",
        arg=f"tl-{eras[-1]['id']}",
        timeout=5000,
    )
    assert page.locator(".briefing-tl-here").is_visible()  # the part in view is marked


def test_the_timeline_filters_by_kind(site: Any, page: Any) -> None:
    url, data = site
    page.goto(f"{url}/timeline.html")
    cards = page.locator(".briefing-tl-card:visible")
    cards.first.wait_for()
    dated = _dated(data)
    assert cards.count() == len(dated)
    page.get_by_label("Visits").uncheck()
    page.get_by_label("Events").uncheck()
    shown = page.locator(".briefing-tl-card:visible .briefing-tl-title").all_inner_texts()
    assert shown == [f["title"] for f in dated if f["kind"] == "agreement"]
    page.get_by_label("Visits").check()
    page.get_by_label("Events").check()
    box = page.get_by_label("Contested only")
    box.focus()
    page.keyboard.press("Space")  # keyboard
    shown = page.locator(".briefing-tl-card:visible .briefing-tl-title").all_inner_texts()
    assert shown == [f["title"] for f in dated if f["status"] == "contested"]
    status = page.locator(".briefing-tl-status").inner_text()
    assert f"{len(shown)} of {len(dated)}" in status


@pytest.mark.parametrize("width", [1400, 400])
def test_the_timeline_clips_no_card(site: Any, browser: Any, width: int) -> None:
    url, data = site
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    pg.goto(f"{url}/timeline.html")
    pg.locator(".briefing-tl-card").first.wait_for()
    cut = pg.evaluate(
        "() => Array.from(document.querySelectorAll('.briefing-tl-card')).filter(c => {"
        " const r = c.getBoundingClientRect();"
        " return r.left < 0 || r.right > document.documentElement.clientWidth"
        " || c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1;"
        "}).map(c => c.innerText.slice(0, 40))"
    )
    assert cut == []
    assert pg.evaluate("document.documentElement.scrollWidth") <= width
    # partial and contested dates as the entries give them
    contested = next(f for f in _dated(data) if f["contested"] and any(
        p.get("field") in ("date", "start", "end") for p in f["contested"]))
    card = pg.locator(".briefing-tl-card", has_text=contested["title"]).first
    assert card.locator(".briefing-date-contested").inner_text().endswith("(contested)")
    context.close()


def test_the_timeline_without_script_lists_the_eras(site: Any, browser: Any) -> None:
    url, data = site
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(f"{url}/timeline.html")
    links = pg.locator(".briefing-tl-fallback a")
    eras = [f for f in data["facts"] if f["kind"] == "era"]
    assert links.count() == len(eras)
    assert links.first.get_attribute("href") == f"eras/{eras[0]['id']}.html#fact-{eras[0]['id']}"
    context.close()
