"""Find a book's files: which are facts, which are sources, and which are misplaced."""

from __future__ import annotations

import os

from .model import KIND_FOLDERS
from .problems import Code, Problem

SOURCES_FOLDER = "sources"
#: files at the top of facts/ that are not facts (read by their own tools)
ROOT_FILES = ("out-of-scope.yaml",)
#: ``(folder, path)`` of every fact and source file, and the problems of misplaced ones
Listing = tuple[list[tuple[str, str]], list[Problem]]
#: a file's ``(mtime_ns, size)`` before it was read, and the SHA-256 of a text's bytes
Observed = tuple[tuple[int, int], bytes | None]


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
