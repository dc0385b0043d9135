"""What changed between two editions of a book (two ``facts.json``-shaped objects)."""

from __future__ import annotations

from typing import Any

#: fact fields that say where a fact lives, not what it says
_PLACE = ("file", "line")
#: quote fields that move when a source is re-sealed, not when the quote changes
_QUOTE_PLACE = ("source_line", "source_start", "source_end")
#: fields compared one by one (``details`` are compared by their own keys)
_FIELDS = ("kind", "title", "summary", "date", "start", "end", "circa", "era",
           "editor_note", "people", "related")
_SOURCE_FIELDS = ("title", "author", "publication", "published", "published_note")


def comparable(fact: dict[str, Any]) -> dict[str, Any]:
    """A fact without its file position and its quotes' offsets (what an edition says)."""
    def quote(q: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in q.items() if k not in _QUOTE_PLACE}

    out = {k: v for k, v in fact.items() if k not in _PLACE}
    out["quotes"] = [quote(q) for q in fact.get("quotes", [])]
    out["contested"] = [{**p, "claims": [quote(c) for c in p["claims"]]}
                        for p in fact.get("contested", [])]
    return out


def same(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether two versions of a fact say the same (positions aside)."""
    return old == new or comparable(old) == comparable(new)


def _quote_key(q: dict[str, Any]) -> tuple[str, str]:
    return (q["source"], q["quote"])


def _listed(keys: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"source": s, "quote": t} for s, t in keys]


def _added_removed(old: list[Any], new: list[Any]) -> tuple[list[Any], list[Any]]:
    return [k for k in new if k not in old], [k for k in old if k not in new]


def _changed(old: Any, new: Any) -> dict[str, Any] | None:
    return None if old == new else {"old": old, "new": new}


def _point(question: str, old: dict[str, Any] | None,
           new: dict[str, Any] | None) -> dict[str, Any] | None:
    if old is None or new is None:
        return {"question": question, "change": "added" if old is None else "removed"}
    def claims(p: dict[str, Any]) -> list[tuple[str, str, str]]:
        return [(c["value"], c["source"], c["quote"]) for c in p["claims"]]
    added, removed = _added_removed(claims(old), claims(new))
    a_old, a_new = old.get("assessment") or {}, new.get("assessment") or {}
    out: dict[str, Any] = {
        "question": question, "change": "changed",
        "claims_added": [{"value": v, "source": s, "quote": q} for v, s, q in added],
        "claims_removed": [{"value": v, "source": s, "quote": q} for v, s, q in removed],
        "favours": _changed(a_old.get("favours"), a_new.get("favours")),
        "confidence": _changed(a_old.get("confidence"), a_new.get("confidence")),
        "assessment_text_changed": a_old.get("text") != a_new.get("text"),
        "field": _changed(old.get("field"), new.get("field")),
        "concerns": _changed(old.get("concerns"), new.get("concerns")),
    }
    keys = ("claims_added", "claims_removed", "favours", "confidence",
            "assessment_text_changed", "field", "concerns")
    if not any(out[k] for k in keys):
        if old == new:
            return None
        out["other"] = True  # e.g. a claim's speaker: shown as changed, not hidden
    return out


def fact_changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any] | None:
    """How one fact changed (``None``: it says the same)."""
    if old == new:  # the usual case, without copying either
        return None
    old, new = comparable(old), comparable(new)
    if old == new:
        return None
    fields = [f for f in _FIELDS if old.get(f) != new.get(f)]
    d_old, d_new = old.get("details") or {}, new.get("details") or {}
    fields += [k for k in sorted(set(d_old) | set(d_new)) if d_old.get(k) != d_new.get(k)]
    q_added, q_removed = _added_removed([_quote_key(q) for q in old["quotes"]],
                                        [_quote_key(q) for q in new["quotes"]])
    if old["quotes"] != new["quotes"] and not (q_added or q_removed):
        fields.append("sources")  # the same quotes, re-ordered or re-attributed (speaker)
    p_old = {p["question"]: p for p in old["contested"]}
    p_new = {p["question"]: p for p in new["contested"]}
    points = [_point(q, p_old.get(q), p_new.get(q)) for q in [*p_old, *[
        q for q in p_new if q not in p_old]]]
    return {
        "id": new["id"], "title": new["title"], "kind": new["kind"],
        "fields": fields,
        "status": _changed(old.get("status"), new.get("status")),
        "quotes_added": _listed(q_added), "quotes_removed": _listed(q_removed),
        "contested": [p for p in points if p is not None],
    }


def _sources(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, Any]:
    by_old, by_new = {s["id"]: s for s in old}, {s["id"]: s for s in new}
    both = [i for i in by_new if i in by_old]
    return {
        "added": [{"id": i, "title": by_new[i]["title"]} for i in by_new if i not in by_old],
        "removed": [{"id": i, "title": by_old[i]["title"]} for i in by_old
                    if i not in by_new],
        "resealed": [{"id": i, "old": by_old[i].get("sha256"), "new": by_new[i].get("sha256")}
                     for i in both if by_old[i].get("sha256") != by_new[i].get("sha256")],
        "changed": [{"id": i, "fields": fs} for i in both if (fs := [
            f for f in _SOURCE_FIELDS if by_old[i].get(f) != by_new[i].get(f)])],
    }


def diff_books(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Every difference between two books, fact by fact, then source by source.

    :param old: the earlier ``facts.json``-shaped object
    :param new: the later one
    :returns: ``{"facts": {"added", "removed", "changed"}, "sources": {...}}``, each a
        list in the later book's order (removed ones in the earlier book's order)
    """
    f_old = {f["id"]: f for f in old["facts"]}
    f_new = {f["id"]: f for f in new["facts"]}
    changed = [c for i, f in f_new.items() if i in f_old
               and (c := fact_changes(f_old[i], f)) is not None]
    return {
        "facts": {
            "added": [_brief(f) for i, f in f_new.items() if i not in f_old],
            "removed": [_brief(f) for i, f in f_old.items() if i not in f_new],
            "changed": changed,
        },
        "sources": _sources(old.get("sources", []), new.get("sources", [])),
    }


def _brief(fact: dict[str, Any]) -> dict[str, Any]:
    return {"id": fact["id"], "title": fact["title"], "kind": fact["kind"],
            "status": fact.get("status")}


def is_empty(diff: dict[str, Any]) -> bool:
    """Nothing was added, removed or changed."""
    return not any(v for part in diff.values() for v in part.values())
