"""Editions on real builds: a small book built, saved, edited and built again; the
"What changed" page, the history lines and ``briefing diff`` agree on what changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from checks.commands import main as briefing

ENERGY = (
    "id: 2011-10-energy-working-group\nkind: event\n"
    'title: "Energy working group meets"\ndate: "2011-10"\nevent_type: meeting\n'
    "summary: A working group met to explore energy cooperation.\nsources:\n"
    "  - source: shaukat-2012-new-era\n"
    '    quote: "A working group of both countries had met in October, 2011 '
    'to explore cooperation in this sector."\n'
)
BHUTTO_CONTESTED = """\
contested:
  - question: When did ties first warm?
    claims:
      - value: "1974"
        source: shaukat-2012-new-era
        quote: "In 1974, the then Prime minister, Zulfikar Ali Bhutto visited Moscow."
      - value: on Bhutto's visit
        source: shaukat-2012-new-era
        quote: "For the first time in the history, Soviet Union's ties with Pakistan began to warm."
"""
CHANGELOG = """\
- fact: 2011-05-joint-communique
  change: "Title names energy, as the communiqué does."
- fact: 1974-bhutto-moscow-visit
  change: "Shaukat's 'first time' is now a contested point."
"""


def make_book(rootdir: Path, tmp_path: Path, name: str = "src") -> Path:
    """A copy of the test book with a "What changed" page and an editions folder."""
    src = tmp_path / name
    shutil.copytree(rootdir / "test-briefing", src)
    (src / "conf.py").write_text(
        (src / "conf.py").read_text()
        + 'briefing_editions_dir = "editions"\nexclude_patterns += ["editions"]\n'
    )
    (src / "changes.md").write_text("# What changed\n\n```{briefing-changes}\n```\n")
    index = src / "index.md"
    index.write_text(index.read_text().replace("contested\n", "contested\nchanges\n"))
    return src


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def history(out: Path, page: str, fact_id: str) -> str:
    entry = soup(out / page).find(id=f"fact-{fact_id}")
    line = entry.find(class_="briefing-history", recursive=False)
    return " ".join(line.get_text().split())


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def change_book(src: Path) -> None:
    """Add, remove and change facts; make one contested; move an assessment."""
    facts = src / "facts"
    (facts / "events/2011-10-energy-working-group.yaml").write_text(ENERGY)
    (facts / "events/1960-u2-incident.yaml").unlink()
    edit(facts / "agreements/2011-05-joint-communique.yaml",
         'title: "Joint communiqué on trade and investment"',
         'title: "Joint communiqué on trade, investment and energy"')
    bhutto = facts / "visits/1974-bhutto-moscow-visit.yaml"
    bhutto.write_text(bhutto.read_text() + BHUTTO_CONTESTED)
    sco = facts / "events/2007-08-sco-summit.yaml"
    edit(sco, "confidence: high\n      favours: observer",
         "confidence: low\n      favours: member")
    (src / "editions/changelog.yaml").write_text(CHANGELOG)


def test_book_built_twice_shows_what_changed(
    rootdir: Path, tmp_path: Path, make_app: Any, capsys: Any
) -> None:
    src = make_book(rootdir, tmp_path)
    out = src / "_build" / "html"
    first = make_app("html", srcdir=src, freshenv=True)
    first.build()
    assert first.warning.getvalue() == ""
    changes = soup(out / "changes.html").select_one(".briefing-changes").get_text()
    assert "No edition has been saved yet" in changes
    assert history(out, "eras/new-era.html", "2007-08-sco-summit") == (
        "History: new in this edition (not yet saved)")
    old_json = tmp_path / "first.json"
    shutil.copyfile(out / "facts.json", old_json)
    first.cleanup()

    # save the first edition; nothing else changes: every page shows it
    assert briefing(["edition", "save", str(src / "facts"), "--editions",
                     str(src / "editions"), "--date", "2026-01-01"]) == 0
    saved = make_app("html", srcdir=src)
    saved.build()
    assert saved.warning.getvalue() == ""
    assert history(out, "eras/new-era.html", "2007-08-sco-summit") == (
        "History: added in edition 1 (2026-01-01); unchanged since")
    intro = soup(out / "changes.html").select_one(".briefing-changes-intro").get_text()
    assert "compared with edition 1 (2026-01-01)" in intro
    assert "0 facts added, 0 changed, 0 removed" in intro
    saved.cleanup()

    # a changelog line alone re-reads the "What changed" page, no fact page
    (src / "editions/changelog.yaml").write_text(
        "- fact: 2011-11-lavrov-statement\n  change: \"Only a note.\"\n")
    noted = make_app("html", srcdir=src)
    seen: list[str] = []
    noted.connect("env-before-read-docs", lambda app, env, docs: seen.extend(docs))
    noted.build()
    assert seen == ["changes"]
    assert "Only a note." in soup(out / "changes.html").get_text()
    noted.cleanup()

    change_book(src)
    second = make_app("html", srcdir=src)
    second.build()
    assert second.warning.getvalue() == ""
    page = soup(out / "changes.html").select_one(".briefing-changes")
    _assert_page(page, out)
    assert history(out, "eras/new-era.html", "2011-05-joint-communique") == (
        "History: added in edition 1 (2026-01-01); last changed in this edition")
    assert history(out, "eras/new-era.html", "2011-10-energy-working-group") == (
        "History: new in this edition (not yet saved)")
    assert history(out, "eras/new-era.html", "2011-11-lavrov-statement") == (
        "History: added in edition 1 (2026-01-01); unchanged since")

    # the command line says the same, from the two builds' facts.json
    capsys.readouterr()
    assert briefing(["diff", str(old_json), str(out / "facts.json")]) == 1
    text = capsys.readouterr().out
    assert "added    2011-10-energy-working-group: Energy working group meets" in text
    assert "removed  1960-u2-incident: The U-2 incident" in text
    assert "changed  2011-05-joint-communique" in text
    assert "    fields: title\n" in text
    assert "changed  1974-bhutto-moscow-visit: Bhutto visits Moscow\n" \
           "    status: verified -> contested\n" in text
    assert ('    contested "Was Pakistan a member of the SCO in 2007?": favours '
            "observer -> member\n") in text
    assert "confidence high -> low" in text
    assert "lavrov" not in text
    # and from the saved edition to the facts folder, as JSON
    assert briefing(["diff", str(src / "editions/2026-01-01.json"), str(src / "facts"),
                     "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    facts = data["facts"]
    assert [f["id"] for f in facts["added"]] == ["2011-10-energy-working-group"]
    assert [f["id"] for f in facts["removed"]] == ["1960-u2-incident"]
    changed = {c["id"]: c for c in facts["changed"]}
    assert set(changed) == {"2011-05-joint-communique", "1974-bhutto-moscow-visit",
                            "2007-08-sco-summit"}
    assert changed["2011-05-joint-communique"]["fields"] == ["title"]
    assert changed["1974-bhutto-moscow-visit"]["status"] == {"old": "verified",
                                                             "new": "contested"}
    point = changed["2007-08-sco-summit"]["contested"][0]
    assert point["favours"] == {"old": "observer", "new": "member"}
    assert point["confidence"] == {"old": "high", "new": "low"}


def _assert_page(page: Any, out: Path) -> None:
    groups = {}
    for rubric in page.select("p.rubric"):
        groups[rubric.get_text()] = rubric.find_next_sibling("ul")
    assert list(groups) == ["Added", "Changed", "Removed"]
    added = groups["Added"].select_one("li a")
    assert added["href"].endswith("eras/new-era.html#fact-2011-10-energy-working-group")
    assert "The U-2 incident" in groups["Removed"].get_text()
    assert groups["Removed"].select("a") == []  # nowhere to link to any more
    items = {li.select_one("a")["href"].rsplit("#", 1)[1]: li
             for li in groups["Changed"].find_all("li", recursive=False)}
    assert set(items) == {"fact-2011-05-joint-communique", "fact-1974-bhutto-moscow-visit",
                          "fact-2007-08-sco-summit"}
    communique = items["fact-2011-05-joint-communique"]
    assert [li.get_text() for li in communique.select(".briefing-change-diff li")] == [
        "Fields changed: title"]
    assert [li.get_text() for li in communique.select(".briefing-changelog li")] == [
        "Title names energy, as the communiqué does."]
    bhutto = items["fact-1974-bhutto-moscow-visit"].get_text()
    assert "Status: verified → contested" in bhutto
    assert "Contested point “When did ties first warm?”: added" in bhutto
    assert "Shaukat's 'first time' is now a contested point." in bhutto
    sco = items["fact-2007-08-sco-summit"].get_text()
    assert "the editor now favours observer → member" in sco
    assert "confidence high → low" in sco
    # every link resolves to an entry that exists
    for a in page.select("a[href*='#fact-']"):
        target, anchor = a["href"].split("#")
        assert soup(out / target).find(id=anchor) is not None


def test_site_publishes_the_same_files_as_briefing_export(
    rootdir: Path, tmp_path: Path, make_app: Any
) -> None:
    src = make_book(rootdir, tmp_path, "published")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    out = Path(app.outdir)
    assert briefing(["export", str(src / "facts"), "--out", str(tmp_path / "cli")]) == 0
    cli = tmp_path / "cli"
    files = sorted(str(p.relative_to(cli)) for p in cli.rglob("*") if p.is_file())
    assert "exports/sources/shaukat-2012-new-era.bib" in files
    assert "exports/visits.csv" in files and "facts.schema.json" in files
    for rel in files:
        assert (out / rel).read_bytes() == (cli / rel).read_bytes(), rel


def test_titles_and_changelog_lines_are_text_on_the_changes_page(
    rootdir: Path, tmp_path: Path, make_app: Any
) -> None:
    """The lists of What changed are written as finished HTML: a fact's title (the test
    book has one made of markup) and an editor's changelog line stay literal text."""
    src = make_book(rootdir, tmp_path)
    hostile = '<script>alert(1)</script> <img src=x onerror=alert(1)> **bold** & "q"'
    (src / "editions").mkdir(exist_ok=True)
    (src / "editions/changelog.yaml").write_text(
        f"- fact: 2011-11-lavrov-statement\n  change: {json.dumps(hostile)}\n")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    box = soup(src / "_build" / "html" / "changes.html").select_one(".briefing-changes")
    text = box.get_text()
    for needle in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                   "**bold**", hostile):
        assert needle in text
    assert box.find("script") is None and box.find("img") is None
    assert not [k for t in box.find_all(True) for k in t.attrs if k.startswith("on")]
    entry = next(li for li in box.select("li.briefing-change")
                 if "2011-11-lavrov-statement" in li.get_text())
    assert entry.select_one(".briefing-changelog li").get_text() == hostile
