"""A cache of parsed fact files, keyed by each file's mtime and size, kept outside facts/.

The cache is a checksummed pickle written atomically. A missing, corrupt, foreign or
stale cache is detected and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile

from . import __version__

CACHE_VERSION = 4


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
_MAGIC = b"briefing-cache\n"


def default_dir(facts_dir: str) -> str:
    """``$BRIEFING_CACHE_DIR``, else ``.cache/briefing`` beside the facts folder."""
    env = os.environ.get("BRIEFING_CACHE_DIR")
    if env:
        return env
    parent = os.path.dirname(os.path.abspath(facts_dir))
    return os.path.join(parent, ".cache", "briefing")


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


class ParseCache:
    """Each fact file's parse result, pickled; ``get`` returns None unless the file is
    unchanged since it was stored."""

    def __init__(self, facts_dir: str, cache_dir: str | None = None) -> None:
        root = os.path.abspath(facts_dir)
        self.dir = cache_dir or default_dir(facts_dir)
        name = hashlib.sha256(root.encode()).hexdigest()[:16]
        self.path = os.path.join(self.dir, f"parsed-{name}.pickle")
        self.entries: dict[str, tuple[tuple[int, int], bytes]] = {}
        self.hits = 0
        self.dirty = False
        self.status = "new"
        if os.path.realpath(self.path).startswith(os.path.realpath(root) + os.sep):
            raise ValueError("the cache must live outside the facts folder")
        self._load()

    def _load(self) -> None:
        try:
            with open(self.path, "rb") as fh:
                blob = fh.read()
        except OSError:
            return
        try:
            if not blob.startswith(_MAGIC):
                raise ValueError("not a cache file")
            digest, payload = blob[len(_MAGIC):len(_MAGIC) + 32], blob[len(_MAGIC) + 32:]
            if hashlib.sha256(payload).digest() != digest:
                raise ValueError("checksum mismatch")
            version, entries = pickle.loads(payload)
            if version != (CACHE_VERSION, CODE_DIGEST):
                self.status = "stale"
                return
            self.entries = entries
            self.status = "loaded"
        except Exception:  # any damage means: rebuild, never trust
            self.status = "corrupt"
            self.entries = {}

    def get(self, path: str) -> bytes | None:
        entry = self.entries.get(path)
        if entry is None:
            return None
        stamp = _stamp(path)
        if stamp is None or stamp != entry[0]:
            return None
        self.hits += 1
        return entry[1]

    def put(self, path: str, value: bytes) -> None:
        stamp = _stamp(path)
        if stamp is not None:
            self.entries[path] = (stamp, value)
            self.dirty = True

    def prune(self, keep: set[str]) -> None:
        for path in set(self.entries) - keep:
            del self.entries[path]
            self.dirty = True

    def save(self) -> None:
        """Write the cache atomically; failures only cost speed next time."""
        if not self.dirty:
            return
        try:
            os.makedirs(self.dir, exist_ok=True)
            payload = pickle.dumps(((CACHE_VERSION, CODE_DIGEST), self.entries), protocol=5)
            fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".parsed-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, self.path)
            self.dirty = False
        except OSError:
            pass
