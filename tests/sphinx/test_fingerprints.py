"""Every page kind's fingerprint: the staleness check recomputes exactly what was
stored at read time, and a change to a shown field of a selected fact changes it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def _facts_directives() -> dict[str, Any]:
    from briefing.base import FactsDirective

    out: dict[str, Any] = {}
    todo = list(FactsDirective.__subclasses__())
    while todo:
        cls = todo.pop()
        out[cls.page_kind] = cls
        todo += cls.__subclasses__()
    return out


def _marks(app: Any) -> dict[tuple[str, str, str], str]:
    pages = app.env.get_domain("briefing").pages
    return {
        (doc, kind, arg): fp for doc, marks in pages.items() for kind, arg, fp in marks
    }


@pytest.mark.sphinx(
    "html", testroot="briefing", srcdir="fingerprint-drift", freshenv=True
)
def test_fingerprints_match_at_rest_and_follow_shown_fields(
    app: Any, make_app: Any
) -> None:
    from briefing.data import get_book
    from briefing.domain import PAYLOADS, fingerprint

    app.build()
    src = Path(app.srcdir)
    stored = _marks(app)
    kinds = {kind for _doc, kind, _arg in stored}
    directives = _facts_directives()
    # every page kind of the test book is declared, and each facts directive shows here
    assert kinds <= set(PAYLOADS)
    assert {"era", "era-list", "contested", "summary"} <= kinds & set(directives)

    # unchanged book, new build: the staleness check computes what was stored
    app.cleanup()
    again = make_app("html", srcdir=src)
    book = get_book(again.env)
    for (doc, kind, arg), fp in stored.items():
        assert fingerprint(book, kind, arg) == fp, (doc, kind, arg)
    seen: list[str] = []
    again.connect("env-before-read-docs", lambda a, e, docs: seen.extend(docs))
    again.build()
    assert seen == []
    again.cleanup()

    # shown fields of selected facts change: an era's title, a visit's title, and a
    # quote of that visit (its standing, the summary's counts, the source's spans)
    edits = {
        "facts/eras/cold-war.yaml": ('"The Cold War"', '"The Long Cold War"'),
        "facts/visits/1974-bhutto-moscow-visit.yaml": (
            'Bhutto visits Moscow"',
            'Bhutto travels to Moscow"',
        ),
    }
    for path, (old, new) in edits.items():
        text = (src / path).read_text()
        assert old in text
        (src / path).write_text(text.replace(old, new))
    visit = src / "facts/visits/1974-bhutto-moscow-visit.yaml"
    text = visit.read_text()
    assert 'Bhutto visited Moscow."' in text
    visit.write_text(text.replace('Bhutto visited Moscow."', 'Bhutto flew to Moscow."'))
    edited_ids = {"cold-war", "1974-bhutto-moscow-visit"}

    edited = make_app("html", srcdir=src)
    book = get_book(edited.env)
    checked = set()
    for (doc, kind, arg), fp in stored.items():
        cls = directives.get(kind)
        if cls is None:
            continue
        selected = {r.fact.id for r in cls.select(book, arg)}
        if selected & edited_ids:
            assert fingerprint(book, kind, arg) != fp, (doc, kind, arg)
            checked.add(kind)
    assert {"era", "era-list", "summary", "register", "timeline", "source", "source-index"} <= checked
    edited.cleanup()
