"""The "What changed" page: this build against the newest saved edition, fact by fact,
with the editors' changelog lines beside the mechanical diff."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from . import render as R
from .base import FactsDirective, register_directive
from .domain import fact_xref
from .history import EditionsState, get_state, state_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from checks.result import FactResult

    from .data import BookData


def _pair(change: dict[str, Any]) -> str:
    return f"{change['old']} → {change['new']}"


def _point_items(p: dict[str, Any]) -> list[str]:
    q = f"Contested point “{p['question']}”"
    if p["change"] != "changed":
        return [f"{q}: {p['change']}"]
    out = []
    if p.get("favours"):
        out.append(f"{q}: the editor now favours {_pair(p['favours'])}")
    if p.get("confidence"):
        out.append(f"{q}: confidence {_pair(p['confidence'])}")
    if p.get("field"):
        out.append(f"{q}: field {_pair(p['field'])}")
    if p.get("concerns"):
        out.append(f"{q}: concerns {_pair(p['concerns'])}")
    if p.get("other"):
        out.append(f"{q}: a claim's attribution or order changed")
    if p["assessment_text_changed"]:
        out.append(f"{q}: the editor's assessment was rewritten")
    for sign, key in (("claim added", "claims_added"), ("claim removed", "claims_removed")):
        out += [f"{q}: {sign}: “{c['value']}” ({c['source']})" for c in p[key]]
    return out


def change_items(c: dict[str, Any]) -> list[str]:
    """What the diff says about one changed fact, one line each."""
    out = []
    if c["status"]:
        out.append(f"Status: {_pair(c['status'])}")
    if c["fields"]:
        out.append("Fields changed: " + ", ".join(c["fields"]))
    for sign, key in (("Quote added", "quotes_added"), ("Quote removed", "quotes_removed")):
        out += [f"{sign} ({q['source']}): “{q['quote']}”" for q in c[key]]
    for p in c["contested"]:
        out += _point_items(p)
    return out


def _bullets(lines: list[str], cls: str) -> nodes.bullet_list:
    items = nodes.bullet_list(classes=[cls])
    for line in lines:
        items += nodes.list_item("", R.para(R.text(line)))
    return items


class ChangesDirective(FactsDirective):
    """``briefing-changes``: the diff from the newest saved edition to this build.

    It selects the book's facts that the diff lists as added or changed (removed
    facts are no longer in the book: the diff, which the fingerprint holds whole,
    shows them), and depends on the saved editions and the changelog."""

    page_kind = "changes"

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        state = state_of(book)
        if state is None:
            return []
        listed = [f["id"] for part in ("added", "changed")
                  for f in state.diff["facts"][part]]
        return [book.by_id[i] for i in listed if i in book.by_id]

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        """The editions' fingerprint and the whole diff (what the page shows)."""
        state = state_of(book)
        return (state.fingerprint, state.diff) if state is not None else None

    @classmethod
    def dependencies(
        cls, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[str]:
        """The saved editions and the changelog."""
        state = state_of(book)
        return list(state.files) if state is not None else []

    def render(
        self, book: BookData, arg: str, selected: list[FactResult]
    ) -> list[nodes.Node]:
        state = get_state(self.env)
        box = nodes.container(classes=["briefing-changes"])
        box += _intro(state)
        facts = state.diff["facts"]
        sections = [
            ("Added", facts["added"], lambda f: []),
            ("Changed", facts["changed"], change_items),
            ("Removed", facts["removed"], lambda f: []),
        ]
        for title, entries, detail in sections:
            if entries:
                box += nodes.rubric(title, title)
                box += self._facts(state, entries, detail, linked=title != "Removed")
        box += _sources(state.diff["sources"])
        box += self._other_notes(state)
        return [R.no_smartquotes(box)]

    def _facts(self, state: EditionsState, entries: list[dict[str, Any]],
               detail: Any, linked: bool) -> nodes.bullet_list:
        out = nodes.bullet_list(classes=["briefing-changes-facts"])
        for entry in entries:
            title = R.text(entry["title"], "briefing-fact-title")
            head = R.para(
                fact_xref(entry["id"], title, self.env.docname) if linked else title,
                R.text(f" ({entry['id']})", "briefing-muted"),
            )
            item = nodes.list_item("", head, classes=["briefing-change"])
            details = detail(entry)
            if details:
                item += _bullets(details, "briefing-change-diff")
            notes = state.notes_for(entry["id"])
            if notes:
                item += R.para(R.label("Editors’ changelog:"),
                               classes=["briefing-changelog-head"])
                item += _bullets(notes, "briefing-changelog")
            out += item
        return out

    def _other_notes(self, state: EditionsState) -> list[nodes.Node]:
        facts = state.diff["facts"]
        shown = {f["id"] for part in facts.values() for f in part}
        rest = [e for e in state.changelog if e.fact not in shown]
        if not rest:
            return []
        out: list[nodes.Node] = [nodes.rubric("Changelog", "Changelog"),
                                 R.para(R.text("Editors’ lines for facts whose data the "
                                               "diff shows unchanged:"))]
        items = nodes.bullet_list(classes=["briefing-changelog"])
        for e in rest:
            items += nodes.list_item("", R.para(
                fact_xref(e.fact, docname=self.env.docname), nodes.Text(": "),
                R.text(e.change)))
        out.append(items)
        return out


def _intro(state: EditionsState) -> nodes.paragraph:
    facts, newest = state.diff["facts"], state.newest
    counts = (f"{len(facts['added'])} facts added, {len(facts['changed'])} changed, "
              f"{len(facts['removed'])} removed.")
    if newest is None:
        return R.para(R.text("No edition has been saved yet (`briefing edition save`): "
                             "every fact is new in this edition. " + counts))
    return R.para(R.text(f"This edition compared with {newest.label}, the newest saved "
                         f"edition: {counts}"), classes=["briefing-changes-intro"])


def _sources(diff: dict[str, Any]) -> list[nodes.Node]:
    lines = [f"Added: {s['title']} ({s['id']})" for s in diff["added"]]
    lines += [f"Removed: {s['title']} ({s['id']})" for s in diff["removed"]]
    lines += [f"Re-sealed: {s['id']} (SHA-256 {s['old']} → {s['new']})"
              for s in diff["resealed"]]
    lines += [f"Metadata changed: {s['id']} ({', '.join(s['fields'])})"
              for s in diff["changed"]]
    if not lines:
        return []
    return [nodes.rubric("Sources", "Sources"), _bullets(lines, "briefing-changes-sources")]


def setup_changes(app: Sphinx) -> None:
    """Register the "What changed" directive."""
    register_directive(app, "briefing-changes", ChangesDirective)
