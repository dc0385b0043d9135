"""The "What changed" page: this build against the newest saved edition, fact by fact,
with the editors' changelog lines beside the mechanical diff.

When more facts were added or changed than ``briefing_list_page_entries``, the page
keeps the totals, the removed facts, the sources and the other changelog lines, and
links to one page per era of the added and changed facts, ``parts/changes/<era>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from . import render as R
from .base import FactsDirective, register_directive
from .domain import fact_xref, link_to_doc, link_to_label, note_label
from .history import EditionsState, get_state, state_of
from .pages import layout_of, part_docname

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


LABEL = "briefing-changes"


def _listed(book: BookData) -> list[FactResult]:
    state = state_of(book)
    if state is None:
        return []
    listed = [f["id"] for part in ("added", "changed") for f in state.diff["facts"][part]]
    return [book.by_id[i] for i in listed if i in book.by_id]


def change_parts(book: BookData) -> list[tuple[str, list[FactResult]]]:
    """The era parts of a long list of added and changed facts (``[]``: one page)."""
    return layout_of(book).parts("changes", lambda: _listed(book))  # (memo)


def part_stubs(book: BookData) -> dict[str, str]:
    """``changes/<era>.md`` below :data:`~.pages.PARTS` for each part."""
    layout = layout_of(book)
    return {
        f"changes/{key}.md": (
            f"---\norphan: true\n---\n# What changed, {layout.part_title(key)}\n\n"
            f"```{{briefing-changes-part}} {key}\n```\n"
        )
        for key, _facts in change_parts(book)
    }


def _entries(state: EditionsState, part: str, ids: set[str]) -> list[dict[str, Any]]:
    return [f for f in state.diff["facts"][part] if f["id"] in ids]


class ChangesDirective(FactsDirective):
    """``briefing-changes``: the diff from the newest saved edition to this build.

    It selects the book's facts that the diff lists as added or changed (removed
    facts are no longer in the book: the diff, which the fingerprint holds whole,
    shows them), and depends on the saved editions and the changelog."""

    page_kind = "changes"

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        return _listed(book)

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        """The editions' fingerprint and the whole diff (what the page shows); when
        the list is split, the parts' counts instead of their entries."""
        state = state_of(book)
        if state is None:
            return None
        parts = change_parts(book)
        if not parts:
            return state.fingerprint, state.diff
        diff = state.diff
        layout = layout_of(book)
        counts = {k: len(v) for k, v in diff["facts"].items()}
        return (state.fingerprint, counts, diff["facts"]["removed"], diff["sources"],
                [(k, layout.part_title(k), len(fs)) for k, fs in parts])

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
        parts = change_parts(book)
        if parts:
            return [note_label(self.env, LABEL), R.no_smartquotes(
                self._split(book, state, parts, box))]
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

    def _split(self, book: BookData, state: EditionsState,
               parts: list[tuple[str, list[FactResult]]],
               box: nodes.Element) -> nodes.Element:
        """The main page of a long list: a link to each era's part, then the
        removed facts, the sources and the other changelog lines."""
        layout = layout_of(book)
        title = "Added and changed, by era"
        box += nodes.rubric(title, title)
        items = nodes.bullet_list(classes=["briefing-changes-parts"])
        for key, part in parts:
            link = link_to_doc(part_docname("changes", key), layout.part_title(key),
                               self.env.docname)
            n = len(part)
            items += nodes.list_item("", R.para(
                link, R.text(f" · {n} fact{'s' if n != 1 else ''}", "briefing-muted")))
        box += items
        removed = state.diff["facts"]["removed"]
        if removed:
            box += nodes.rubric("Removed", "Removed")
            box += self._facts(state, removed, lambda f: [], linked=False)
        box += _sources(state.diff["sources"])
        box += self._other_notes(state)
        return box

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


class ChangesPartDirective(ChangesDirective):
    """``briefing-changes-part <era>``: one era's added and changed facts."""

    page_kind = "changes-part"
    required_arguments = 1

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        for key, facts in change_parts(book):
            if key == arg:
                return facts
        raise LookupError(f"no part '{arg}' of the list of changes")

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        state = state_of(book)
        if state is None:
            return None
        ids = {r.fact.id for r in facts}
        return (state.fingerprint, _entries(state, "added", ids),
                _entries(state, "changed", ids))

    def render(
        self, book: BookData, arg: str, selected: list[FactResult]
    ) -> list[nodes.Node]:
        state = get_state(self.env)
        ids = {r.fact.id for r in selected}
        box = nodes.container(classes=["briefing-changes"])
        total = sum(len(v) for k, v in state.diff["facts"].items() if k != "removed")
        box += R.para(
            R.text(f"{len(selected)} of the {total} facts added or changed in this "
                   "edition: those of this era. "),
            link_to_label(LABEL, "All changes", self.env.docname), nodes.Text("."),
            classes=["briefing-changes-intro"])
        for title, part, detail in (("Added", "added", lambda f: []),
                                    ("Changed", "changed", change_items)):
            entries = _entries(state, part, ids)
            if entries:
                box += nodes.rubric(title, title)
                box += self._facts(state, entries, detail, linked=True)
        return [R.no_smartquotes(box)]


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
    register_directive(app, "briefing-changes-part", ChangesPartDirective)
