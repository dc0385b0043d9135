"""Writing what the maintainer's commands make: new files, YAML scalars, terminal text.

A command that adds a file writes it beside its final name and links it into place:
``os.link`` fails when the name exists, so nothing is ever overwritten, and a reader
sees either no file or the whole file.
"""

from __future__ import annotations

import os
import re
import tempfile

import yaml

#: C0/C1 controls (tab and newline excepted where text is multi-line), DEL, and the
#: bidirectional embedding, override and isolate characters that can reorder a line
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                     "\u202a-\u202e\u2066-\u2069\ufeff]")


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def safe(text: str) -> str:
    """Text to print on a terminal: control and bidi characters shown as escapes."""
    return _UNSAFE.sub(_escape, text.replace("\t", " "))


def yaml_str(text: str) -> str:
    """One double-quoted YAML scalar for ``text``, on one line, safe to paste.

    The escapes used for unsafe characters (``\\x1b``, ``\\u202e``) are YAML's own,
    so the scalar still reads back as the original text.
    """
    dumped = yaml.safe_dump(str(text), default_style='"', allow_unicode=True, width=1 << 30)
    return _UNSAFE.sub(_escape, dumped.rstrip("\n").removesuffix("\n...").rstrip("\n"))


class Exists(Exception):
    """A file the command would add is already there."""


def write_new(path: str, data: bytes) -> None:
    """Write ``data`` at ``path`` atomically; raise :class:`Exists` if ``path`` exists."""
    folder = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".new")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise Exists(path) from None
    finally:
        os.unlink(tmp)


def write_all_new(files: list[tuple[str, bytes]]) -> None:
    """Write several new files, all or none: on a failure the ones written are removed."""
    done: list[str] = []
    try:
        for path, data in files:
            write_new(path, data)
            done.append(path)
    except BaseException:
        for path in done:
            os.unlink(path)
        raise
