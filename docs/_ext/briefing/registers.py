"""Registers: tables of all agreements or all visits, in date order."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes

from checks import fields as F

from . import render as R
from .base import FactsDirective, register_directive
from .deferred import defer, register_builder
from .pages import layout_of
from .domain import fact_xref
from .htmlnodes import data_div

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from checks.result import FactResult

    from .data import BookData
    from .html import Page


def _join(value: Any) -> str:
    if not value:
        return "—"
    return value if isinstance(value, str) else R.join_names(value)


def _detail(key: str) -> Callable[[FactResult, str], list[nodes.Node]]:
    return lambda r, doc: [R.text(_join(r.fact.details.get(key)))]


def _link(key: str | None) -> Callable[[FactResult, str], list[nodes.Node]]:
    def cell(r: FactResult, docname: str) -> list[nodes.Node]:
        shown = (r.fact.details.get(key) if key else None) or r.fact.title
        assert isinstance(shown, str)
        out: list[nodes.Node] = [fact_xref(r.fact.id, R.text(shown), docname)]
        role = r.fact.details.get("role") if key == "visitor" else None
        if role and str(role).casefold() not in shown.casefold():
            out += [nodes.Text(", "), R.text(str(role), "briefing-role")]
        return out

    return cell


def _direction(r: FactResult, docname: str) -> list[nodes.Node]:
    d = r.fact.details
    return [R.text(f"{_join(d.get('from_country'))} → {_join(d.get('to_country'))}")]


def _status(r: FactResult, docname: str) -> list[nodes.Node]:
    out: list[nodes.Node] = [R.text(_join(r.fact.details.get("status")) + " ")]
    return out + R.badges(r)


def _date(r: FactResult, docname: str) -> list[nodes.Node]:
    return [R.date_node(r.fact)]


def _sources(r: FactResult, docname: str) -> list[nodes.Node]:
    return [R.text(str(len(r.source_ids)))]


#: register cells that are more than a field's value (by field name)
_SPECIAL_CELLS: dict[str, Callable[[FactResult, str], list[nodes.Node]]] = {
    "name": _link("name"),
    "visitor": _link("visitor"),
    "from_country": _direction,
    "status": _status,
}


def _columns(kind: str) -> list[tuple[str, int, Any]]:
    """Date, each field with a column (:attr:`checks.fields.FieldSpec.column`), sources."""
    cols: list[tuple[str, int, Any]] = [("Date", 12, _date)]
    for spec in F.columns(kind):
        assert spec.column is not None
        cell = _SPECIAL_CELLS.get(spec.name) or _detail(spec.name)
        cols.append((spec.column.header, spec.column.width, cell))
    return cols + [("Sources", 6, _sources)]


#: the kinds with a register page, and its columns
COLUMNS: dict[str, list[tuple[str, int, Any]]] = {
    kind: _columns(kind) for kind in ("agreement", "visit")
}
#: the exports helper's CSV file of each register, from the site root
CSV = {"agreement": "exports/agreements.csv", "visit": "exports/visits.csv"}


def register_facts(book: BookData, kind: str) -> list[FactResult]:
    return sorted(
        (r for r in book.result.facts if r.fact.kind == kind),
        key=lambda r: r.fact.sort_key(),
    )




def _row(cells: list[list[nodes.Node]]) -> nodes.row:
    row = nodes.row()
    for content in cells:
        row += nodes.entry("", R.para(*content))
    return row


def build_table(
    columns: list[tuple[str, int, Any]],
    rows: list[list[list[nodes.Node]]],
    classes: list[str],
) -> nodes.table:
    """A docutils table with a header row."""
    group = nodes.tgroup(cols=len(columns))
    for _name, width, _cell in columns:
        group += nodes.colspec(colwidth=width)
    group += nodes.thead("", _row([[R.text(name)] for name, _w, _c in columns]))
    body = nodes.tbody()
    for cells in rows:
        body += _row(cells)
    group += body
    return nodes.table("", group, classes=classes)


class RegisterDirective(FactsDirective):
    """``briefing-register agreement|visit``: one row per fact, in date order."""

    page_kind = "register"
    required_arguments = 1

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        if arg not in COLUMNS:
            raise LookupError(f"register kind must be one of {', '.join(COLUMNS)}")
        return register_facts(book, arg)

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        """What the rows show: dates, details, titles, badges, numbers of sources,
        and where each links to."""
        page_of = layout_of(book).page_of
        return [
            (
                page_of.get(r.fact.id),
                r.fact.id,
                R.date_text(r.fact),
                r.fact.title,
                book.json[r.fact.id]["details"],
                r.standing.value,
                r.single_source,
                len(r.source_ids),
            )
            for r in facts
        ]

    def render(
        self, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[nodes.Node]:
        return [defer("register", arg)]


def _build(book: BookData, page: Page, kind: str) -> list[nodes.Node]:
    docname = page.docname
    columns = COLUMNS[kind]
    facts = register_facts(book, kind)
    rows = [[cell(r, docname) for _n, _w, cell in columns] for r in facts]
    node: nodes.Element = R.para(R.text(f"No {kind}s are recorded yet."))
    if rows:
        table = build_table(
            columns, rows, ["briefing-register", f"briefing-register-{kind}"]
        )
        node = data_div(
            "",
            _download(kind, len(rows), docname),
            table,
            classes=["briefing-register-wrap", "briefing-wide"],
            data={"register": kind},
        )
    return [R.no_smartquotes(node)]


def _download(kind: str, count: int, docname: str) -> nodes.paragraph:
    """The row count and the CSV download (written by the exports)."""
    up = "../" * docname.count("/")
    name = CSV[kind].rsplit("/", 1)[1]
    link = nodes.reference(
        "", f"Download as CSV ({name})", refuri=up + CSV[kind], internal=False
    )
    return R.para(
        R.text(f"{count} {kind}s. ", "briefing-register-count"),
        link,
        classes=["briefing-register-tools", R.NO_SEARCH],
    )


register_builder("register", _build)


def setup_registers(app: Sphinx) -> None:
    """Register the register directive."""
    register_directive(app, "briefing-register", RegisterDirective)
