"""The contested points: every question the sources answer differently."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from checks.problems import Standing

from . import html as H
from . import render as R
from .base import FactsDirective, register_directive
from .deferred import defer, register_builder
from .eras import shown_payload
from .html import fragment_node
from .htmlnodes import data_div
from .registers import build_table

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from checks.model import Contest
    from checks.result import FactResult

    from .data import BookData
    from .html import Page


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

    @classmethod
    def dependencies(
        cls, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[str]:
        """The contested facts' own files."""
        return sorted({book.result.path(r.fact.file) for r in facts})

    def render(
        self, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[nodes.Node]:
        points = sum(len(r.fact.contested) for r in facts)
        concerned = sum(r.standing is Standing.CONTESTED for r in book.result.facts)
        shown = f"{points} contested points, declared on {len(facts)} facts"
        if concerned > len(facts):  # a point declared once may concern several facts
            shown += (f"; with the other facts a point concerns, {concerned} facts "
                      "are contested")
        intro = R.para(R.text(shown + "."), classes=["briefing-muted"])
        toc = [(f"contested-{r.fact.id}", r.fact.title) for r in facts]
        return [intro, defer("contested", toc=toc)]


def _build(book: BookData, page: Page, arg: str) -> list[nodes.Node]:
    facts = contested_facts(book)
    return [
        R.no_smartquotes(_overview(book, facts)),
        *[R.no_smartquotes(_entry(book, r, page)) for r in facts],
    ]


register_builder("contested", _build)


def _entry(book: BookData, r: FactResult, page: Page) -> nodes.section:
    entry = nodes.section(
        ids=[f"contested-{r.fact.id}"], classes=["briefing-contested-entry"]
    )
    entry += nodes.title(r.fact.title, r.fact.title)
    body = [
        R.meta_line(r),
        H.para(H.span("Full entry: "), page.fact(r.fact.id), classes="briefing-muted"),
    ]
    words: list[str] = [R.date_text(r.fact)]
    for k, contest in enumerate(r.fact.contested, 1):
        body.append(R.contest_block(book, r, contest, page, anchor=point_anchor(r.fact.id, k)))
        words += R.contest_words(book, r, contest)
    entry += fragment_node(H.join(body), " ".join(w for w in words if w))
    return entry


def point_anchor(fact_id: str, k: int) -> str:
    """The anchor of a fact's k-th contested point on this page."""
    return f"point-{fact_id}-{k}"


def _overview(book: BookData, facts: list[FactResult]) -> nodes.Element:
    """One row per contested point: question, claims with sources, the editor's
    reading; each row links to the full point below."""
    columns = [
        ("Question", 28, None),
        ("Claims (source)", 40, None),
        ("Editor's reading", 32, None),
    ]
    rows: list[list[list[nodes.Node]]] = []
    for r in facts:
        for k, contest in enumerate(r.fact.contested, 1):
            question: list[nodes.Node] = [
                nodes.reference(
                    "", "", R.text(contest.question), refid=point_anchor(r.fact.id, k)
                ),
                nodes.Text(" "),
                R.text(f"({r.fact.title})", "briefing-muted"),
            ]
            rows.append([question, _claims(book, contest), _reading(contest)])
    table = build_table(columns, rows, ["briefing-register", "briefing-overview"])
    return data_div(
        "",
        table,
        classes=["briefing-overview-wrap", "briefing-wide"],
        data={"register": "contested"},
    )


def _claims(book: BookData, contest: Contest) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    values = list(dict.fromkeys(c.value for c in contest.claims))
    for i, value in enumerate(values):
        if i:
            out.append(nodes.Text(" · "))
        out.append(R.text(R.value_text(value), "briefing-claim-value"))
        names = []
        for claim in contest.claims:
            if claim.value == value:
                src = book.sources.get(claim.quote.source)
                names.append(src.author if src else claim.quote.source)
        out.append(R.text(f" ({R.join_names(names)})", "briefing-muted"))
    return out


def _reading(contest: Contest) -> list[nodes.Node]:
    a = contest.assessment
    if a is None:
        return [R.text("no assessment", "briefing-muted")]
    shown = a.text if len(a.text) <= 160 else a.text[:157].rsplit(" ", 1)[0] + " …"
    out: list[nodes.Node] = [R.text(shown), nodes.Text(" ")]
    conf = f"confidence: {a.confidence}"
    if a.favours:
        conf += f"; favours {R.value_text(a.favours)}"
    out.append(R.text(f"({conf})", "briefing-confidence"))
    return out


def setup_contested(app: Sphinx) -> None:
    """Register the contested directive."""
    register_directive(app, "briefing-contested", ContestedDirective)
