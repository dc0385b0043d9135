"""Era chapters: the era's own evidence, then its facts in date order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from . import render as R
from .data import depend_on, get_book
from .domain import fact_xref, mark_page, register_page_kind
from .history import history_placeholder
from .jsonld import placeholder as jsonld_placeholder
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


def _era_payload(book: BookData, era_id: str) -> Any:
    try:
        era, facts = era_facts(book, era_id)
    except LookupError:
        return None
    shown = ([era] if era else []) + facts
    sources = sorted({s for r in shown for s in r.source_ids})
    return (
        [book.json[r.fact.id] for r in shown],
        [
            (s, book.sources[s].title, book.sources[s].author)
            for s in sources
            if s in book.sources
        ],
    )


def _eralist_payload(book: BookData, arg: str) -> Any:
    return [
        (
            r.fact.id,
            r.fact.title,
            R.date_text(r.fact),
            len(book.members.get(r.fact.id, [])),
        )
        for r in book.eras
    ]


register_page_kind("era", _era_payload)
register_page_kind("era-list", _eralist_payload)


class EraDirective(SphinxDirective):
    """``briefing-era <era-id>``: the whole chapter of one era."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        book = get_book(self.env)
        era_id = self.arguments[0]
        try:
            era, facts = era_facts(book, era_id)
        except LookupError:
            raise self.error(f"unknown era '{era_id}'") from None
        shown = ([era] if era else []) + facts
        depend_on(self.env, book.paths_for(shown))
        section = self._chapter(book, era, facts)
        mark_page(section, book, "era", era_id)
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
            section += [
                history_placeholder(era.fact.id),
                jsonld_placeholder(era.fact.id),
            ]
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


def _dated_title(r: FactResult) -> bool:
    """Whether an era's title already gives its years (then they are not repeated)."""
    first, last = r.fact.first, r.fact.last
    return (
        first is not None
        and last is not None
        and str(first.year) in r.fact.title
        and str(last.year) in r.fact.title
    )


class EraListDirective(SphinxDirective):
    """``briefing-era-list``: the eras in chronological order, with links."""

    def run(self) -> list[nodes.Node]:
        book = get_book(self.env)
        items = nodes.bullet_list(classes=["briefing-era-list"])
        for r in book.eras:
            count = len(book.members.get(r.fact.id, []))
            item = R.para(fact_xref(r.fact.id, docname=self.env.docname))
            if not _dated_title(r):
                item += [nodes.Text(" — "), R.date_node(r.fact)]
            item += R.text(
                f" · {count} fact{'s' if count != 1 else ''}", "briefing-muted"
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
        depend_on(self.env, book.paths_for(book.eras))
        mark_page(items, book, "era-list")
        return [R.no_smartquotes(items)]


def setup_eras(app: Sphinx) -> None:
    """Register the era directives."""
    app.add_directive("briefing-era", EraDirective)
    app.add_directive("briefing-era-list", EraListDirective)
