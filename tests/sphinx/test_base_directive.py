"""The base directive: what a page selected is what its staleness check compares."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.sphinx("html", testroot="briefing", freshenv=True)
def test_a_facts_directive_fingerprints_exactly_its_selection(app: Any) -> None:
    from briefing.base import FactsDirective
    from briefing.contested import ContestedDirective
    from briefing.data import get_book
    from briefing.domain import PAYLOADS

    app.build()
    book = get_book(app.env)
    facts = ContestedDirective.select(book, "")
    assert facts and all(r.fact.contested for r in facts)
    # the staleness check runs the very same selection and payload
    assert PAYLOADS["contested"](book, "") == ContestedDirective.payload(book, "", facts)
    marks = app.env.get_domain("briefing").pages["contested"]
    assert "contested" in [kind for kind, _arg, _fp in marks]
    with pytest.raises(NotImplementedError):
        FactsDirective.select(book, "")
