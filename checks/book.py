"""Load a whole book (``facts/``): sources, their sealed texts, and every fact file."""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field

from .cache import ParseCache, stamp
from .archive import SourceText, load_source, load_text
from .loader import build_fact
from .model import KIND_FOLDERS, Fact, Source
from .problems import Code, Problem
from .workers import fork_map, split, worker_count
from .yamltree import parse_file

SOURCES_FOLDER = "sources"
#: files at the top of facts/ that are not facts (read by their own tools)
ROOT_FILES = ("out-of-scope.yaml",)


@dataclass
class Book:
    """Everything under one ``facts/`` folder, parsed once."""

    root: str
    facts: list[Fact] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    texts: dict[str, SourceText] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    #: source ids whose metadata or text exists but cannot be used (reported once each)
    broken_sources: set[str] = field(default_factory=set)
    #: each file as it was when read: its stamp, taken before reading, and for archived
    #: texts the SHA-256 of the bytes read (see :func:`checks.results.fingerprint`)
    observed: dict[str, Observed] = field(default_factory=dict)

    def fact_files(self) -> list[str]:
        return [f.file for f in self.facts]


def display_path(path: str) -> str:
    """Path relative to the working directory when inside it, else absolute."""
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute)
    return absolute if rel.startswith("..") else rel


def _inside(path: str, root_real: str) -> bool:
    real = os.path.realpath(path)
    return real == root_real or real.startswith(root_real + os.sep)


def list_files(root: str) -> tuple[list[tuple[str, str]], list[Problem]]:
    """Fact and source files under ``root`` as ``(folder, path)``, plus location problems.

    Paths are shown relative to the working directory; links are resolved only when a
    file is a symlink, so large books are listed with one ``scandir`` per folder.
    """
    problems: list[Problem] = []
    found: list[tuple[str, str]] = []
    root_real = os.path.realpath(root)
    shown_root = display_path(root)
    folders = set(KIND_FOLDERS.values()) | {SOURCES_FOLDER}
    pending = [(root, shown_root, ".")]
    while pending:
        path_dir, shown_dir, rel = pending.pop()
        try:
            entries = sorted(os.scandir(path_dir), key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(shown_dir, 1, 1, Code.UNREADABLE,
                                    f"cannot list folder: {exc.strerror}"))
            continue
        for entry in entries:
            name = entry.name
            shown = shown_dir + os.sep + name  # as os.path.join, without its cost per file
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, shown, name if rel == "." else rel + os.sep + name))
                continue
            if not name.endswith((".yaml", ".yml", ".txt")) or (rel == "." and name in ROOT_FILES):
                continue
            if entry.is_symlink() and not _inside(entry.path, root_real) or not entry.is_file():
                problems.append(Problem(shown, 1, 1, Code.UNREADABLE,
                                        "file is a link to outside facts/ (or not a regular "
                                        "file); fact files must live inside facts/"))
                continue
            if rel not in folders or name.endswith(".yml") or (
                    name.endswith(".txt") and rel != SOURCES_FOLDER):
                problems.append(Problem(shown, 1, 1, Code.KIND_MISMATCH,
                                        f"'{name}' is not where the book looks: facts go in "
                                        "facts/{eras,agreements,visits,events}/<id>.yaml and "
                                        "sources in facts/sources/<id>.yaml + <id>.txt"))
                continue
            found.append((rel, shown))
    found.sort()
    return found, problems


def load_book(root: str, cache: ParseCache | None = None,
              listing: Listing | None = None) -> Book:
    """Parse every file under ``root`` into the model, collecting located problems.

    Sources and fact files not in the cache are read on every core for big books
    (:mod:`checks.workers`); each worker's facts arrive as one pickled segment, which
    is also the form the cache keeps, so saving the cache costs no second pickling.

    :param root: the ``facts/`` folder
    :param cache: reuse fact files parsed by an earlier run when they are unchanged
    :param listing: the result of :func:`list_files` when the caller already has it
    """
    book = Book(root=root)
    files, listed_problems = listing if listing is not None else list_files(root)
    book.problems = list(listed_problems)
    metas = {p[:-5]: p for folder, p in files if folder == SOURCES_FOLDER and p.endswith(".yaml")}
    texts = {p[:-4]: p for folder, p in files if folder == SOURCES_FOLDER and p.endswith(".txt")}
    book.broken_sources = {os.path.basename(s) for s in set(texts) ^ set(metas)}
    for stem in sorted(set(texts) - set(metas)):
        book.problems.append(Problem(texts[stem], 1, 1, Code.SOURCE_NO_META,
                                     "archived text without metadata: add "
                                     f"{os.path.basename(stem)}.yaml beside it"))
    fact_files = [(folder, path) for folder, path in files if folder != SOURCES_FOLDER]
    parsed: dict[str, Parsed] = cache.lookup([p for _, p in fact_files]) if cache else {}
    tasks: list[Task] = [(SOURCES_FOLDER, meta) for _, meta in sorted(metas.items())]
    tasks += [(folder, path) for folder, path in fact_files if path not in parsed]
    sources: dict[str, LoadedSource] = {}
    if cache is not None:
        book.observed.update((p, (cache.index[p][0], None)) for p in parsed)
    for part in _load_all(tasks):
        sources.update(part.sources)
        parsed.update(pickle.loads(part.facts))
        book.observed.update(part.observed)
        if cache is not None:
            cache.add(part.facts, {p: part.observed[p][0] for p in part.fact_paths})
    for stem, meta in sorted(metas.items()):
        source, text, problems = sources[meta]
        book.problems.extend(problems)
        if source is None:
            book.broken_sources.add(os.path.basename(stem))
            continue
        book.sources[source.id] = source
        if text is not None:
            book.texts[source.id] = text
        else:
            book.broken_sources.add(source.id)
    for _, path in fact_files:
        fact, problems = parsed[path]
        book.files.append(path)
        book.problems.extend(problems)
        if fact is not None:
            book.facts.append(fact)
    book.facts.sort(key=Fact.sort_key)
    if cache is not None:
        cache.prune(set(book.files), parsed)
        cache.save()
    return book


Listing = tuple[list[tuple[str, str]], list[Problem]]
#: ``(folder, path)``: a source's metadata file (folder ``sources``) or a fact file
Task = tuple[str, str]
Parsed = tuple[Fact | None, list[Problem]]
LoadedSource = tuple[Source | None, SourceText | None, list[Problem]]
#: a file's ``(mtime_ns, size)`` before it was read, and the SHA-256 of a text's bytes
Observed = tuple[tuple[int, int], bytes | None]
PARALLEL_MIN_FILES = 400


@dataclass
class _Loaded:
    """One worker's share: its sources, and its facts as one pickled ``{path: Parsed}``."""

    sources: dict[str, LoadedSource]
    facts: bytes
    fact_paths: list[str]
    observed: dict[str, Observed]


def _load_all(tasks: list[Task]) -> list[_Loaded]:
    """Load every task, on every core when there are many."""
    return fork_map(_load_chunk, split(tasks, worker_count(len(tasks), PARALLEL_MIN_FILES)))


def _load_chunk(chunk: list[Task]) -> _Loaded:
    sources: dict[str, LoadedSource] = {}
    facts: dict[str, Parsed] = {}
    observed: dict[str, Observed] = {}
    digests: dict[str, bytes] = {}

    def seen(path: str) -> None:
        st = stamp(path)
        if st is not None:
            observed[path] = (st, None)

    for folder, path in chunk:
        problems: list[Problem] = []
        seen(path)
        if folder == SOURCES_FOLDER:
            source = load_source(path, path[: -len(".yaml")] + ".txt", problems)
            text = None
            if source is not None:
                seen(source.text_file)
                text = load_text(source, problems, digests)
            sources[path] = (source, text, problems)
        else:
            facts[path] = (load_fact_file(path, folder, problems), problems)
    for path, digest in digests.items():
        if path in observed:
            observed[path] = (observed[path][0], digest)
    return _Loaded(sources, pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL),
                   [p for p in facts if p in observed], observed)


def load_fact_file(path: str, folder: str, problems: list[Problem]) -> Fact | None:
    """Parse one fact file; problems go to ``problems``."""
    stem = os.path.basename(path)[: -len(".yaml")]
    root = parse_file(path, problems)
    return None if root is None else build_fact(root, path, stem, folder, problems)
