"""The contested points: every question the sources answer differently."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from . import render as R
from .data import depend_on, get_book
from .domain import fact_xref, mark_page, register_page_kind

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from checks.result import FactResult

    from .data import BookData


def contested_facts(book: BookData) -> list[FactResult]:
    return sorted(
        (r for r in book.result.facts if r.fact.contested),
        key=lambda r: r.fact.sort_key(),
    )


def _payload(book: BookData, arg: str) -> Any:
    return [book.json[r.fact.id] for r in contested_facts(book)]


register_page_kind("contested", _payload)


class ContestedDirective(SphinxDirective):
    """``briefing-contested``: each contested fact with its claims side by side."""

    def run(self) -> list[nodes.Node]:
        book = get_book(self.env)
        facts = contested_facts(book)
        depend_on(self.env, book.paths_for(facts))
        intro = R.para(
            R.text(
                f"{sum(len(r.fact.contested) for r in facts)} contested points "
                f"in {len(facts)} facts."
            ),
            classes=["briefing-muted"],
        )
        mark_page(intro, book, "contested")
        return [intro] + [R.no_smartquotes(self._entry(book, r)) for r in facts]

    def _entry(self, book: BookData, r: FactResult) -> nodes.section:
        docname = self.env.docname
        entry = nodes.section(
            ids=[f"contested-{r.fact.id}"], classes=["briefing-contested-entry"]
        )
        entry += nodes.title(r.fact.title, r.fact.title)
        entry += R.meta_line(r)
        entry += R.para(
            R.text("Full entry: "),
            fact_xref(r.fact.id, docname=docname),
            classes=["briefing-muted"],
        )
        for contest in r.fact.contested:
            entry += R.contest_block(book, r, contest, docname)
        return entry


def setup_contested(app: Sphinx) -> None:
    """Register the contested directive."""
    app.add_directive("briefing-contested", ContestedDirective)
