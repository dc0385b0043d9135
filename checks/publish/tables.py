"""CSV registers (``exports/*.csv``): stable columns, cells that never run as formulas."""

from __future__ import annotations

import csv
import io
from typing import Any

#: a cell starting with one of these would be read as a formula by a spreadsheet
#: (OWASP "CSV injection"); full-width forms included
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d",
                  "\uff20")
#: several values in one cell (names, parties, source ids) are joined with this
LIST_SEPARATOR = "; "

FACT_COLUMNS = ("id", "kind", "title", "date", "start", "end", "circa", "era", "status",
                "single_source", "sources", "people", "related", "contested_points",
                "summary", "editor_note")
AGREEMENT_COLUMNS = ("id", "date", "start", "end", "circa", "title", "name",
                     "agreement_type", "parties", "signatories", "covers",
                     "agreement_status", "status", "sources")
VISIT_COLUMNS = ("id", "date", "start", "end", "circa", "title", "visitor", "role",
                 "office", "office_country", "from_country", "to_country", "place",
                 "hosts", "visit_status", "status", "sources")

#: published file name -> (kind of fact or None for all, columns)
TABLES: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "facts.csv": (None, FACT_COLUMNS),
    "agreements.csv": ("agreement", AGREEMENT_COLUMNS),
    "visits.csv": ("visit", VISIT_COLUMNS),
}


def safe_cell(value: Any) -> str:
    """One cell as text: lists joined, booleans as ``true``/``false``, ``None`` empty, and a
    leading ``'`` before anything a spreadsheet would take for a formula.

    :param value: a value from ``facts.json``
    """
    if type(value) is str:  # most cells
        text = value
    elif value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list | tuple):
        text = LIST_SEPARATOR.join(str(v) for v in value)
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _row(fact: dict[str, Any]) -> dict[str, Any]:
    details = fact.get("details") or {}
    sources = sorted({q["source"] for q in fact["quotes"]}
                     | {c["source"] for p in fact["contested"] for c in p["claims"]})
    row: dict[str, Any] = {k: v for k, v in fact.items() if not isinstance(v, dict)}
    row.update({k: v for k, v in details.items() if k != "status"})
    row.update(
        sources=sources,
        contested_points=len(fact["contested"]),
        agreement_status=details.get("status") if fact["kind"] == "agreement" else None,
        visit_status=details.get("status") if fact["kind"] == "visit" else None,
    )
    return row


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    """The CSV text of one register: a header row, then one row per fact, in order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([safe_cell(row.get(c)) for c in columns] for row in rows)
    return out.getvalue()


def all_tables(data: dict[str, Any]) -> dict[str, str]:
    """Every CSV register of a book: file name -> text (each fact's row made once)."""
    rows = [_row(f) for f in data["facts"]]
    return {name: _csv([r for r in rows if kind is None or r["kind"] == kind], cols)
            for name, (kind, cols) in TABLES.items()}
