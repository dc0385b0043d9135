"""Stub pages are written only when their content changes; stale ones are removed."""

from __future__ import annotations

import os
from pathlib import Path

from briefing.stubs import sync_folder


def test_sync_folder_keeps_mtimes_and_removes_stale_stubs(tmp_path: Path) -> None:
    folder = tmp_path / "eras"
    sync_folder(str(folder), {"a.md": "A\n", "b.md": "B\n"})
    old = (folder / "a.md").stat().st_mtime_ns
    os.utime(folder / "a.md", ns=(old - 10**9, old - 10**9))
    before = (folder / "a.md").stat().st_mtime_ns
    (folder / "notes.txt").write_text("not a stub")
    sync_folder(str(folder), {"a.md": "A\n", "c.md": "C\n"})
    assert (folder / "a.md").stat().st_mtime_ns == before  # unchanged: not rewritten
    assert sorted(p.name for p in folder.iterdir()) == ["a.md", "c.md", "notes.txt"]
    sync_folder(str(folder), {"a.md": "A2\n"})
    assert (folder / "a.md").read_text() == "A2\n"


def test_stubs_hold_only_a_directive_and_ids(tmp_path: Path) -> None:
    from briefing.data import BookData, _index

    from checks.api import check_path

    root = Path(__file__).resolve().parents[1] / "roots" / "test-briefing" / "facts"
    book = BookData(check_path(str(root), use_cache=False), str(root), False)
    _index(book)
    from briefing.pages import build_layout
    from briefing.stubs import era_stubs, source_stubs

    eras = era_stubs(build_layout(book, 200))
    assert eras["cold-war.md"] == "```{briefing-era} cold-war\n```\n"
    assert eras["index.md"].index("cold-war\n") < eras["index.md"].index("new-era\n")
    assert source_stubs(book)["shaukat-2012-new-era.md"] == (
        "```{briefing-source} shaukat-2012-new-era\n```\n"
    )


def test_book_repr_is_short(tmp_path: Path) -> None:
    """Sphinx writes repr() of an event's arguments to its debug log on every emit: the
    loaded book's must not spell out every fact."""
    from briefing.data import BookData, _index

    from checks.api import check_path

    root = Path(__file__).resolve().parents[1] / "roots" / "test-briefing" / "facts"
    book = BookData(check_path(str(root), use_cache=False), str(root), False)
    _index(book)
    assert len(book.by_id) > 3
    assert len(repr(book)) < 200
    assert f"{len(book.by_id)} facts" in repr(book)


def test_what_a_build_sets_aside_is_handed_back_by_the_next() -> None:
    """The book is set aside from the garbage collector while a build uses it; the
    next build of the same process hands it back, so a long-running process (a test
    session, a server) does not keep every earlier build's garbage."""
    import gc
    import weakref

    from briefing.data import _hand_back, _long_lived

    class Node:
        pass

    cycle = Node()
    cycle.me = cycle  # type: ignore[attr-defined]  # only the collector frees it
    ref = weakref.ref(cycle)
    with _long_lived():
        pass
    del cycle
    gc.collect()
    assert ref() is not None  # set aside: the collector does not look at it
    _hand_back()
    assert ref() is None
    assert gc.get_freeze_count() == 0
