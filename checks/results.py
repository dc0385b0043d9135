"""Cache of whole check reports: reused only when no file changed and every archived
text still hashes to the same SHA-256 (texts are re-hashed on every run)."""

from __future__ import annotations

import hashlib
import os
from typing import Any

from .files import SOURCES_FOLDER, Listing, Observed, list_files
from .cache import CACHE_VERSION, CODE_DIGEST, cache_file, read_sealed, stamp, write_sealed

_MAGIC = b"briefing-report\n"


def fingerprint(facts_dir: str, listing: Listing | None = None,
                observed: dict[str, Observed] | None = None) -> str:
    """A digest of every file's path, mtime and size, plus each archived text's content.

    :param listing: :func:`checks.files.list_files` of ``facts_dir``, if already made
    :param observed: files as the loader saw them (:attr:`checks.book.Book.observed`):
        a report is keyed by the files it was made from, stamped before they were read,
        and those files need no second look; any other file is looked at now
    """
    files, problems = listing if listing is not None else list_files(facts_dir)
    seen = observed or {}
    h = hashlib.sha256(f"{CACHE_VERSION}:{CODE_DIGEST}:{os.path.abspath(facts_dir)}".encode())
    for p in problems:
        h.update(f"!{p.file}:{p.code.value}".encode())
    extra = os.path.join(facts_dir, "out-of-scope.yaml")
    for folder, path in files + [(".", extra)]:
        st, digest = seen.get(path) or (stamp(path), None)
        if st is None:
            continue
        h.update(f"{path}\0{st[0]}\0{st[1]}\n".encode())
        if folder == SOURCES_FOLDER and path.endswith(".txt"):
            if digest is None:
                digest = _digest_of(path)
            h.update(digest)
    return h.hexdigest()


def _digest_of(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).digest()
    except OSError:
        return b"unreadable"


class ReportCache:
    """One stored report per facts folder, checksummed and written atomically."""

    def __init__(self, facts_dir: str, cache_dir: str | None = None) -> None:
        self.path = cache_file(facts_dir, "report", cache_dir)

    def exists(self) -> bool:
        return os.path.exists(self.path)

    def load(self, key: str) -> dict[str, Any] | None:
        try:
            stored_key, report = read_sealed(self.path, _MAGIC)
        except Exception:  # missing, corrupt or foreign: recompute, never trust
            return None
        return report if stored_key == key else None

    def save(self, key: str, report: dict[str, Any]) -> None:
        write_sealed(self.path, _MAGIC, (key, report))
