"""The machine-readable view of a checked book (``--format json`` and ``facts.json``)."""

from __future__ import annotations

import json
from typing import Any

from . import __version__
from .model import Contest, Fact, Quote
from .problems import Problem
from .result import FactResult, QuoteCheck, Result, Summary

FORMAT_VERSION = 1
#: who wrote the file (``generator`` in facts.json; see checks/publish/facts.schema.json)
GENERATOR = {"name": "briefing-book", "version": __version__}


def _date(fact: Fact) -> dict[str, Any]:
    return {
        "date": fact.date.iso() if fact.date else None,
        "start": fact.start.iso() if fact.start else None,
        "end": fact.end.iso() if fact.end else None,
        "circa": fact.circa,
    }


def _quote(quote: Quote, check: QuoteCheck | None) -> dict[str, Any]:
    out: dict[str, Any] = {"source": quote.source, "quote": quote.text,
                           "verified": check is not None and check.ok}
    span = None if check is None else check.span
    if span is not None:
        out.update(source_line=span.line, source_start=span.start, source_end=span.end)
    if quote.context_values:
        out["context_values"] = list(quote.context_values)
    if quote.speaker is not None:
        out["speaker"] = quote.speaker
    return out


def fact_json(result: Result, r: FactResult) -> dict[str, Any]:
    f = r.fact
    checks = {id(q.quote): q for q in r.quotes}
    return {
        "id": f.id, "kind": f.kind, "title": f.title, "summary": f.summary,
        **_date(f),
        "era": r.era, "file": f.file, "line": f.pos("id").line,
        "status": r.standing.value, "single_source": r.single_source,
        "details": {k: list(v) if isinstance(v, tuple) else v for k, v in f.details.items()},
        "people": list(f.people), "related": list(f.related),
        "editor_note": f.editor_note,
        "quotes": [_quote(q, checks.get(id(q))) for q in f.quotes],
        "contested": [_contest_json(result, r, owner, c) for owner, c in r.contests],
    }


def _contest_json(result: Result, shown_on: FactResult, owner: Fact,
                  c: Contest) -> dict[str, Any]:
    """One contested point, as shown on ``shown_on`` (declared by ``owner``), with the
    book's own register beside the claims it checked."""
    declaring = shown_on if owner is shown_on.fact else next(
        r for r in result.facts if r.fact is owner)
    checks = {id(q.quote): q for q in declaring.quotes}
    return {
        "question": c.question, "field": c.field, "concerns": list(c.concerns),
        "declared_by": owner.id,
        "claims": [{"value": cl.value, **_quote(cl.quote, checks.get(id(cl.quote)))}
                   for cl in c.claims],
        "register": [{"claim": n.claim_value, "source": n.source, "phrase": n.phrase,
                      "agrees": n.agrees, "entry": n.entry, "entry_date": n.entry_date,
                      "text": n.text} for n in result.register_notes(owner.id, c.question)],
        "assessment": None if c.assessment is None else {
            "text": c.assessment.text, "confidence": c.assessment.confidence,
            "favours": c.assessment.favours, "editors_note": True},
    }


def problem_json(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "line": p.line, "column": p.column, "code": p.code.value,
            "severity": p.severity.value, "message": p.message, "fact": p.fact_id,
            "field": p.field}


def summary_json(summary: Summary) -> dict[str, int]:
    """The counts every report starts with (``unexplained`` only when some are)."""
    out = {"facts": summary.facts, "sources": summary.sources,
           "contested": summary.contested, "errors": summary.errors,
           "warnings": summary.warnings}
    if summary.unexplained:
        out["unexplained"] = summary.unexplained
    return out


def book_json(result: Result, facts: bool = True) -> dict[str, Any]:
    """The whole checked book as one JSON-ready object."""
    result.checked  # noqa: B018  # loaded first: the summary is then the loaded one's
    sources = [
        {"id": s.id, "title": s.title, "author": s.author, "publication": s.publication,
         "published": s.published, "published_note": s.published_note, "sha256": s.sha256,
         "file": s.text_file}
        for s in result.sources.values()
    ]
    return {
        "format_version": FORMAT_VERSION,
        "generator": dict(GENERATOR),
        "summary": summary_json(result.summary),
        "facts": [fact_json(result, r) for r in result.facts] if facts else [],
        "sources": sources,
        "problems": [problem_json(p) for p in result.problems],
    }


def json_text(result: Result) -> str:
    """``--format json`` and ``facts.json``: :func:`book_json` written by the C encoder
    (one line, no indentation) a fact at a time, kept on the result once made."""
    if result.json_text is None:
        result.checked  # noqa: B018  # loaded first: the summary is then the loaded one's
        dump = json.JSONEncoder(ensure_ascii=False).encode
        text = dump(book_json(result, facts=False))
        at = text.index('"facts": [') + len('"facts": [')  # the first key after summary
        facts = ", ".join(dump(fact_json(result, r)) for r in result.facts)
        result.json_text = text[:at] + facts + text[at:]
    return result.json_text
