"""The timeline page: sphinx-timeline's node and look, fed from the model in Python."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx_timeline.main import TimelineDiv  # type: ignore[import-untyped]

from . import render as R
from .data import depend_on, get_book
from .domain import fact_xref, mark_page, register_page_kind

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from checks.result import FactResult

    from .data import BookData


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


def _payload(book: BookData, arg: str) -> Any:
    return [book.json[r.fact.id] for r in timeline_facts(book)]


register_page_kind("timeline", _payload)


def timeline_item(r: FactResult, docname: str) -> nodes.list_item:
    """One card: date, kind, title (a link to the entry) and status."""
    fact = r.fact
    first = fact.first
    assert first is not None
    classes = ["tl-item", f"briefing-tl-{fact.kind}", f"briefing-status-{r.standing.value}"]
    if R.contested_fields(fact) & {"date", "start", "end"}:
        classes.append("briefing-tl-date-contested")
    card = TimelineDiv(classes=classes, dt=first.iso())
    content = TimelineDiv(classes=["tl-item-content"])
    content += R.para(
        R.date_node(fact),
        nodes.Text(" · "),
        R.text(R.KIND_LABELS[fact.kind], "briefing-kind"),
        classes=["briefing-tl-when"],
    )
    content += R.para(
        fact_xref(fact.id, R.text(fact.title), docname), classes=["briefing-tl-title"]
    )
    badges: list[nodes.Node] = []
    for badge in R.badges(r):
        badges += [badge, nodes.Text(" ")]
    content += R.para(*badges, classes=["briefing-tl-badges"])
    card += content
    return nodes.list_item("", card, classes=["timeline"])


class TimelineDirective(SphinxDirective):
    """``briefing-timeline``: every dated fact on sphinx-timeline's horizontal line."""

    def run(self) -> list[nodes.Node]:
        book = get_book(self.env)
        facts = timeline_facts(book)
        depend_on(self.env, book.paths_for(facts))
        line = nodes.enumerated_list(classes=["timeline-default", "briefing-timeline"])
        self.set_source_info(line)
        for r in facts:
            line += timeline_item(r, self.env.docname)
        outer = TimelineDiv(classes=["briefing-timeline-wrap"])
        outer += line
        # sphinx-timeline adds its CSS and JS to pages whose metadata says so
        self.env.metadata[self.env.docname]["timeline"] = True
        note = R.para(
            R.text(
                f"{len(facts)} dated facts, oldest first. Scroll sideways; "
                "dates show only the precision the sources give."
            ),
            classes=["briefing-muted"],
        )
        mark_page(note, book, "timeline")
        return [note, R.no_smartquotes(outer)]


def setup_timeline(app: Sphinx) -> None:
    """Register the timeline directive (sphinx_timeline must be loaded too)."""
    app.setup_extension("sphinx_timeline")
    app.add_directive("briefing-timeline", TimelineDirective)
