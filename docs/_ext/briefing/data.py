"""Load the checked book once per build and keep it out of the pickled environment."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from sphinx.util import logging

from checks.api import check_path, paused_gc
from checks.publish.writer import book_data, facts_json_bytes, file_bytes, write_exports
from checks.problems import Severity

from . import stamp
from .config import read_config

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from checks.model import Source
    from checks.result import FactResult, Result

logger = logging.getLogger(__name__)

#: the book of the current build, by source folder (worker processes inherit it)
_BOOKS: dict[str, BookData] = {}
#: how to load the book of an unchanged build, should a page ask for it after all
_PENDING: dict[str, Callable[[], BookData]] = {}
#: the event emitted once the book is loaded: ``(app, book)``
LOADED = "briefing-book-loaded"


@dataclass(frozen=True)
class QuoteSpan:
    """A verified quote's place in its source's raw text."""

    fact_id: str
    n: int
    start: int
    end: int

    @property
    def anchor(self) -> str:
        return f"q-{self.fact_id}-{self.n}"


@dataclass(repr=False)
class BookData:
    """The checked book plus the indexes the pages need."""

    result: Result
    facts_dir: str
    strict: bool
    by_id: dict[str, FactResult] = field(default_factory=dict)
    eras: list[FactResult] = field(default_factory=list)
    era_ids: frozenset[str] = frozenset()
    members: dict[str | None, list[FactResult]] = field(default_factory=dict)
    spans: dict[str, list[QuoteSpan]] = field(default_factory=dict)
    json: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: source id -> ids of the facts citing it, in book order
    citing: dict[str, list[str]] = field(default_factory=dict)
    #: source id -> (author characters, characters quoted), filled as pages ask
    coverage: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __repr__(self) -> str:
        # short: Sphinx logs repr() of every event's arguments, and the whole book's
        # (the dataclass default) took 0.5 s per build at 5,000 facts
        return f"<BookData {self.facts_dir!r}: {len(self.result.facts)} facts>"

    @property
    def sources(self) -> dict[str, Source]:
        return self.result.sources

    def fact_path(self, fact_id: str) -> str:
        return self.result.path(self.by_id[fact_id].fact.file)

    def source_paths(self, source_id: str) -> list[str]:
        src = self.sources.get(source_id)
        return (
            []
            if src is None
            else [self.result.path(src.meta_file), self.result.path(src.text_file)]
        )

    def paths_for(self, facts: list[FactResult]) -> list[str]:
        """Every file the rendering of ``facts`` reads: fact files and cited sources."""
        paths = {self.result.path(r.fact.file) for r in facts}
        for r in facts:
            for sid in r.source_ids:
                paths.update(self.source_paths(sid))
            for owner, contest in r.shared:  # a point declared elsewhere, shown here
                paths.add(self.result.path(owner.file))
                for claim in contest.claims:
                    paths.update(self.source_paths(claim.quote.source))
        return sorted(paths)

    def era_of(self, r: FactResult) -> str | None:
        """The era page a fact lives on (``None``: outside every era)."""
        if r.fact.kind == "era":
            return r.fact.id
        era = r.era
        return era if era in self.era_ids else None

    def dated(self) -> list[FactResult]:
        return [r for r in self.result.facts if r.fact.first is not None]


def _index(book: BookData) -> None:
    result = book.result
    # the facts as facts.json has them: made once, shared with the editions' diff and
    # the exports of this build (checks.publish.writer.book_data keeps them)
    book.json = {f["id"]: f for f in book_data(result)["facts"]}
    book.by_id = result.by_id()
    book.eras = sorted(
        (r for r in result.facts if r.fact.kind == "era"),
        key=lambda r: r.fact.sort_key(),
    )
    book.era_ids = frozenset(e.fact.id for e in book.eras)
    for r in sorted(result.facts, key=lambda r: r.fact.sort_key()):
        if r.fact.kind != "era":
            book.members.setdefault(book.era_of(r), []).append(r)
        for sid in r.source_ids:
            book.citing.setdefault(sid, []).append(r.fact.id)
        for n, check in enumerate(r.quotes, 1):
            span = check.span
            if span is not None:
                book.spans.setdefault(check.quote.source, []).append(
                    QuoteSpan(r.fact.id, n, span.start, span.end)
                )


def depend_on(env: BuildEnvironment, paths: Iterable[str]) -> None:
    """Rebuild the current page when any of these files changes."""
    for path in paths:
        env.note_dependency(path)


def get_book(env: BuildEnvironment) -> BookData:
    """The book of the current build (loaded now if the build skipped it).

    :param env: the build environment
    """
    key = str(env.srcdir)
    load = _PENDING.pop(key, None)
    if load is not None:
        return load()
    return _BOOKS[key]


def loaded(env: BuildEnvironment) -> bool:
    """Whether this build loaded the book (an unchanged build does not)."""
    return str(env.srcdir) not in _PENDING


def _load(app: Sphinx, quiet: bool) -> BookData:
    cfg = read_config(app)
    state = stamp.state_of(app.env)
    if state is not None:
        state.quiet = quiet
    with _long_lived():
        facts = state.facts if state is not None else None
        book = BookData(check_path(cfg.facts_dir, inputs=facts), cfg.facts_dir, cfg.strict)
        _index(book)
    _BOOKS[str(app.srcdir)] = book
    _report(book, state)
    app.emit(LOADED, book)
    if state is not None:
        state.quiet = False
    return book


@contextmanager
def _long_lived() -> Iterator[None]:
    """Make the book without the cyclic garbage collector, then set it aside from it.

    The book is hundreds of thousands of objects that live until the process ends:
    every collection during the load, during the build, and at interpreter exit
    would traverse them all again (at 5,000 facts 20% of the load and more than a
    second at exit). The next build in the same process hands them back
    (:func:`_hand_back`), so a long-running process does not keep old books.
    """
    with paused_gc():
        yield
    gc.freeze()


def _hand_back() -> None:
    """Return what an earlier build of this process set aside to the collector, and
    collect what is garbage now (before this build sets its own book aside with it)."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()


def on_builder_inited(app: Sphinx) -> None:
    """Check the facts folder and report its problems once per build; when nothing
    changed since the last build (:mod:`.stamp`), report the recorded problems and
    load the book only if a page asks for it."""
    cfg = read_config(app)
    key = str(app.srcdir)
    _PENDING.pop(key, None)
    _BOOKS.pop(key, None)
    _hand_back()
    state = stamp.begin(app, cfg.facts_dir)
    if state.unchanged:
        stamp.repeat_problems(state)
        _PENDING[key] = lambda: _load(app, quiet=True)
        gc.freeze()  # the environment Sphinx loaded lives until the end, like a book
    else:
        _load(app, quiet=False)


def _report(book: BookData, state: stamp.BuildState | None) -> None:
    for p in book.result.problems:
        location = f"{book.result.path(p.file)}:{p.line}"
        message = f"{p.code.value} {p.message} (column {p.column})"
        warn = p.severity is Severity.ERROR or book.strict
        stamp.report(state, warn, message, location, p.code.value)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Publish the checked book beside the HTML pages: facts.json, its schema and
    ``exports/`` (the same files as ``briefing export``); an unchanged build whose
    published files are as the last build left them publishes nothing."""
    if exception is not None or app.builder.format != "html":
        return
    if str(app.srcdir) not in _BOOKS and str(app.srcdir) not in _PENDING:
        return
    if not loaded(app.env) and stamp.published_current(app):
        return
    book = get_book(app.env)
    name = app.config.briefing_json
    if name and stamp.published_intact(app):
        # every export is made from facts.json's data: when its text is what the
        # last build published, so is every other file (a fact edit that changes
        # nothing published, such as a comment, costs no exports)
        published = file_bytes(os.path.join(str(app.outdir), name))
        if published == facts_json_bytes(book.result):
            stamp.keep_published(app)
            return
    paths = write_exports(book.result, str(app.outdir), name)
    stamp.note_published(app, paths)



def setup_data(app: Sphinx) -> None:
    """Load the book at ``builder-inited``; publish it at ``build-finished``."""
    app.add_event(LOADED)
    stamp.setup_stamp(app)
    app.connect("builder-inited", on_builder_inited, priority=400)
    app.connect("build-finished", on_build_finished)
