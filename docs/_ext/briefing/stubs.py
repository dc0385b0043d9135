"""Write the tiny stub pages (one per era and per source) that hold only a directive."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from . import changes, registers
from .data import get_book, loaded
from .pages import OUTSIDE, PARTS, get_layout

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .data import BookData
    from .pages import Layout

__all__ = ["OUTSIDE", "era_stubs", "source_stubs", "sync_folder"]
_FENCE = "```"
_ORPHAN = "---\norphan: true\n---\n"


def _directive(name: str, arg: str = "") -> str:
    return f"{_FENCE}{{{name}}} {arg}".rstrip() + f"\n{_FENCE}\n"


def _toctree(entries: list[str]) -> str:
    body = "".join(f"{e}\n" for e in entries)
    return f"{_FENCE}{{toctree}}\n:hidden:\n\n{body}{_FENCE}\n"


def era_stubs(layout: Layout) -> dict[str, str]:
    """``eras/<id>.md`` for every era, in chronological order, and the index; for a
    long era, ``eras/<id>/<year>.md`` for each year of its facts.

    The year pages stay out of the site's navigation, as many source pages do: every
    page of the book carries the sidebar, so its cost grows with the number of pages
    times the entries it lists. A reader reaches a year from its era's page (which
    lists its years), the timeline, search and every link to an entry on it.
    """
    ids = layout.chapters()
    files = {}
    for i in ids:
        files[f"{i}.md"] = _directive("briefing-era", i)
        for p in layout.periods.get(i, []):
            files[f"{i}/{p.label}.md"] = _ORPHAN + _directive(
                "briefing-era-period", f"{i} {p.label}"
            )
    files["index.md"] = (
        "# Eras\n\n" + _directive("briefing-era-list") + "\n" + _toctree(ids)
    )
    return files


def source_stubs(book: BookData, sidebar_limit: int = 20) -> dict[str, str]:
    """``sources/<id>.md`` for every archived source, plus the index.

    Up to ``sidebar_limit`` sources are listed in the site's navigation; beyond that a
    sidebar of sources is a wall of titles that every page of the book would carry, so
    the source pages are reached from the sources index, search and each quote's link.
    """
    ids = sorted(book.sources)
    listed = len(ids) <= sidebar_limit
    head = "" if listed else _ORPHAN
    files = {f"{i}.md": head + _directive("briefing-source", i) for i in ids}
    files["index.md"] = (
        "# Sources\n\n"
        + _directive("briefing-source-index")
        + ("\n" + _toctree(ids) if listed else "")
    )
    return files


def sync_folder(folder: str, files: dict[str, str]) -> None:
    """Write ``files`` into ``folder`` where they changed; delete stale ``.md`` stubs
    (and sub-folders left empty).

    :param folder: absolute path of the stub folder
    :param files: file name (``/``-separated below ``folder``) to content
    """
    os.makedirs(folder, exist_ok=True)
    for here, dirs, names in os.walk(folder, topdown=False):
        rel = os.path.relpath(here, folder)
        for name in names:
            key = name if rel == "." else f"{rel}/{name}".replace(os.sep, "/")
            if name.endswith(".md") and key not in files:
                os.remove(os.path.join(here, name))
        if here != folder and not os.listdir(here):
            os.rmdir(here)
    for name, content in files.items():
        path = os.path.join(folder, *name.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        try:
            with open(path, encoding="utf-8") as fh:
                if fh.read() == content:
                    continue
        except FileNotFoundError:
            pass
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(content)


_LISTS = re.compile(r"^```\{briefing-(changes|register)\}[ \t]*(\w*)", re.M)


def _lists_shown(srcdir: str) -> set[str]:
    """The long lists the book's own pages show (``changes``, ``agreement``,
    ``visit``): a list's parts exist only where a page links to them."""
    shown = set()
    for here, dirs, names in os.walk(srcdir):
        top = here == srcdir
        dirs[:] = [d for d in dirs if not d.startswith(("_", "."))
                   and not (top and d in ("eras", "sources", PARTS))]
        for name in names:
            if name.endswith(".md"):
                with open(os.path.join(here, name), encoding="utf-8") as fh:
                    for which, arg in _LISTS.findall(fh.read()):
                        shown.add(arg if which == "register" else which)
    return shown


def on_builder_inited(app: Sphinx) -> None:
    """Bring the stub folders in line with the book."""
    if not app.config.briefing_stubs or not loaded(app.env):
        return  # (an unchanged build: the stubs are as the last build left them)
    book = get_book(app.env)
    sync_folder(os.path.join(str(app.srcdir), "eras"), era_stubs(get_layout(app.env)))
    sync_folder(
        os.path.join(str(app.srcdir), "sources"),
        source_stubs(book, app.config.briefing_sidebar_sources),
    )
    shown = _lists_shown(str(app.srcdir))
    parts = {
        **registers.part_stubs(book, [k for k in registers.COLUMNS if k in shown]),
        **(changes.part_stubs(book) if "changes" in shown else {}),
    }
    folder = os.path.join(str(app.srcdir), PARTS)
    if parts or os.path.isdir(folder):  # (a short book has no such folder)
        sync_folder(folder, parts)
        if not parts and not os.listdir(folder):
            os.rmdir(folder)


def setup_stubs(app: Sphinx) -> None:
    """Generate stubs right after the book is loaded."""
    app.connect("builder-inited", on_builder_inited, priority=450)
