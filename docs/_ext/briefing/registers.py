"""Registers: tables of all agreements or all visits, in date order.

A register longer than ``briefing_list_page_entries`` rows is split (see
:mod:`.pages`): its page keeps the count, the CSV download of every row and a link to
each era's part; each part, ``parts/<kind>s/<era>``, is one table of that era's rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes

from checks import fields as F

from . import render as R
from .base import FactsDirective, register_directive
from .deferred import defer, register_builder
from .pages import layout_of, part_docname
from .domain import fact_xref, link_to_doc, link_to_label, note_label
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
    """The register's facts in date order (sorted once per build)."""
    return layout_of(book).entries(kind, lambda: sorted(
        (r for r in book.result.facts if r.fact.kind == kind),
        key=lambda r: r.fact.sort_key(),
    ))


def register_parts(book: BookData, kind: str) -> list[tuple[str, list[FactResult]]]:
    """The era parts of a long register (``[]``: one page holds it)."""
    return layout_of(book).parts(kind, lambda: register_facts(book, kind))  # (memo)


def part_stubs(book: BookData, kinds: list[str]) -> dict[str, str]:
    """``<kind>s/<era>.md`` below :data:`~.pages.PARTS` for each part of a long
    register of these kinds."""
    layout = layout_of(book)
    files = {}
    for kind in kinds:
        for key, _facts in register_parts(book, kind):
            title = f"{kind.title()}s, {layout.part_title(key)}"
            files[f"{kind}s/{key}.md"] = (
                f"---\norphan: true\n---\n# {title}\n\n"
                f"```{{briefing-register-part}} {kind} {key}\n```\n"
            )
    return files


def _label(kind: str) -> str:
    return f"briefing-register-{kind}"


def _rows_payload(book: BookData, facts: list[FactResult]) -> Any:
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
        and where each links to; for a split register, its parts and their counts."""
        parts = register_parts(book, arg)
        if parts:
            layout = layout_of(book)
            return len(facts), [(k, layout.part_title(k), len(fs)) for k, fs in parts]
        return _rows_payload(book, facts)

    def render(
        self, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[nodes.Node]:
        if not register_parts(book, arg):
            return [defer("register", arg)]
        # the parts link back here
        return [note_label(self.env, _label(arg)), defer("register", arg)]


class RegisterPartDirective(FactsDirective):
    """``briefing-register-part <kind> <era>``: one era's rows of a long register."""

    page_kind = "register-part"
    required_arguments = 2

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        kind, _, key = arg.partition(" ")
        for k, facts in register_parts(book, kind) if kind in COLUMNS else []:
            if k == key:
                return facts
        raise LookupError(f"no part '{key}' of the {kind} register")

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        kind = arg.partition(" ")[0]
        return len(register_facts(book, kind)), _rows_payload(book, facts)

    def render(
        self, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[nodes.Node]:
        return [defer("register-part", arg)]


def _table(kind: str, facts: list[FactResult], docname: str,
           tools: nodes.paragraph) -> nodes.Element:
    columns = COLUMNS[kind]
    rows = [[cell(r, docname) for _n, _w, cell in columns] for r in facts]
    table = build_table(columns, rows, ["briefing-register", f"briefing-register-{kind}"])
    return data_div(
        "",
        tools,
        table,
        classes=["briefing-register-wrap", "briefing-wide"],
        data={"register": kind},
    )


def _build(book: BookData, page: Page, kind: str) -> list[nodes.Node]:
    docname = page.docname
    facts = register_facts(book, kind)
    node: nodes.Element = R.para(R.text(f"No {kind}s are recorded yet."))
    parts = register_parts(book, kind)
    if parts:
        node = nodes.container(classes=["briefing-register-parts"])
        node += _download(kind, len(facts), docname, " by era (one page each). ")
        layout = layout_of(book)
        items = nodes.bullet_list(classes=["briefing-register-part-list"])
        for key, part in parts:
            title = layout.part_title(key)
            link = link_to_doc(part_docname(f"{kind}s", key), title, docname)
            n = len(part)
            items += nodes.list_item("", R.para(
                link, R.text(f" · {n} {kind}{'s' if n != 1 else ''}", "briefing-muted")))
        node += items
    elif facts:
        node = _table(kind, facts, docname, _download(kind, len(facts), docname))
    return [R.no_smartquotes(node)]


def _build_part(book: BookData, page: Page, arg: str) -> list[nodes.Node]:
    docname = page.docname
    kind = arg.partition(" ")[0]
    facts = RegisterPartDirective.select(book, arg)
    total = len(register_facts(book, kind))
    back = link_to_label(_label(kind), f"all {total} {kind}s by era", docname)
    tools = R.para(
        R.text(f"{len(facts)} of the {total} {kind}s: ", "briefing-register-count"),
        back, nodes.Text(". "), _csv_link(kind, docname, f"Download all {total} as CSV"),
        classes=["briefing-register-tools", R.NO_SEARCH],
    )
    return [R.no_smartquotes(_table(kind, facts, docname, tools))]


def _csv_link(kind: str, docname: str, text: str) -> nodes.reference:
    up = "../" * docname.count("/")
    name = CSV[kind].rsplit("/", 1)[1]
    return nodes.reference("", f"{text} ({name})", refuri=up + CSV[kind], internal=False)


def _download(kind: str, count: int, docname: str, after: str = ". ") -> nodes.paragraph:
    """The row count and the CSV download (written by the exports)."""
    return R.para(
        R.text(f"{count} {kind}s{after}", "briefing-register-count"),
        _csv_link(kind, docname, "Download as CSV"),
        classes=["briefing-register-tools", R.NO_SEARCH],
    )


register_builder("register", _build)
register_builder("register-part", _build_part)


def setup_registers(app: Sphinx) -> None:
    """Register the register directive."""
    register_directive(app, "briefing-register", RegisterDirective)
    register_directive(app, "briefing-register-part", RegisterPartDirective)
