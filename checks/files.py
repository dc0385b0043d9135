"""Find a book's files: which are facts, which are sources, and which are misplaced.

Every path the checks report is relative to the book's root, the folder holding
``facts/`` (``facts/visits/x.yaml``), whatever the working directory; a file is read at
``os.path.join(listing.base, path)``.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field

from .model import KIND_FOLDERS
from .problems import Code, Problem

MAX_FILE_BYTES = 1_000_000
#: an archived text may be larger than a fact file
MAX_TEXT_BYTES = 20_000_000
SOURCES_FOLDER = "sources"
#: files at the top of facts/ that are not facts (read by their own tools)
ROOT_FILES = ("out-of-scope.yaml",)


@dataclass
class Listing:
    """The fact and source files of one book, and the problems of misplaced ones."""

    #: absolute path of the book's root (the folder holding the facts folder)
    base: str
    #: the facts folder as the book names it (``facts``)
    facts_dir: str
    #: ``(folder, path)``: ``folder`` is the kind folder or ``sources``; ``path`` is
    #: relative to :attr:`base`
    files: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def real(self, path: str) -> str:
        """Where a listed path is on disk."""
        return os.path.join(self.base, path)


def book_root(facts_dir: str) -> tuple[str, str]:
    """``(absolute root, facts folder name)`` of a facts folder."""
    absolute = os.path.abspath(facts_dir)
    return os.path.dirname(absolute), os.path.basename(absolute)


def _regular(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:  # a link loop
        return False


def _inside(path: str, root_real: str) -> bool:
    try:
        real = os.path.realpath(path)
    except OSError:  # a link loop
        return False
    return real == root_real or real.startswith(root_real + os.sep)


def list_files(root: str) -> Listing:
    """Fact and source files under ``root`` (the facts folder), plus location problems.

    Links are resolved only when a file is a symlink, so large books are listed with
    one ``scandir`` per folder.
    """
    base, name = book_root(root)
    listing = Listing(base, name)
    problems, found = listing.problems, listing.files
    root_real = os.path.realpath(root)
    folders = set(KIND_FOLDERS.values()) | {SOURCES_FOLDER}
    pending = [(os.path.join(base, name), name, ".")]
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
            if _editor_file(name):  # lock, backup and swap files: someone is editing
                continue
            shown = shown_dir + "/" + _shown_name(name)
            if shown_name_bad(name):
                problems.append(Problem(shown, 1, 1, Code.UNREADABLE,
                                        "file name is not valid UTF-8; rename it"))
                continue
            suffix = _suffix(name)
            if entry.is_dir(follow_symlinks=False):
                if suffix:
                    problems.append(Problem(shown, 1, 1, Code.UNREADABLE,
                                            "a folder where a file belongs; fact files are "
                                            "plain files"))
                    continue
                pending.append((entry.path, shown, name if rel == "." else rel + "/" + name))
                continue
            if not suffix or (rel == "." and name in ROOT_FILES):
                continue
            if entry.is_symlink() and not _inside(entry.path, root_real) or not _regular(entry):
                problems.append(Problem(shown, 1, 1, Code.UNREADABLE,
                                        "file is a link to outside facts/, a broken or looping "
                                        "link, or not a regular file (a FIFO, a device); fact "
                                        "files are plain files inside facts/"))
                continue
            if suffix != name[-len(suffix):] or suffix == ".yml":
                problems.append(Problem(shown, 1, 1, Code.KIND_MISMATCH,
                                        f"'{_shown_name(name)}' is not a name the book reads: "
                                        "fact and metadata files end in .yaml and texts in "
                                        ".txt, in lower case (not .yml or .YAML)"))
                continue
            if rel not in folders or (suffix == ".txt" and rel != SOURCES_FOLDER):
                problems.append(Problem(shown, 1, 1, Code.KIND_MISMATCH,
                                        f"'{_shown_name(name)}' is not where the book looks: "
                                        "facts go in facts/{eras,agreements,visits,events}/"
                                        "<id>.yaml and sources in facts/sources/<id>.yaml + "
                                        "<id>.txt"))
                continue
            found.append((rel, shown))
    found.sort()
    if not any(folder != SOURCES_FOLDER for folder, _ in found):
        problems.append(Problem(listing.facts_dir, 1, 1, Code.NO_FACTS,
                                "the book has no facts: add one file per fact under "
                                "facts/{eras,agreements,visits,events}/<id>.yaml"))
    return listing


#: suffixes of the files the book reads, in any case (a wrong case is reported)
_SUFFIXES = (".yaml", ".yml", ".txt")


def _suffix(name: str) -> str:
    lower = name.lower()
    for suffix in _SUFFIXES:
        if lower.endswith(suffix) and len(name) > len(suffix):
            return suffix
    return ""


def _editor_file(name: str) -> bool:
    """Editors' lock, backup and swap files, and hidden files (``.#x.yaml``,
    ``x.yaml~``, ``.x.yaml.swp``, ``#x.yaml#``): never facts, never errors."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swo", ".swx", ".tmp",
                                                         ".bak", ".orig"))


def shown_name_bad(name: str) -> bool:
    """A name that is not valid UTF-8 (Python keeps its bytes as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _shown_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 as ``\\xNN``."""
    if not shown_name_bad(name):
        return name
    return os.fsencode(name).decode("utf-8", "backslashreplace")


class UnreadableFile(Exception):
    """A file that cannot be read, with its located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def read_bytes(real: str, path: str, limit: int) -> bytes:
    """A regular file's bytes, refusing oversized files (a FIFO never blocks the read).

    :param real: where the file is on disk
    :param path: the path its problems name
    :raises UnreadableFile: with a located problem
    """
    def fail(message: str) -> UnreadableFile:
        return UnreadableFile(Problem(path, 1, 1, Code.UNREADABLE, message))

    try:
        fd = os.open(real, _READ_FLAGS)
    except OSError as exc:
        raise fail(f"cannot read file: {exc.strerror}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise fail("not a regular file (a folder, FIFO or device); fact files are "
                       "plain files")
        if st.st_size > limit:
            raise fail(f"file is {st.st_size:,} bytes; the limit is {limit:,} "
                       "(quotes are excerpts, not whole articles)")
        data = os.read(fd, st.st_size + 1)
        while len(data) > st.st_size and len(data) <= limit:  # it grew while being read
            more = os.read(fd, 1 << 16)
            if not more:
                break
            data += more
        if len(data) > limit:
            raise fail(f"file is over {limit:,} bytes, the limit")
        return data
    except OSError as exc:
        raise fail(f"cannot read file: {exc.strerror}") from None
    finally:
        os.close(fd)


#: never wait on a FIFO, never leak the descriptor
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


@dataclass
class ReadFile:
    """One listed file as read: its bytes and their hash, or why it could not be read."""

    data: bytes | None
    digest: str
    problem: Problem | None = None


def digest_of(data: bytes) -> str:
    """The fast content hash the cache keys files by."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def read_files(listing: Listing) -> dict[str, ReadFile]:
    """Read every listed file once."""
    out: dict[str, ReadFile] = {}
    for _folder, path in listing.files:
        limit = MAX_TEXT_BYTES if path.endswith(".txt") else MAX_FILE_BYTES
        try:
            data = read_bytes(listing.real(path), path, limit)
        except UnreadableFile as exc:
            out[path] = ReadFile(None, "!" + exc.problem.message, exc.problem)
            continue
        out[path] = ReadFile(data, digest_of(data))
    return out
