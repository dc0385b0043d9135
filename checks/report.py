"""Output formats for a check report: concise text, verbose text, JSON and GitHub annotations."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any, TextIO

from .problems import Code

if TYPE_CHECKING:
    from .rules import Result

Report = dict[str, Any]


def make_report(result: Result, with_json: bool) -> Report:
    """What the CLI prints, in a form that can be cached: summary, problems, JSON text."""
    from .export import book_json, problem_json, summary_json  # only when checking

    return {
        "summary": summary_json(result),
        "problems": [problem_json(p) for p in result.problems],
        "json": json.dumps(book_json(result), ensure_ascii=False, indent=1) if with_json else None,
    }


def write_text(report: Report, out: TextIO, verbose: bool = False) -> None:
    """Errors first, then (with ``verbose``) every warning; see :func:`warning_counts`."""
    problems = report["problems"]
    shown = [p for p in problems if p["severity"] == "error"]
    if verbose:
        shown += [p for p in problems if p["severity"] != "error"]
    for p in shown:
        out.write(f"{p['file']}:{p['line']}:{p['column']}: {p['code']} {p['message']}\n")
        if verbose:
            code = Code(p["code"])  # type: ignore[call-arg]  # an Enum looked up by value
            out.write(f"    severity: {p['severity']}; field: {p['field'] or '-'}; "
                      f"{code.summary}\n")


def write_json(report: Report, out: TextIO) -> None:
    out.write(report["json"])
    out.write("\n")


def _escape_gh(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def write_github(report: Report, out: TextIO) -> None:
    for p in report["problems"]:
        level = "error" if p["severity"] == "error" else "warning"
        out.write(f"::{level} file={p['file']},line={p['line']},col={p['column']},"
                  f"title={p['code']}::{_escape_gh(p['message'])}\n")


def warning_counts(report: Report, verbose: bool = False) -> str:
    """One line per warning code with its count (text format without ``-v``), or ``""``."""
    counts = Counter(p["code"] for p in report["problems"] if p["severity"] != "error")
    if verbose or not counts:
        return ""
    lines = [f"{code} warning x{n}: {Code(code).summary}"  # type: ignore[call-arg]
             for code, n in sorted(counts.items())]
    return "\n".join(lines) + "\n(-v lists each warning)\n"


def summary(report: Report) -> str:
    s = report["summary"]
    return (f"{s['facts']} facts, {s['sources']} sources, {s['contested']} contested: "
            f"{s['errors']} errors, {s['warnings']} warnings")
