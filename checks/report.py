"""Output formats for problems: concise text, verbose text, JSON and GitHub annotations."""

from __future__ import annotations

import json
from typing import TextIO

from .export import book_json
from .problems import Problem
from .rules import Result


def _line(p: Problem) -> str:
    return f"{p.file}:{p.line}:{p.column}: {p.code.value} {p.message}"


def _escape_gh(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def write_text(result: Result, out: TextIO, verbose: bool = False) -> None:
    for p in result.problems:
        out.write(_line(p) + "\n")
        if verbose and p.field:
            out.write(f"    field: {p.field}; severity: {p.severity.value}; "
                      f"{p.code.summary}\n")


def write_json(result: Result, out: TextIO) -> None:
    json.dump(book_json(result), out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_github(result: Result, out: TextIO) -> None:
    for p in result.problems:
        level = "error" if p.severity.value == "error" else "warning"
        out.write(f"::{level} file={p.file},line={p.line},col={p.column},"
                  f"title={p.code.value}::{_escape_gh(p.message)}\n")


def summary(result: Result) -> str:
    contested = sum(r.status == "contested" for r in result.facts)
    return (f"{len(result.facts)} facts, {len(result.book.sources)} sources, "
            f"{contested} contested: {result.errors} errors, {result.warnings} warnings")
