"""A cache of parsed fact files, keyed by each file's mtime and size, kept outside facts/.

The cache is a checksummed pickle written atomically. A missing, corrupt, foreign or
stale cache is detected and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from typing import Any

from . import __version__

CACHE_VERSION = 5


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


class CacheLocationError(ValueError):
    """The cache would live inside the facts folder, where the checks never write."""


def cache_file(facts_dir: str, kind: str, cache_dir: str | None = None) -> str:
    """Where one facts folder's cache of ``kind`` lives (``<kind>-<digest>.pickle``).

    :raises CacheLocationError: when that is inside ``facts_dir``
    """
    name = hashlib.sha256(os.path.abspath(facts_dir).encode()).hexdigest()[:16]
    folder = cache_dir or default_dir(facts_dir)
    path = os.path.join(folder, f"{kind}-{name}.pickle")
    if os.path.realpath(path).startswith(os.path.realpath(facts_dir) + os.sep):
        raise CacheLocationError(
            f"the cache folder {folder} is inside {facts_dir}, where the checks never "
            "write: set BRIEFING_CACHE_DIR to a folder outside it")
    return path


def read_sealed(path: str, magic: bytes) -> Any:
    """The object stored by :func:`write_sealed`.

    :raises OSError: when the file cannot be read
    :raises ValueError: when it is not such a file or fails its checksum
    """
    with open(path, "rb") as fh:
        blob = fh.read()
    if not blob.startswith(magic):
        raise ValueError("not a cache file")
    digest, payload = blob[len(magic):len(magic) + 32], blob[len(magic) + 32:]
    if hashlib.sha256(payload).digest() != digest:
        raise ValueError("checksum mismatch")
    return pickle.loads(payload)


def write_sealed(path: str, magic: bytes, value: Any) -> bool:
    """Store ``value`` pickled, with ``magic`` and a SHA-256, atomically (a temporary
    file renamed over ``path``); False when it could not be written."""
    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(magic + hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, path)
        return True
    except OSError:
        return False


def default_dir(facts_dir: str) -> str:
    """``$BRIEFING_CACHE_DIR``, else ``.cache/briefing`` beside the facts folder."""
    env = os.environ.get("BRIEFING_CACHE_DIR")
    if env:
        return env
    parent = os.path.dirname(os.path.abspath(facts_dir))
    return os.path.join(parent, ".cache", "briefing")


def stamp(path: str) -> tuple[int, int] | None:
    """A file's ``(mtime_ns, size)``, or None when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


Stamps = dict[str, tuple[int, int]]


class ParseCache:
    """Fact files' parse results, kept as the pickled segments the parser produced.

    Each run that parses files adds one segment (a pickled ``{path: result}``) and
    records each file's stamp, taken before it was read; :meth:`lookup` returns the
    results whose files still carry their stamp. Segments nobody uses are dropped;
    when too many pile up they are merged into one.
    """

    MAX_SEGMENTS = 8

    def __init__(self, facts_dir: str, cache_dir: str | None = None) -> None:
        self.path = cache_file(facts_dir, "parsed", cache_dir)
        #: path -> (stamp, index of its segment)
        self.index: dict[str, tuple[tuple[int, int], int]] = {}
        self.segments: list[bytes] = []
        self.hits = 0
        self.dirty = False
        self.status = "new"
        self._load()

    def _load(self) -> None:
        try:
            version, index, segments = read_sealed(self.path, _MAGIC)
        except OSError:
            return
        except Exception:  # any damage means: rebuild, never trust
            self.status = "corrupt"
            return
        if version != (CACHE_VERSION, CODE_DIGEST):
            self.status = "stale"
            return
        self.index, self.segments = index, segments
        self.status = "loaded"

    def lookup(self, paths: list[str]) -> dict[str, Any]:
        """The stored result of every path whose file is unchanged since it was parsed."""
        wanted: dict[int, list[str]] = {}
        for path in paths:
            entry = self.index.get(path)
            if entry is not None and stamp(path) == entry[0]:
                wanted.setdefault(entry[1], []).append(path)
        found: dict[str, Any] = {}
        for segment, seg_paths in wanted.items():
            try:
                results = pickle.loads(self.segments[segment])
                found.update((p, results[p]) for p in seg_paths)
            except Exception:  # a damaged segment: parse those files again
                continue
        self.hits += len(found)
        return found

    def add(self, segment: bytes, stamps: Stamps) -> None:
        """Keep a pickled ``{path: result}`` made from files with these stamps."""
        if not stamps:
            return
        number = len(self.segments)
        self.segments.append(segment)
        for path, st in stamps.items():
            self.index[path] = (st, number)
        self.dirty = True

    def prune(self, keep: set[str], results: dict[str, Any]) -> None:
        """Forget files no longer in the book; drop unused segments, merge many into one.

        :param results: every kept file's result (written as one segment when merging)
        """
        for path in set(self.index) - keep:
            del self.index[path]
            self.dirty = True
        used = sorted({number for _, number in self.index.values()})
        if len(used) > self.MAX_SEGMENTS:
            merged = pickle.dumps({p: results[p] for p in self.index if p in results},
                                  protocol=pickle.HIGHEST_PROTOCOL)
            self.index = {p: (st, 0) for p, (st, _) in self.index.items() if p in results}
            self.segments = [merged]
            self.dirty = True
        elif len(used) < len(self.segments):
            renumber = {old: new for new, old in enumerate(used)}
            self.segments = [self.segments[old] for old in used]
            self.index = {p: (st, renumber[n]) for p, (st, n) in self.index.items()}
            self.dirty = True

    def save(self) -> None:
        """Write the cache atomically; failures only cost speed next time."""
        if self.dirty and write_sealed(
                self.path, _MAGIC, ((CACHE_VERSION, CODE_DIGEST), self.index, self.segments)):
            self.dirty = False
