"""Era chapters: the era's own evidence, then its facts in date order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from . import html as H
from . import render as R
from .base import FactsDirective, register_directive
from .deferred import defer, register_builder
from .domain import fact_xref
from .history import history_placeholder
from .html import fragment_node
from .jsonld import placeholder as jsonld_placeholder
from .pages import OUTSIDE, get_layout, layout_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from checks.result import FactResult

    from .data import BookData
    from .html import Page


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


def shown_payload(book: BookData, shown: list[FactResult]) -> Any:
    """What a page of entries renders: each entry, the facts it links to, and the
    sources its quotes name."""
    layout = layout_of(book)
    sources = sorted({s for r in shown for s in r.source_ids})
    related = sorted({i for r in shown for i in r.fact.related})
    return (
        [layout.shown(r.fact.id) for r in shown],
        layout.links([r.fact.id for r in shown] + related),
        [
            (s, book.sources[s].title, book.sources[s].author)
            for s in sources
            if s in book.sources
        ],
    )




def _entries(facts: list[FactResult] | tuple[FactResult, ...]) -> list[Any]:
    return [(r.fact.id, f"fact-{r.fact.id}", r.fact.title) for r in facts]


class EraDirective(FactsDirective):
    """``briefing-era <era-id>``: the whole chapter of one era."""

    page_kind = "era"
    required_arguments = 1

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        """The era's own entry (none for the page outside the eras), then its facts."""
        try:
            era, facts = era_facts(book, arg)
        except LookupError:
            raise LookupError(f"unknown era '{arg}'") from None
        return ([era] if era else []) + facts

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        periods = layout_of(book).periods.get(arg)
        if periods:  # the chapter page lists its years, its own entry in full
            years = [(p.label, len(p.facts)) for p in periods]
            return shown_payload(book, facts[:0] if arg == OUTSIDE else facts[:1]), years
        return shown_payload(book, facts)

    def render(
        self, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[nodes.Node]:
        era = None if arg == OUTSIDE else facts[0]
        members = facts if era is None else facts[1:]
        periods = get_layout(self.env).periods.get(arg, [])
        if era is None:
            title = "Outside the eras"
            section = nodes.section(ids=["outside-eras"], classes=["briefing-era"])
        else:
            title = era.fact.title
            section = nodes.section(
                ids=[f"fact-{era.fact.id}"], classes=["briefing-era"]
            )
            section["briefing_fact"] = era.fact.id
            section["briefing_title"] = era.fact.title
        section += nodes.title(title, title)
        section += defer("era", arg, _entries([] if periods else members))
        return [R.no_smartquotes(section)]


def _build_era(book: BookData, page: Page, era_id: str) -> list[nodes.Node]:
    era, facts = era_facts(book, era_id)
    periods = layout_of(book).periods.get(era_id, [])
    out: list[nodes.Node] = []
    if era is None:
        out.append(R.para(R.text("Facts whose date no era of the book holds.")))
    else:
        intro = H.join([
            R.meta_line(era, with_kind=False),
            H.para(H.span(era.fact.summary), classes="briefing-summary"),
        ])
        out.append(fragment_node(intro, " ".join([R.date_text(era.fact), era.fact.summary])))
        out.append(_contents(facts))
        body = H.join([
            R.evidence(book, era, page),
            *[R.contest_block(book, book.by_id[owner.id], c, page, shown_on=era)
              for owner, c in era.contests],
            R.editor_note(era.fact),
        ])
        words = [q for quote in era.fact.quotes for q in R.quote_words(book, quote)]
        for owner, c in era.contests:
            words += R.contest_words(book, book.by_id[owner.id], c)
        out.append(fragment_node(body, " ".join([*filter(None, words),
                                                 R.note_text(era.fact)])))
        out += [history_placeholder(era.fact.id), jsonld_placeholder(era.fact.id)]
    if periods:
        out.append(_year_list(era_id, facts, periods, page.docname))
    else:
        out += [R.fact_section(book, r, page) for r in facts]
    return out


register_builder("era", _build_era)


def _doc_link(docname: str, label: str, fromdoc: str) -> nodes.Element:
    return addnodes.pending_xref(
        "",
        R.text(label),
        refdomain="std",
        reftype="doc",
        reftarget="/" + docname,
        refexplicit=True,
        refdoc=fromdoc,
        refwarn=True,
    )


def _year_list(
    era_id: str, facts: list[FactResult], periods: list[Any], docname: str
) -> nodes.Element:
    """A long era's years, each a page of its own, with the number of entries."""
    items = nodes.bullet_list(classes=["briefing-era-years"])
    for p in periods:
        n = len(p.facts)
        items += nodes.list_item(
            "",
            R.para(
                _doc_link(p.docname, p.label, docname),
                R.text(f" · {n} fact{'s' if n != 1 else ''}", "briefing-muted"),
            ),
        )
    return nodes.container(
        "",
        R.para(R.label("By year:"), R.text(" one page per year, in date order.")),
        items,
        classes=["briefing-era-periods"],
    )


class EraPeriodDirective(FactsDirective):
    """``briefing-era-period <era-id> <year>``: one year of a long era's entries."""

    page_kind = "era-period"
    required_arguments = 2

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        era_id, _, label = arg.partition(" ")
        try:
            return list(layout_of(book).period(era_id, label).facts)
        except LookupError:
            raise LookupError(f"unknown era page '{arg}'") from None

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        era = book.by_id.get(arg.partition(" ")[0])
        return (era.fact.title if era else None), shown_payload(book, facts)

    def render(
        self, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[nodes.Node]:
        era_id, _, label = arg.partition(" ")
        era = book.by_id.get(era_id)
        title = f"{era.fact.title}: {label}" if era else f"Outside the eras: {label}"
        section = nodes.section(
            ids=[f"period-{era_id}-{label}"],
            classes=["briefing-era", "briefing-period"],
        )
        section += nodes.title(title, title)
        section += defer("era-period", arg, _entries(facts))
        return [R.no_smartquotes(section)]


def _build_period(book: BookData, page: Page, arg: str) -> list[nodes.Node]:
    era_id, _, label = arg.partition(" ")
    period = layout_of(book).period(era_id, label)
    intro = R.para(R.text("Entries of "), classes=["briefing-muted"])
    intro += R.text(label if label != "undated" else "no known date")
    intro += R.text(", in date order; part of ")
    intro += (
        fact_xref(era_id, docname=page.docname)
        if era_id in book.by_id
        else _doc_link(f"eras/{era_id}", "Outside the eras", page.docname)
    )
    intro += R.text(".")
    return [intro] + [R.fact_section(book, r, page) for r in period.facts]


register_builder("era-period", _build_period)


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


class EraListDirective(FactsDirective):
    """``briefing-era-list``: the eras in chronological order, with links."""

    page_kind = "era-list"

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        return list(book.eras)

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        """Each era's title, dates and number of facts, and the number outside."""
        return [
            (
                r.fact.id,
                r.fact.title,
                R.date_text(r.fact),
                len(book.members.get(r.fact.id, [])),
            )
            for r in facts
        ], len(book.members.get(None, []))

    def render(
        self, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[nodes.Node]:
        items = nodes.bullet_list(classes=["briefing-era-list"])
        for r in facts:
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
        return [R.no_smartquotes(items)]


def setup_eras(app: Sphinx) -> None:
    """Register the era directives."""
    register_directive(app, "briefing-era", EraDirective)
    register_directive(app, "briefing-era-period", EraPeriodDirective)
    register_directive(app, "briefing-era-list", EraListDirective)
