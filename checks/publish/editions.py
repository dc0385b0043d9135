"""Saved editions (``editions/<date>.json``), the editors' changelog, each fact's history."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from typing import IO, Any

import yaml

from .diff import same
from .files import write_new
from .writer import json_bytes

CHANGELOG = "changelog.yaml"
#: ``<date>.json``, or ``<date>-<n>.json`` for the n-th edition saved on one day
_EDITION_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-([2-9]|[1-9]\d+))?\.json$")
MAX_PER_DAY = 99


class EditionError(Exception):
    """An edition, changelog or revision that cannot be read (the message says where)."""


@dataclass(frozen=True)
class Edition:
    """One saved edition: its date (the file name), its number (1 = first), its data."""

    date: str
    number: int
    path: str
    data: dict[str, Any]

    @property
    def label(self) -> str:
        return f"edition {self.number} ({self.date})"


def load_json(path: str) -> dict[str, Any]:
    """A ``facts.json``-shaped file, or an :class:`EditionError` naming the file."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, UnicodeDecodeError) as exc:
        raise EditionError(f"{path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise EditionError(f"{path}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        raise EditionError(f"{path}:1:1: not a facts.json (no 'facts' list)")
    return data


def load_editions(folder: str) -> list[Edition]:
    """Every ``<YYYY-MM-DD>[-<n>].json`` of ``folder``, oldest first (none if it is
    missing)."""
    if not os.path.isdir(folder):
        return []
    found = sorted((m[1], int(m[2] or 1), n) for n in os.listdir(folder)
                   if (m := _EDITION_RE.match(n)))
    return [Edition(date, i, os.path.join(folder, n), load_json(os.path.join(folder, n)))
            for i, (date, _n, n) in enumerate(found, 1)]


def relative_paths(data: dict[str, Any], root: str) -> dict[str, Any]:
    """``data`` with its facts' and sources' absolute file paths made relative to
    ``root`` (the folder holding ``facts/``), so that they do not say where it was made."""
    def rel(path: Any) -> Any:
        if isinstance(path, str) and os.path.isabs(path):
            return os.path.relpath(path, root).replace(os.sep, "/")
        return path

    return {**data,
            "facts": [{**f, "file": rel(f.get("file"))} for f in data["facts"]],
            "sources": [{**s, "file": rel(s.get("file"))} for s in data["sources"]]}


def snapshot(data: dict[str, Any], date: str, origin: str) -> dict[str, Any]:
    """An edition's content: the book (paths already relative) without its problems.

    :param data: :func:`checks.export.book_json` of the book
    :param date: ``YYYY-MM-DD``
    :param origin: what was snapshotted (``facts`` or ``git:<commit>``)
    """
    out = {k: v for k, v in data.items() if k != "problems"}
    out["edition"] = {"date": date, "from": origin}
    return out


def save_edition(folder: str, snap: dict[str, Any]) -> str:
    """Write ``<folder>/<date>.json`` atomically (``<date>-2.json`` and so on when an
    edition of that day exists); never replace an existing edition.

    :raises FileExistsError: :data:`MAX_PER_DAY` editions of that date exist
    """
    os.makedirs(folder, exist_ok=True)
    date = snap["edition"]["date"]
    for n in range(1, MAX_PER_DAY + 1):
        path = os.path.join(folder, f"{date}.json" if n == 1 else f"{date}-{n}.json")
        try:
            write_new(path, json_bytes(snap))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(path)


def history(editions: list[Edition],
            current: dict[str, Any] | None = None) -> dict[str, tuple[str, str]]:
    """For each fact: the label of the edition that added it and of the last one that
    changed it (``this edition`` for the current, unsaved book).

    :param editions: oldest first
    :param current: the book being built, if it is to count as the newest edition
    """
    books = [(e.label, e.data) for e in editions]
    if current is not None:
        books.append(("this edition", current))
    out: dict[str, tuple[str, str]] = {}
    seen: dict[str, dict[str, Any]] = {}
    for label, data in books:
        now = {f["id"]: f for f in data["facts"]}
        for fid, fact in now.items():
            if fid not in seen:
                out[fid] = (label, label)
            elif not same(seen[fid], fact):
                out[fid] = (out[fid][0], label)
        seen = now
    return {fid: out[fid] for fid in seen}


@dataclass(frozen=True)
class ChangelogEntry:
    """One line the editors wrote: which fact, what changed and why."""

    fact: str
    change: str
    line: int


def load_changelog(path: str) -> tuple[list[ChangelogEntry], list[tuple[int, int, str]]]:
    """The entries of ``editions/changelog.yaml`` and its problems as ``(line, column,
    message)``, 1-based; a missing file has no entries.
    """
    try:
        with open(path, encoding="utf-8") as fh:
            node = yaml.compose(fh, Loader=yaml.SafeLoader)
    except FileNotFoundError:
        return [], []
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return [], [(line, col, f"cannot read the changelog: {exc}")]
    if node is None:
        return [], []
    if not isinstance(node, yaml.SequenceNode):
        return [], [(1, 1, "the changelog must be a list of {fact, change}")]
    entries: list[ChangelogEntry] = []
    problems: list[tuple[int, int, str]] = []
    for item in node.value:
        line, col = item.start_mark.line + 1, item.start_mark.column + 1
        value = _plain(item)
        if (not isinstance(value, dict) or set(value) != {"fact", "change"}
                or not all(isinstance(v, str) and v.strip() for v in value.values())):
            problems.append((line, col, "an entry must be {fact: <fact id>, change: <text>}"))
            continue
        entries.append(ChangelogEntry(value["fact"], value["change"], line))
    return entries, problems


def _plain(node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return {_plain(k): _plain(v) for k, v in node.value}
    if isinstance(node, yaml.ScalarNode):
        return node.value
    return None


def git_facts(repo: str, rev: str, facts_path: str, into: str) -> str:
    """Extract ``facts_path`` of git revision ``rev`` of ``repo`` under ``into``; return
    the extracted facts folder.

    :raises EditionError: not a git revision, or no such folder in it
    """
    cmd = ["git", "-C", repo, "archive", "--format=tar", f"{rev}^{{commit}}", "--",
           facts_path]
    try:
        proc = subprocess.run(cmd, capture_output=True, check=False)
    except OSError as exc:
        raise EditionError(f"cannot run git: {exc}") from None
    if proc.returncode != 0:
        why = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise EditionError(f"'{rev}' is neither a file nor a git revision with "
                           f"{facts_path}/ ({why[-1] if why else 'git failed'})")
    with tempfile.TemporaryFile() as tmp:
        tmp.write(proc.stdout)
        tmp.seek(0)
        _extract(tmp, into)
    return os.path.join(into, *facts_path.split("/"))


def _extract(fh: IO[bytes], into: str) -> None:
    with tarfile.open(fileobj=fh) as tar:
        tar.extractall(into, filter="data")  # no links out, no absolute paths


def commit_id(repo: str, rev: str) -> str:
    """The full commit id of a revision."""
    proc = subprocess.run(["git", "-C", repo, "rev-parse", "--verify", f"{rev}^{{commit}}"],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise EditionError(f"'{rev}' is not a git revision: {proc.stderr.strip()}")
    return proc.stdout.strip()


def commit_date(repo: str, rev: str) -> str:
    """The committer date (``YYYY-MM-DD``, UTC) of a revision."""
    proc = subprocess.run(["git", "-C", repo, "show", "-s", "--format=%cd",
                           "--date=format-local:%Y-%m-%d", f"{rev}^{{commit}}"],
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "TZ": "UTC"})
    if proc.returncode != 0:
        raise EditionError(f"'{rev}' is not a git revision: {proc.stderr.strip()}")
    return proc.stdout.strip()
