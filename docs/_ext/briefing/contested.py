"""The contested points: every question the sources answer differently."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from . import render as R
from .base import FactsDirective, register_directive
from .deferred import defer, register_builder
from .domain import fact_xref
from .eras import shown_payload

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from checks.result import FactResult

    from .data import BookData


def contested_facts(book: BookData) -> list[FactResult]:
    return sorted(
        (r for r in book.result.facts if r.fact.contested),
        key=lambda r: r.fact.sort_key(),
    )


class ContestedDirective(FactsDirective):
    """``briefing-contested``: each contested fact with its claims side by side."""

    page_kind = "contested"

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        return contested_facts(book)

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        return shown_payload(book, facts)

    def render(
        self, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[nodes.Node]:
        intro = R.para(
            R.text(
                f"{sum(len(r.fact.contested) for r in facts)} contested points "
                f"in {len(facts)} facts."
            ),
            classes=["briefing-muted"],
        )
        toc = [(f"contested-{r.fact.id}", r.fact.title) for r in facts]
        return [intro, defer("contested", toc=toc)]


def _build(book: BookData, docname: str, arg: str) -> list[nodes.Node]:
    return [R.no_smartquotes(_entry(book, r, docname)) for r in contested_facts(book)]


register_builder("contested", _build)


def _entry(book: BookData, r: FactResult, docname: str) -> nodes.section:
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
    register_directive(app, "briefing-contested", ContestedDirective)
