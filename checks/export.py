"""The machine-readable view of a checked book (``--format json`` and ``facts.json``)."""

from __future__ import annotations

from typing import Any

from .matching import locate
from .model import Fact, Quote
from .problems import Problem, Standing
from .rules import FactResult, Result

FORMAT_VERSION = 1


def _date(fact: Fact) -> dict[str, Any]:
    return {
        "date": fact.date.iso() if fact.date else None,
        "start": fact.start.iso() if fact.start else None,
        "end": fact.end.iso() if fact.end else None,
        "circa": fact.circa,
    }


def _quote(result: Result, quote: Quote, verdict: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"source": quote.source, "quote": quote.text,
                           "verified": bool(verdict and verdict.ok)}
    text = result.book.texts.get(quote.source)
    if verdict is not None and text is not None:
        match = locate(verdict, text)
        if match is not None:
            out.update(source_line=match.line, source_start=match.start, source_end=match.end)
    if quote.context_values:
        out["context_values"] = list(quote.context_values)
    if quote.speaker is not None:
        out["speaker"] = quote.speaker
    return out


def fact_json(result: Result, r: FactResult) -> dict[str, Any]:
    f = r.fact
    verdicts = dict((id(q), v) for q, v in r.quotes)
    return {
        "id": f.id, "kind": f.kind, "title": f.title, "summary": f.summary,
        **_date(f),
        "era": r.era, "file": f.file, "line": f.pos("id").line,
        "status": r.standing.value, "single_source": r.single_source,
        "details": {k: list(v) if isinstance(v, tuple) else v for k, v in f.details.items()},
        "people": list(f.people), "related": list(f.related),
        "editor_note": f.editor_note,
        "quotes": [_quote(result, q, verdicts.get(id(q))) for q in f.quotes],
        "contested": [
            {
                "question": c.question, "field": c.field, "concerns": list(c.concerns),
                "claims": [{"value": cl.value, **_quote(result, cl.quote, verdicts.get(id(cl.quote)))}
                           for cl in c.claims],
                "assessment": None if c.assessment is None else {
                    "text": c.assessment.text, "confidence": c.assessment.confidence,
                    "favours": c.assessment.favours, "editors_note": True},
            }
            for c in f.contested
        ],
    }


def problem_json(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "line": p.line, "column": p.column, "code": p.code.value,
            "severity": p.severity.value, "message": p.message, "fact": p.fact_id,
            "field": p.field}


def summary_json(result: Result) -> dict[str, int]:
    """The counts every report starts with."""
    return {"facts": len(result.facts), "sources": len(result.book.sources),
            "contested": sum(r.standing is Standing.CONTESTED for r in result.facts),
            "errors": result.errors, "warnings": result.warnings}


def book_json(result: Result) -> dict[str, Any]:
    """The whole checked book as one JSON-ready object."""
    sources = [
        {"id": s.id, "title": s.title, "author": s.author, "publication": s.publication,
         "published": s.published, "published_note": s.published_note, "sha256": s.sha256,
         "file": s.text_file}
        for s in result.book.sources.values()
    ]
    return {
        "format_version": FORMAT_VERSION,
        "summary": summary_json(result),
        "facts": [fact_json(result, r) for r in result.facts],
        "sources": sources,
        "problems": [problem_json(p) for p in result.problems],
    }
