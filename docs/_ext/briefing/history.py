"""Saved editions in the book: each fact's "history" line, and the state the "What
changed" page shows (the newest saved edition, the diff, the editors' changelog)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes

from checks.publish.diff import diff_books
from checks.publish.writer import book_data
from checks.publish.editions import (
    CHANGELOG,
    ChangelogEntry,
    Edition,
    EditionError,
    history,
    load_changelog,
    load_editions,
)

from . import stamp
from .data import LOADED, get_book, loaded

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .data import BookData

THIS = "this edition"

#: the editions of the current build, by source folder (worker processes inherit it)
_STATES: dict[str, EditionsState] = {}
#: the same, by the identity of the build's book (page payloads get only the book)
_BY_BOOK: dict[int, EditionsState] = {}


@dataclass
class EditionsState:
    """What the book knows of its saved editions in this build."""

    folder: str
    editions: list[Edition] = field(default_factory=list)
    #: fact id -> (edition that added it, edition that last changed it)
    history: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: the diff from the newest saved edition (or from nothing) to this build
    diff: dict[str, Any] = field(default_factory=dict)
    changelog: list[ChangelogEntry] = field(default_factory=list)
    #: the files read, for dependencies and for the fingerprint
    files: list[str] = field(default_factory=list)
    fingerprint: str = ""
    #: the saved editions alone (what the history lines show; not the changelog)
    editions_fingerprint: str = ""
    book_id: int = 0

    @property
    def newest(self) -> Edition | None:
        return self.editions[-1] if self.editions else None

    def notes_for(self, fact_id: str) -> list[str]:
        return [e.change for e in self.changelog if e.fact == fact_id]


def get_state(env: BuildEnvironment) -> EditionsState:
    get_book(env)  # an unchanged build loads the book (and the editions) on demand
    return _STATES[str(env.srcdir)]


def state_of(book: BookData) -> EditionsState | None:
    """The editions state loaded with ``book`` (``None`` before it is loaded)."""
    return _BY_BOOK.get(id(book))


def _digest(paths: list[str]) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.encode() + b"\0")
        try:
            with open(path, "rb") as fh:
                h.update(hashlib.sha256(fh.read()).digest())
        except OSError:
            h.update(b"missing")
    return h.hexdigest()[:20]


def load_state(
    folder: str, current: dict[str, Any], build: stamp.BuildState | None = None
) -> EditionsState:
    """Read the editions folder; problems are logged as located warnings.

    :param folder: absolute path of ``editions/`` (may be missing)
    :param current: ``facts.json`` data of the book being built
    :param build: the build's state, which records the warnings (see :mod:`.stamp`)
    """
    state = EditionsState(folder)
    try:
        state.editions = load_editions(folder)
    except EditionError as exc:
        stamp.report(build, True, str(exc), None, "edition")
    path = os.path.join(folder, CHANGELOG)
    state.changelog, problems = load_changelog(path)
    for line, column, message in problems:
        stamp.report(build, True, f"{message} (column {column})", f"{path}:{line}",
                     "changelog")
    known = {f["id"] for f in current["facts"]}
    if state.newest is not None:
        known |= {f["id"] for f in state.newest.data["facts"]}
    for entry in state.changelog:
        if entry.fact not in known:
            stamp.report(build, True, f"changelog names an unknown fact '{entry.fact}'",
                         f"{path}:{entry.line}", "changelog")
    state.history = history(state.editions, current)
    empty: dict[str, Any] = {"facts": [], "sources": []}
    state.diff = diff_books(state.newest.data if state.newest else empty, current)
    state.files = [e.path for e in state.editions] + [path]
    state.fingerprint = _digest(state.files)
    state.editions_fingerprint = _digest([e.path for e in state.editions])
    return state


def on_book_loaded(app: Sphinx, book: BookData) -> None:
    """Load the editions once the book is loaded."""
    folder = os.path.normpath(
        os.path.join(str(app.confdir), app.config.briefing_editions_dir)
    )
    old = _STATES.get(str(app.srcdir))
    if old is not None:
        _BY_BOOK.pop(old.book_id, None)
    state = load_state(folder, book_data(book.result), stamp.state_of(app.env))
    state.book_id = id(book)
    _STATES[str(app.srcdir)] = _BY_BOOK[id(book)] = state


class history_node(nodes.General, nodes.Element):
    """Where a fact's history line goes (filled in at ``doctree-resolved``)."""


def history_placeholder(fact_id: str) -> history_node:
    """The node a fact entry carries for its history line."""
    return history_node("", briefing_history=fact_id)


def history_text(state: EditionsState, fact_id: str) -> str | None:
    entry = state.history.get(fact_id)
    if entry is None:
        return None
    added, changed = entry
    if added == THIS:
        return "new in this edition (not yet saved)"
    text = f"added in {added}"
    if changed == added:
        return text + "; unchanged since"
    return f"{text}; last changed in {changed}"


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace every history placeholder with its line (any builder)."""
    state = _STATES.get(str(app.srcdir))
    for node in list(doctree.findall(history_node)):
        shown = history_text(state, node["briefing_history"]) if state else None
        if shown is None:
            node.parent.remove(node)
            continue
        label = nodes.strong("History:", "History:", classes=["briefing-label"])
        line = nodes.paragraph("", "", label, nodes.Text(" "), nodes.inline(shown, shown))
        line["classes"] = ["briefing-history", "briefing-muted"]
        node.replace_self(line)


def on_env_get_outdated(
    app: Sphinx,
    env: BuildEnvironment,
    added: Set[str],
    changed: Set[str],
    removed: Set[str],
) -> list[str]:
    """When a saved edition changed, every page with fact entries is stale (their
    history lines); a changelog edit re-reads only the "What changed" page."""
    if not loaded(env):  # nothing changed since the last build
        return []
    state = get_state(env)
    before = getattr(env, "briefing_editions", None)
    env.briefing_editions = state.editions_fingerprint  # type: ignore[attr-defined]
    if before == state.editions_fingerprint:
        return []
    facts = env.get_domain("briefing").data.get("facts", {})
    return sorted({doc for doc, *_rest in facts.values()} - set(removed))


def setup_history(app: Sphinx) -> None:
    """Load the editions after the book; fill the history lines; track edition files."""
    app.add_config_value(
        "briefing_editions_dir",
        "../editions",
        "env",
        types=frozenset({str}),
        description="the saved editions folder, relative to the folder of conf.py",
    )
    app.add_node(history_node)
    app.connect(LOADED, on_book_loaded, priority=420)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("env-get-outdated", on_env_get_outdated)
