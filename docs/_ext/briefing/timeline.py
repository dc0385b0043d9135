"""The timeline page: a small page that loads the book's dated facts from
``timeline.json`` (written at the end of the build) and draws them with the
extension's own script: a year axis with era bands, a jump-to-era control, filters by
kind, one column of cards that never clips. Without JavaScript the page lists the eras
with links to their chapters, where the same facts stand in date order.

sphinx-timeline is not used: its horizontal strip of fixed-size cards has no axis,
bands or filters, and it needs every card in the page's HTML, which at 10,000 facts is
a 3 MB page.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from docutils import nodes

from . import render as R
from .base import FactsDirective, register_directive
from .data import get_book, loaded
from .domain import fact_xref
from .htmlnodes import data_div
from .stamp import note_published, published_current

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from checks.dates import PartialDate
    from checks.result import FactResult

    from .data import BookData

#: the data file, at the site root
DATA = "timeline.json"
#: the same data as a script, for a book opened from disk (file:// cannot fetch)
DATA_JS = "timeline.js"


def timeline_facts(book: BookData) -> list[FactResult]:
    """Every dated fact, oldest first; an era before the facts of its first year."""
    return sorted(
        book.dated(),
        key=lambda r: (
            r.fact.first.sort_key(),  # type: ignore[union-attr]
            r.fact.kind != "era",
            r.fact.id,
        ),
    )


def _era_rows(book: BookData) -> list[tuple[str, str, str, dict[str, int]]]:
    rows = []
    for r in book.eras:
        counts: dict[str, int] = {}
        for m in book.members.get(r.fact.id, []):
            counts[m.fact.kind] = counts.get(m.fact.kind, 0) + 1
        rows.append((r.fact.id, r.fact.title, R.date_text(r.fact), counts))
    return rows




def _years(d: PartialDate | None, last: bool = False) -> float | None:
    """A date as a fractional year (the start of its precision, or with ``last`` its
    end): where the axis puts it."""
    if d is None:
        return None
    if d.month is None:
        return d.year + (1.0 if last else 0.0)
    if d.day is None:
        return d.year + (d.month - (0 if last else 1)) / 12
    return d.year + (d.month - 1) / 12 + (d.day - (0 if last else 1)) / 366


def timeline_data(book: BookData, url_of: dict[str, str]) -> dict[str, Any]:
    """What the timeline script draws: the eras and every dated fact, in order.

    :param url_of: fact id -> its address from the site root (``eras/x.html#fact-y``)
    """
    eras = []
    for r in book.eras:
        f = r.fact
        eras.append(
            {
                "id": f.id,
                "title": f.title,
                "date": R.date_text(f),
                "start": _years(f.first),
                "end": _years(f.last, last=True),
                "within": f.details.get("within"),
                "url": url_of.get(f.id, ""),
            }
        )
    facts = []
    for r in timeline_facts(book):
        f = r.fact
        if f.kind == "era":
            continue
        facts.append(
            {
                "id": f.id,
                "kind": f.kind,
                "title": f.title,
                "date": R.date_text(f),
                "at": _years(f.first),
                "year": f.first.year if f.first else None,
                "era": book.era_of(r),
                "standing": r.standing.value,
                "single": r.single_source,
                "date_contested": bool(
                    R.contested_fields(f) & {"date", "start", "end"}
                ),
                "circa": f.circa,
                "url": url_of.get(f.id, ""),
            }
        )
    return {"eras": eras, "facts": facts}


def _write_if_changed(path: str, content: str) -> None:
    """Write atomically, and only when the content changed (a no-change build stays
    cheap)."""
    try:
        with open(path, encoding="utf-8") as fh:
            if fh.read() == content:
                return
    except FileNotFoundError:
        pass
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(content)
    os.replace(tmp, path)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Publish the timeline's data beside the pages."""
    if exception is not None or app.builder.format != "html":
        return
    if not loaded(app.env) and published_current(app):
        return
    book = get_book(app.env)
    domain = app.env.get_domain("briefing")
    url_of = {
        fact_id: f"{app.builder.get_target_uri(docname)}#{anchor}"
        for fact_id, (docname, anchor, _title) in domain.facts.items()  # type: ignore[attr-defined]
    }
    data = json.dumps(
        timeline_data(book, url_of), ensure_ascii=False, separators=(",", ":")
    )
    out = str(app.outdir)
    paths = [os.path.join(out, DATA), os.path.join(out, DATA_JS)]
    _write_if_changed(paths[0], data + "\n")
    _write_if_changed(paths[1], f"window.briefingTimelineData = {data};\n")
    note_published(app, paths)


class TimelineDirective(FactsDirective):
    """``briefing-timeline``: the timeline, drawn by ``briefing.js`` from
    ``timeline.json``; without script, the eras with links to their chapters."""

    page_kind = "timeline"

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        return timeline_facts(book)

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        """The eras and their counts only: a fact's edit re-reads the page only when
        it changes a count (the facts themselves live in ``timeline.json``)."""
        return [_era_rows(book), len(facts), len(book.members.get(None, []))]

    def render(
        self, book: BookData, arg: str, selected: list[FactResult]
    ) -> list[nodes.Node]:
        facts = [r for r in selected if r.fact.kind != "era"]
        up = "../" * self.env.docname.count("/")
        box = data_div(
            "",
            classes=["briefing-timeline", "briefing-wide", R.NO_SEARCH],
            data={"src": up + DATA, "script": up + DATA_JS},
        )
        box += R.para(
            R.text(
                "The interactive timeline needs JavaScript. Each era's chapter lists "
                "its facts in date order:"
            ),
            classes=["briefing-tl-fallback-note"],
        )
        items = nodes.bullet_list(classes=["briefing-tl-fallback"])
        for era_id, _title, date, counts in _era_rows(book):
            n = sum(counts.values())
            item = R.para(
                fact_xref(era_id, docname=self.env.docname),
                R.text(f" · {date} · {n} fact{'s' if n != 1 else ''}", "briefing-muted"),
            )
            items += nodes.list_item("", item)
        outside = len(book.members.get(None, []))
        if outside:
            items += nodes.list_item(
                "",
                R.para(R.text(f"{outside} facts lie outside every era.", "briefing-muted")),
            )
        box += items
        note = R.para(
            R.text(
                f"{len(facts)} dated facts in {len(book.eras)} eras, oldest first. "
                "Dates show only the precision the sources give; “c.” marks an "
                "approximate date and “(contested)” one the sources disagree on."
            ),
            classes=["briefing-muted"],
        )
        return [note, R.no_smartquotes(box)]


def setup_timeline(app: Sphinx) -> None:
    """Register the timeline directive and the data it loads."""
    register_directive(app, "briefing-timeline", TimelineDirective)
    app.connect("build-finished", on_build_finished)
