"""Comparison books for the Sphinx benchmark: the same pages as the briefing book.

Every variant has the book's page structure (its era pages, or an era's year pages when
the book splits it, registers, timeline, contested points, the sources index and one
page per source, with the same toctrees) and differs only in how a fact is written:

- ``bare-full-nav``: plain text, each fact a section, every source page in the site's
  table of contents (the navigation the book had before; its cost grows with the
  square of the page count);
- ``bare-book-nav``: plain text with the navigation the book uses: a fact is a labelled
  paragraph, not a section, and above 20 sources the source pages are reached from the
  sources index, not the sidebar;
- ``needs``: sphinx-needs, each fact a need object with its summary and quotes, one
  ``needtable`` of all facts on the timeline page, the book's navigation.
"""

from __future__ import annotations

import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
for _p in (ROOT, os.path.join(ROOT, "docs", "_ext")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

VARIANTS = ("bare-full-nav", "bare-book-nav", "needs")
SIDEBAR_SOURCES = 20
FENCE = "```"


def _toctree(entries: list[str], hidden: bool = True) -> str:
    body = "".join(f"{e}\n" for e in entries)
    return f"{FENCE}{{toctree}}\n" + (":hidden:\n" if hidden else "") + f"\n{body}{FENCE}\n"


def _entry(variant: str, n: int, r: object) -> str:
    fact = r.fact  # type: ignore[attr-defined]
    quotes = "".join(f"\n> {q.text}\n" for q in fact.all_quotes())
    if variant == "bare-full-nav":
        return f"## {fact.title}\n\n{fact.summary}\n{quotes}\n"
    if variant == "bare-book-nav":
        return f"(fact-{fact.id})=\n**{fact.title}**\n\n{fact.summary}\n{quotes}\n"
    status = r.standing.value  # type: ignore[attr-defined]
    return (
        f"{FENCE}{{req}} {fact.title}\n:id: F{n:05d}\n:status: {status}\n\n"
        f"{fact.summary}\n{quotes}{FENCE}\n\n"
    )


def pages(facts_dir: str, variant: str, page_facts: int = 200) -> dict[str, str]:
    """Markdown pages (docname -> text) of one variant for the book in ``facts_dir``."""
    from briefing.data import BookData, _index
    from briefing.pages import build_layout

    from checks.api import check_path

    book = BookData(check_path(facts_dir), facts_dir, False)
    _index(book)
    layout = build_layout(book, page_facts)
    number = {r.fact.id: n for n, r in enumerate(book.result.facts, 1)}
    out: dict[str, list[str]] = {}
    chapters = layout.chapters()
    for key in chapters:
        era = book.by_id.get(key)
        head = [f"# {era.fact.title if era else 'Outside the eras'}\n\n"]
        if era is not None:
            head.append(f"{era.fact.summary}\n\n")
        periods = layout.periods.get(key, [])
        if periods:
            head.append(_toctree([f"{key}/{p.label}" for p in periods], hidden=False))
            for p in periods:
                out[p.docname] = [f"# {key}: {p.label}\n\n"] + [
                    _entry(variant, number[r.fact.id], r) for r in p.facts
                ]
        else:
            members = book.members.get(None if era is None else key, [])
            head += [_entry(variant, number[r.fact.id], r) for r in members]
        out[f"eras/{key}"] = head
    out["eras/index"] = ["# Eras\n\n", _toctree(chapters)]
    for reg, kind in (("agreements", "agreement"), ("visits", "visit")):
        out[reg] = [f"# {reg.title()}\n\n"] + [
            f"- {r.fact.id}: {r.fact.title}\n" for r in book.result.facts
            if r.fact.kind == kind
        ]
    out["contested"] = ["# Contested\n\n"] + [
        f"- {r.fact.id}: {r.fact.title}\n" for r in book.result.facts if r.fact.contested
    ]
    if variant == "needs":
        out["timeline"] = [
            "# Timeline\n\n",
            f"{FENCE}{{needtable}}\n:columns: id;title;status\n:sort: id\n{FENCE}\n",
        ]
    else:
        out["timeline"] = ["# Timeline\n\n"] + [
            f"- {r.fact.id}: {r.fact.title}\n" for r in book.result.facts
        ]
    sources = sorted(book.sources)
    listed = variant == "bare-full-nav" or len(sources) <= SIDEBAR_SOURCES
    for sid, text in book.result.texts.items():
        head = "" if listed else "---\norphan: true\n---\n"
        out[f"sources/{sid}"] = [f"{head}# Source {sid}\n\n"] + [
            p + "\n\n" for p in text.raw.split("\n\n")
        ]
    out["sources/index"] = ["# Sources\n\n"] + [
        f"- [{s}]({s}.md)\n" for s in sources
    ] + (["\n", _toctree(sources)] if listed else [])
    regs = ["eras/index", "agreements", "visits", "timeline", "contested", "sources/index"]
    out["index"] = ["# Book\n\n", _toctree(regs, hidden=False)]
    return {name: "".join(parts) for name, parts in out.items()}


CONF = {
    "bare-full-nav": 'extensions = ["myst_parser"]\n',
    "bare-book-nav": 'extensions = ["myst_parser"]\n',
    "needs": 'extensions = ["myst_parser", "sphinx_needs"]\nneeds_id_regex = ".*"\n',
}


def write(facts_dir: str, variant: str, src: str, page_facts: int = 200) -> None:
    """Write the variant's source folder (replacing any earlier one)."""
    shutil.rmtree(src, ignore_errors=True)
    for name, text in pages(facts_dir, variant, page_facts).items():
        path = os.path.join(src, name + ".md")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    with open(os.path.join(src, "conf.py"), "w", encoding="utf-8") as fh:
        fh.write(CONF[variant] + 'html_theme = "furo"\nsuppress_warnings = ["myst.xref_missing"]\n')


if __name__ == "__main__":
    write(sys.argv[1], sys.argv[2], sys.argv[3])
