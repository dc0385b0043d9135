"""The timeline page: sphinx-timeline's node and look, fed from the model in Python."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx_timeline.main import TimelineDiv  # type: ignore[import-untyped]

from . import render as R
from .base import FactsDirective, register_directive
from .domain import fact_xref

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


class TimelineDirective(FactsDirective):
    """``briefing-timeline``: every dated fact on sphinx-timeline's horizontal line."""

    page_kind = "timeline"

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        return timeline_facts(book)

    def render(
        self, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[nodes.Node]:
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
        return [note, R.no_smartquotes(outer)]


def setup_timeline(app: Sphinx) -> None:
    """Register the timeline directive (sphinx_timeline must be loaded too)."""
    app.setup_extension("sphinx_timeline")
    register_directive(app, "briefing-timeline", TimelineDirective)
