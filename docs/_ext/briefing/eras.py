"""Era chapters: the era's own evidence, then its facts in date order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from . import render as R
from .base import FactsDirective, register_directive
from .domain import fact_xref
from .stubs import OUTSIDE

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from checks.result import FactResult

    from .data import BookData


def era_facts(
    book: BookData, era_id: str
) -> tuple[FactResult | None, list[FactResult]]:
    """The era (``None``: the page of facts outside every era) and its facts."""
    if era_id == OUTSIDE:
        return None, book.members.get(None, [])
    era = book.by_id.get(era_id)
    if era is None or era.fact.kind != "era":
        raise LookupError(era_id)
    return era, book.members.get(era_id, [])


class EraDirective(FactsDirective):
    """``briefing-era <era-id>``: the whole chapter of one era."""

    required_arguments = 1
    page_kind = "era"

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        """The era itself (none for the page outside the eras), then its facts."""
        try:
            era, facts = era_facts(book, arg)
        except LookupError:
            raise LookupError(f"unknown era '{arg}'") from None
        return ([era] if era else []) + facts

    def render(
        self, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[nodes.Node]:
        era = facts[0] if arg != OUTSIDE else None
        section = self._chapter(book, era, facts[1:] if era else facts)
        return [R.no_smartquotes(section)]

    def _chapter(
        self, book: BookData, era: FactResult | None, facts: list[FactResult]
    ) -> nodes.section:
        docname = self.env.docname
        if era is None:
            title = "Outside the eras"
            section = nodes.section(ids=["outside-eras"], classes=["briefing-era"])
            section += nodes.title(title, title)
            section += R.para(R.text("Facts whose date no era of the book holds."))
        else:
            section = nodes.section(
                ids=[f"fact-{era.fact.id}"], classes=["briefing-era"]
            )
            section["briefing_fact"] = era.fact.id
            section["briefing_title"] = era.fact.title
            section += nodes.title(era.fact.title, era.fact.title)
            section += R.meta_line(era, with_kind=False)
            section += R.para(R.text(era.fact.summary), classes=["briefing-summary"])
            section += _contents(facts)
            section += R.evidence(book, era, docname)
            section += [
                R.contest_block(book, era, c, docname) for c in era.fact.contested
            ]
            note = R.editor_note(era.fact)
            if note is not None:
                section += note
        for r in facts:
            section += R.fact_section(book, r, docname)
        return section


def _contents(facts: list[FactResult]) -> nodes.Element:
    counts: dict[str, int] = {}
    for r in facts:
        counts[r.fact.kind] = counts.get(r.fact.kind, 0) + 1
    if not counts:
        return R.para(
            R.text("No agreement, visit or event of this era is recorded yet."),
            classes=["briefing-muted"],
        )
    parts = [
        f"{n} {R.KIND_LABELS[k].lower()}{'s' if n != 1 else ''}"
        for k, n in sorted(counts.items())
    ]
    return R.para(
        R.label("In this chapter:"),
        nodes.Text(" " + ", ".join(parts) + ", in date order."),
    )


class EraListDirective(FactsDirective):
    """``briefing-era-list``: the eras in chronological order, with links."""

    page_kind = "era-list"

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        return book.eras

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        outside = len(book.members.get(None, []))
        return [
            (r.fact.id, r.fact.title, R.date_text(r.fact), len(book.members.get(r.fact.id, [])))
            for r in facts
        ], outside

    def render(
        self, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[nodes.Node]:
        items = nodes.bullet_list(classes=["briefing-era-list"])
        for r in facts:
            count = len(book.members.get(r.fact.id, []))
            item = R.para(
                fact_xref(r.fact.id, docname=self.env.docname),
                nodes.Text(" — "),
                R.date_node(r.fact),
                R.text(f" · {count} fact{'s' if count != 1 else ''}", "briefing-muted"),
            )
            items += nodes.list_item("", item)
        if book.members.get(None):
            items += nodes.list_item(
                "",
                R.para(
                    R.text(
                        f"{len(book.members[None])} facts lie outside every era.",
                        "briefing-muted",
                    )
                ),
            )
        return [R.no_smartquotes(items)]


def setup_eras(app: Sphinx) -> None:
    """Register the era directives."""
    register_directive(app, "briefing-era", EraDirective)
    register_directive(app, "briefing-era-list", EraListDirective)
