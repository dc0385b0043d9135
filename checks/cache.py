"""The one cache: per facts folder, one file of plain JSON outside facts/.

It holds the last report (keyed by a hash of every listed file's bytes, so a file
restored with its old mtime is still seen as what it is), each fact and metadata
file's parse (keyed by the hash of that file's bytes), and each fact's own check
(keyed by a hash of its file, the files of the sources it cites and the book-wide
values it reads: see :meth:`checks.rules._Checker.key_of`). The file is JSON lines,
written atomically:

1. header: format, version, the checker's code digest, digests of lines 2-3 and of the rest;
2. the report: its key, the summary, the problems, and whether every fact's check
   keeps its spans (``located``);
3. the ``--format json`` text of that report, or ``null``;
4. one line per item (read only when a file changed): ``["p", path, digest, [model,
   problems]]`` for a parse, ``["c", path, key, [problems, quote results, searched]]``
   for a fact's check, to which ``spans`` (each quote's raw ``[start, end, line]``, null
   when not verified) is added once they are located; an unchanged item's line is
   written back as it was read.

JSON cannot run code when read. A missing, corrupt, foreign or stale file, or one made
by another version of the checks, is ignored and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from typing import Any, BinaryIO

from . import __version__, plain

CACHE_VERSION = 9
_FORMAT = "briefing-cache"
#: a cache file larger than this is not read (it is rebuilt)
MAX_CACHE_BYTES = 2_000_000_000


def _code_digest() -> str:
    """Digest of this package's source: a changed checker never reuses old results."""
    h = hashlib.sha256(__version__.encode())
    here = os.path.dirname(os.path.abspath(__file__))
    for name in sorted(os.listdir(here)):
        if name.endswith(".py"):
            with open(os.path.join(here, name), "rb") as fh:
                h.update(name.encode() + b"\0" + fh.read())
    return h.hexdigest()


CODE_DIGEST = _code_digest()


class CacheLocationError(ValueError):
    """The cache would live inside the facts folder, where the checks never write."""


def default_dir(facts_dir: str) -> str:
    """``$BRIEFING_CACHE_DIR``, else ``.cache/briefing`` beside the facts folder."""
    env = os.environ.get("BRIEFING_CACHE_DIR")
    if env:
        return env
    parent = os.path.dirname(os.path.abspath(facts_dir))
    return os.path.join(parent, ".cache", "briefing")


def cache_file(facts_dir: str, cache_dir: str | None = None) -> str:
    """Where one facts folder's cache lives (``book-<digest of its path>.json``).

    :raises CacheLocationError: when that is inside ``facts_dir``
    """
    name = hashlib.sha256(os.path.abspath(facts_dir).encode()).hexdigest()[:16]
    folder = cache_dir or default_dir(facts_dir)
    path = os.path.join(folder, f"book-{name}.json")
    if os.path.realpath(path).startswith(os.path.realpath(facts_dir) + os.sep):
        raise CacheLocationError(
            f"the cache folder {folder} is inside {facts_dir}, where the checks never "
            "write: set BRIEFING_CACHE_DIR to a folder outside it")
    return path


def book_key(parts: list[str]) -> str:
    """The key of a report: the checker's version and everything it read."""
    h = hashlib.blake2b(f"{CACHE_VERSION}:{CODE_DIGEST}".encode(), digest_size=20)
    for part in parts:
        h.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return h.hexdigest()


class Stored:
    """What a cache file holds, as read (every part checked for shape before use)."""

    def __init__(self, key: str, report: dict[str, Any], json_text: str | None,
                 path: str, offset: int, digest: str) -> None:
        self.key = key
        #: ``{"summary": {...}, "problems": [...]}`` as plain data
        self.report = report
        self.json_text = json_text
        self._where = (path, offset, digest)
        self._parts: tuple[dict[str, Item], dict[str, Item]] | None = None
        #: each item's line as stored, to write it again unchanged (:meth:`line`)
        self._lines: dict[int, tuple[Item, str, bytes]] = {}

    def entries(self) -> dict[str, Item]:
        """``path -> (digest, [model, problems])``; read only when asked for (a report
        that is reused needs none); a damaged part gives none."""
        return self._read()[0]

    def checks(self) -> dict[str, Item]:
        """``path -> (key, [problems, quote results, searched])`` of each fact's own check."""
        return self._read()[1]

    def line(self, path: str, item: Item) -> bytes | None:
        """The stored line of ``path``'s item when ``item`` is the very object read
        (:meth:`entries`, :meth:`checks`), so that it is written back as it was read."""
        got = self._lines.get(id(item))
        return got[2] if got is not None and got[0] is item and got[1] == path else None

    def _read(self) -> tuple[dict[str, Item], dict[str, Item]]:
        if self._parts is None:
            self._parts = ({}, {})
            path, offset, digest = self._where
            try:
                with open(path, "rb") as fh:
                    fh.seek(offset)
                    blob = fh.read(MAX_CACHE_BYTES)
                if _digest(blob) != digest:
                    return self._parts
            except OSError:
                return self._parts
            parts = {"p": self._parts[0], "c": self._parts[1]}
            for line in blob.split(b"\n"):
                try:
                    raw = json.loads(line)
                except ValueError:
                    continue  # the last line's end, or damage: that item is parsed again
                if (type(raw) is list and len(raw) == 4 and raw[0] in parts
                        and type(raw[1]) is str and type(raw[2]) is str
                        and type(raw[3]) is list and len(raw[3]) >= 2):
                    item = (raw[2], raw[3])
                    parts[raw[0]][raw[1]] = item
                    self._lines[id(item)] = (item, raw[1], line)
        return self._parts


#: one stored item: ``(digest or key, [value, problems])``
Item = tuple[str, list[Any]]


class BookCache:
    """The cache file of one facts folder."""

    def __init__(self, facts_dir: str, cache_dir: str | None = None) -> None:
        self.path = cache_file(facts_dir, cache_dir)
        #: how the last :meth:`read` went: ``missing``, ``loaded``, ``corrupt`` or ``stale``
        self.state = "unread"

    def read(self) -> Stored | None:
        """The stored report (its parses are read when asked for), or None when the
        file is missing, damaged, foreign or stale."""
        try:
            with open(self.path, "rb") as fh:
                stored = _parse(fh, self.path)
        except OSError:
            self.state = "missing"
            return None
        except (ValueError, TypeError, KeyError, IndexError, UnicodeDecodeError):
            self.state = "corrupt"
            return None
        if stored is None:
            self.state = "stale"
            return None
        self.state = "loaded"
        return stored

    def write(self, key: str, report: dict[str, Any], json_text: str | None,
              entries: dict[str, Item], checks: dict[str, Item] | None = None,
              earlier: Stored | None = None) -> bool:
        """Store a report, the parses and the facts' checks atomically; False when it
        could not be written. Items taken unchanged from ``earlier`` are written back
        as they were read."""
        head = b"\n".join([
            json.dumps({"key": key, **report}, ensure_ascii=False).encode("utf-8"),
            b"null" if json_text is None else json_text.encode("utf-8"),
        ]) + b"\n"
        lines = []
        dump = json.JSONEncoder(ensure_ascii=False, default=plain.shallow).encode
        for part, items in (("p", entries), ("c", checks or {})):
            for path, item in items.items():
                line = None if earlier is None else earlier.line(path, item)
                lines.append(line if line is not None else dump(
                    [part, path, item[0], item[1]]).encode("utf-8"))
        parses = b"\n".join(lines)
        header = json.dumps({"format": _FORMAT, "version": CACHE_VERSION,
                             "code": CODE_DIGEST, "digest": _digest(head),
                             "parses": _digest(parses)}).encode()
        try:
            folder = os.path.dirname(self.path)
            os.makedirs(folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(header + b"\n" + head + parses)
                os.replace(tmp, self.path)
            except BaseException:
                os.unlink(tmp)
                raise
            return True
        except OSError:
            return False


def _digest(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=20).hexdigest()


def _parse(fh: BinaryIO, path: str) -> Stored | None:
    """A cache file's report; None when it is another version's; raises when damaged."""
    header = json.loads(fh.readline(1 << 16))
    if type(header) is not dict or header.get("format") != _FORMAT:
        raise ValueError("not a cache file")
    if header.get("version") != CACHE_VERSION or header.get("code") != CODE_DIGEST:
        return None
    report_line = fh.readline(MAX_CACHE_BYTES)
    json_line = fh.readline(MAX_CACHE_BYTES)
    if not json_line.endswith(b"\n") or header.get("digest") != _digest(report_line + json_line):
        raise ValueError("checksum mismatch")
    if type(header.get("parses")) is not str:
        raise ValueError("not a cache file")
    report = json.loads(report_line)
    if (type(report) is not dict or type(report.get("key")) is not str
            or type(report.get("summary")) is not dict or type(report.get("problems")) is not list):
        raise ValueError("not a report")
    json_text = None if json_line == b"null\n" else json_line[:-1].decode("utf-8")
    return Stored(report.pop("key"), report, json_text, path, fh.tell(), header["parses"])
