"""Cache of whole check reports: reused only when no file changed and every archived
text still hashes to the same SHA-256 (texts are re-hashed on every run)."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from typing import Any

from .files import SOURCES_FOLDER, Listing, Observed, list_files
from .cache import CACHE_VERSION, CODE_DIGEST, default_dir, stamp

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
        self.dir = cache_dir or default_dir(facts_dir)
        name = hashlib.sha256(os.path.abspath(facts_dir).encode()).hexdigest()[:16]
        self.path = os.path.join(self.dir, f"report-{name}.pickle")

    def exists(self) -> bool:
        return os.path.exists(self.path)

    def load(self, key: str) -> dict[str, Any] | None:
        try:
            with open(self.path, "rb") as fh:
                blob = fh.read()
            if not blob.startswith(_MAGIC):
                return None
            digest, payload = blob[len(_MAGIC):len(_MAGIC) + 32], blob[len(_MAGIC) + 32:]
            if hashlib.sha256(payload).digest() != digest:
                return None
            stored_key, report = pickle.loads(payload)
            return report if stored_key == key else None
        except Exception:  # missing, corrupt or foreign: recompute, never trust
            return None

    def save(self, key: str, report: dict[str, Any]) -> None:
        try:
            os.makedirs(self.dir, exist_ok=True)
            payload = pickle.dumps((key, report), protocol=5)
            fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".report-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, self.path)
        except OSError:
            pass
