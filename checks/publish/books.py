"""Turn a command-line argument into a book: a ``facts.json`` file, a facts folder, or a
git revision of the repository (its ``facts/`` checked in a temporary folder)."""

from __future__ import annotations

import os
import subprocess
import tempfile
from typing import Any

from ..api import check_path
from ..export import book_json
from .editions import EditionError, git_facts, load_json


def facts_folder(path: str) -> str | None:
    """``path`` itself when it is a facts folder, ``path/facts`` when that is one."""
    for candidate in (path, os.path.join(path, "facts")):
        if os.path.isdir(os.path.join(candidate, "sources")):
            return candidate
    return None


def check_folder(facts_dir: str) -> dict[str, Any]:
    """:func:`checks.export.book_json` of a facts folder, checked now (no cache)."""
    return book_json(check_path(facts_dir, use_cache=False))


def repo_root(start: str = ".") -> str:
    proc = subprocess.run(["git", "-C", start, "rev-parse", "--show-toplevel"],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise EditionError(f"{os.path.abspath(start)} is not inside a git repository")
    return proc.stdout.strip()


def load_book(arg: str, repo: str | None = None,
              facts_path: str = "facts") -> tuple[str, dict[str, Any]]:
    """``(label, facts.json data)`` of a book named on the command line.

    :param arg: a JSON file, a facts folder (or the folder holding ``facts/``), or a
        git revision
    :param repo: the repository for revisions (default: the one holding the cwd)
    :param facts_path: the facts folder's path inside the repository
    :raises EditionError: with a message that says what was tried
    """
    if os.path.isfile(arg):
        return arg, load_json(arg)
    if os.path.isdir(arg):
        folder = facts_folder(arg)
        if folder is None:
            raise EditionError(f"{arg}: a folder without sources/ is not a facts folder")
        return folder, check_folder(folder)
    root = repo or repo_root()
    with tempfile.TemporaryDirectory(prefix="briefing-rev-") as tmp:
        folder = git_facts(root, arg, facts_path, tmp)
        if not os.path.isdir(folder):
            raise EditionError(f"revision '{arg}' has no {facts_path}/ folder")
        return f"git:{arg}", check_folder(folder)
