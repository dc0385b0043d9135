"""The home page's summary: what the book holds, in numbers."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from checks.problems import Standing

from . import render as R
from .base import FactsDirective, register_directive

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx

    from checks.result import FactResult

    from .data import BookData


def counts(book: BookData) -> dict[str, int]:
    """The numbers the home page states."""
    kinds = {"agreement": 0, "visit": 0, "event": 0}
    standing = {Standing.CONTESTED: 0, Standing.VERIFIED: 0, Standing.UNVERIFIED: 0}
    points = single = quotes = 0
    for r in book.result.facts:  # one pass: a fact's standing is worked out per call
        if r.fact.kind in kinds:
            kinds[r.fact.kind] += 1
        s = r.standing
        if s in standing:
            standing[s] += 1
        points += len(r.fact.contested)
        single += bool(r.single_source)
        quotes += len(r.quotes)
    return {
        "eras": len(book.eras),
        "facts": len(book.result.facts),
        "agreements": kinds["agreement"],
        "visits": kinds["visit"],
        "events": kinds["event"],
        "sources": len(book.sources),
        "contested_points": points,
        "contested_facts": standing[Standing.CONTESTED],
        "verified": standing[Standing.VERIFIED],
        "unverified": standing[Standing.UNVERIFIED],
        "single_source": single,
        "quotes": quotes,
    }


#: the PDF of the book (``nox -s pdf`` prints it into the HTML output folder)
PDF_NAME = "briefing-book.pdf"
#: where this build's PDF would be (set at builder-inited)
_PDF: dict[str, str] = {"path": ""}


def pdf_built() -> bool:
    """Whether the book's PDF sits in the HTML output (the home page links it)."""
    return bool(_PDF["path"]) and os.path.isfile(_PDF["path"])


class SummaryDirective(FactsDirective):
    """``briefing-summary``: counts of facts, sources and contested points."""

    page_kind = "summary"

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        return list(book.result.facts)

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        """The numbers, and whether the PDF link is shown (not the facts: a fact's
        edit re-reads the home page only when it changes a count)."""
        return counts(book), pdf_built()

    def render(
        self, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[nodes.Node]:
        c = counts(book)
        table = nodes.bullet_list(classes=["briefing-counts"])
        rows = [
            (
                c["facts"],
                "facts",
                f"{c['eras']} eras, {c['agreements']} agreements, {c['visits']} visits, "
                f"{c['events']} events",
            ),
            (
                c["sources"],
                "archived sources",
                f"{c['quotes']} quotes checked against them",
            ),
            (
                c["contested_points"],
                "contested points",
                f"in {c['contested_facts']} facts where the sources disagree",
            ),
            (c["single_source"], "single-source facts", "resting on one source only"),
            (c["unverified"], "unverified facts", "whose evidence does not hold"),
        ]
        for number, name, note in rows:
            table += nodes.list_item(
                "",
                R.para(
                    R.text(str(number), "briefing-count"),
                    nodes.Text(" "),
                    R.label(name),
                    R.text(f" — {note}", "briefing-muted"),
                ),
            )
        if not pdf_built():
            return [table]
        up = "../" * self.env.docname.count("/")
        link = nodes.reference(
            "", f"The whole book as PDF ({PDF_NAME})", refuri=up + PDF_NAME,
            internal=False,
        )
        return [table, R.para(link, classes=["briefing-pdf-link", R.NO_SEARCH])]


class BadgeRole(SphinxRole):
    """``{briefing-badge}`verified```: a status badge, as the entries show it."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        if self.text not in R.BADGE_MEANINGS:
            msg = self.inliner.reporter.error(
                f"unknown badge {self.text!r}; one of: {', '.join(R.BADGE_MEANINGS)}",
                line=self.lineno)
            return [], [msg]
        return [R.badge(self.text)], []


def on_builder_inited(app: Sphinx) -> None:
    """Note where the PDF would be, for HTML builds."""
    _PDF["path"] = (
        os.path.join(str(app.outdir), PDF_NAME) if app.builder.format == "html" else ""
    )


def setup_home(app: Sphinx) -> None:
    """Register the summary directive and the badge role."""
    app.connect("builder-inited", on_builder_inited)
    register_directive(app, "briefing-summary", SummaryDirective)
    app.add_role("briefing-badge", BadgeRole())
