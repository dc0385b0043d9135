"""The command's output formats, read from a :class:`checks.result.Result`: concise
text, verbose text, JSON and GitHub annotations.

Everything is written as UTF-8 bytes, whatever the locale. Text from the book is data:
in text and GitHub output every control character, escape sequence, line separator and
bidirectional control is shown escaped (``\\x1b``, ``\\n``, ``\\u202e``), so one problem
is always one line and nothing in a fact file can drive the terminal.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from .problems import Problem
    from .result import Result

#: characters never written raw: C0 and C1 controls (ESC, CR, LF...), DEL, line and
#: paragraph separators, bidirectional controls, the BOM, and lone surrogates
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                     "\u2066-\u2069\ufeff\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """``text`` safe to print on one line of a terminal."""
    return _UNSAFE.sub(_escape, text)


def _line(p: Problem) -> str:
    return f"{shown(p.file)}:{p.line}:{p.column}: {p.code.value} {shown(p.message)}\n"


def write_text(result: Result, out: BinaryIO, verbose: bool = False) -> None:
    """Errors first, then (with ``verbose``) every warning; see :func:`warning_counts`."""
    lines = []
    errors = [p for p in result.problems if p.severity.value == "error"]
    warnings = [p for p in result.problems if p.severity.value != "error"]
    for p in errors + (warnings if verbose else []):
        lines.append(_line(p))
        if verbose:
            lines.append(f"    severity: {p.severity.value}; field: {shown(p.field or '-')}; "
                         f"{p.code.summary}\n")
    out.write("".join(lines).encode("utf-8"))


def write_json(result: Result, out: BinaryIO) -> None:
    from .export import json_text

    out.write(json_text(result).encode("utf-8"))
    out.write(b"\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(result: Result, out: BinaryIO) -> None:
    """GitHub workflow commands, escaped as its rules require (``%``, CR, LF in the
    message; also ``:`` and ``,`` in the properties)."""
    lines = []
    for p in result.problems:
        level = "error" if p.severity.value == "error" else "warning"
        lines.append(f"::{level} file={_escape_property(shown(p.file))},line={p.line},"
                     f"col={p.column},title={_escape_property(p.code.value)}::"
                     f"{_escape_data(shown(p.message))}\n")
    out.write("".join(lines).encode("utf-8"))


def warning_counts(result: Result, verbose: bool = False) -> str:
    """One line per warning code with its count (text without ``verbose``), or ``""``."""
    counts = Counter(p.code for p in result.problems if p.severity.value != "error")
    if verbose or not counts:
        return ""
    lines = [f"{code.value} warning x{n}: {code.summary}\n"
             for code, n in sorted(counts.items(), key=lambda item: item[0].value)]
    return "".join(lines) + "(-v lists each warning)\n"


def summary(result: Result) -> str:
    s = result.summary
    text = (f"{s.facts} facts, {s.sources} sources, {s.contested} contested: "
            f"{s.errors} errors, {s.warnings} warnings")
    if s.unexplained:
        text += (f"; {s.unexplained} quotes not found were left without a nearest "
                 "passage (too many failing quotes in this run)")
    return text
