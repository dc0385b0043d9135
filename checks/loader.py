"""Build the fact model from positioned YAML, reporting every field problem at its line."""

from __future__ import annotations

import re
from functools import lru_cache
from sys import intern
from typing import Callable

from . import fields as F
from .dates import DateError, PartialDate
from .model import KIND_FOLDERS, KINDS, Assessment, Claim, Contest, Fact, Pos, Quote
from .problems import Code, Problem, did_you_mean
from .yamltree import YNode

_ID_RE = re.compile(F.ID_PATTERN)
_FOLDER_KIND = {folder: kind for kind, folder in KIND_FOLDERS.items()}


@lru_cache(maxsize=1 << 14)
def _date(text: str) -> PartialDate:
    """Equal dates share one object (cheaper to keep and to pickle); errors still raise."""
    return PartialDate.parse(text)


class FieldReader:
    """Reads the fields of one positioned YAML tree into typed values, collecting
    located problems instead of raising (facts, source metadata, the out-of-scope list)."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        self.fact_id: str | None = None

    def report(self, pos: Pos, code: Code, message: str, field: str | None = None) -> None:
        self.problems.append(
            Problem(self.path, pos.line, pos.column, code, message, self.fact_id, field)
        )

    # -- scalars ---------------------------------------------------------------
    def text(self, node: YNode, where: str, limit: int | None = None) -> str | None:
        if not node.is_scalar or node.value is None:
            self.report(node.pos, Code.WRONG_TYPE,
                        f"{where} must be text, found {node.type_name()}", where)
            return None
        value = str(node.value)
        if not value.strip():
            self.report(node.pos, Code.BAD_VALUE, f"{where} is empty", where)
            return None
        if limit is not None and len(value) > limit:
            self.report(node.pos, Code.TOO_LONG,
                        f"{where} is {len(value):,} characters; the limit is {limit:,}", where)
            return None
        return value

    def ident(self, node: YNode, where: str) -> str | None:
        value = self.text(node, where)
        if value is not None and not _ID_RE.fullmatch(value):
            self.report(node.pos, Code.BAD_VALUE,
                        f"{where} '{value[:60]}' is not an id: use lower-case letters, digits "
                        "and hyphens (no slashes, dots or spaces)", where)
            return None
        return None if value is None else intern(value)  # ids recur: one string each

    def date(self, node: YNode, where: str) -> PartialDate | None:
        if not node.is_scalar or node.value is None:
            self.report(node.pos, Code.WRONG_TYPE,
                        f"{where} must be a date, found {node.type_name()}", where)
            return None
        try:
            return _date(str(node.value))
        except DateError as exc:
            code = Code.IMPOSSIBLE_DATE if exc.kind == "impossible" else Code.BAD_DATE
            self.report(node.pos, code, f"{where}: {exc}", where)
            return None

    def boolean(self, node: YNode, where: str) -> bool | None:
        if node.tag != "bool":
            self.report(node.pos, Code.WRONG_TYPE,
                        f"{where} must be true or false, found {node.type_name()}", where)
            return None
        return str(node.value).lower() in ("true", "yes", "on")

    def choice(self, node: YNode, where: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(node, where)
        if value is not None and value not in choices:
            self.report(node.pos, Code.BAD_VALUE,
                        f"{where} '{value}' is not one of: {', '.join(choices)}"
                        + did_you_mean(value, choices), where)
            return None
        return None if value is None else intern(value)

    def items(self, node: YNode, where: str) -> list[YNode]:
        if not node.is_seq:
            self.report(node.pos, Code.WRONG_TYPE,
                        f"{where} must be a list, found {node.type_name()}", where)
            return []
        return node.value  # type: ignore[return-value]

    def texts(self, node: YNode, where: str) -> tuple[str, ...]:
        out = (self.text(item, f"{where}[{i}]") for i, item in enumerate(self.items(node, where)))
        return tuple(v for v in out if v is not None)

    def ids(self, node: YNode, where: str) -> tuple[str, ...]:
        out = (self.ident(item, f"{where}[{i}]") for i, item in enumerate(self.items(node, where)))
        return tuple(v for v in out if v is not None)

    # -- mappings --------------------------------------------------------------
    def mapping(self, node: YNode, where: str, allowed: tuple[str, ...],
                required: tuple[str, ...]) -> dict[str, tuple[Pos, YNode]] | None:
        if not node.is_map:
            self.report(node.pos, Code.NOT_A_MAPPING,
                        f"{where} must be a mapping with {', '.join(required)}, "
                        f"found {node.type_name()}", where)
            return None
        value: dict[str, tuple[Pos, YNode]] = node.value  # type: ignore[assignment]
        for key, (kpos, _) in value.items():
            if key not in allowed:
                self.report(kpos, Code.UNKNOWN_FIELD,
                            f"unknown field '{key}' in {where}; allowed: {', '.join(allowed)}"
                            + did_you_mean(key, allowed), f"{where}.{key}")
        for key in required:
            if key not in value:
                self.report(node.pos, Code.MISSING_FIELD,
                            f"{where} is missing '{key}'", f"{where}.{key}")
        return value

    def quote(self, node: YNode, where: str,
              checked: dict[str, tuple[Pos, YNode]] | None = None) -> Quote | None:
        m = checked if checked is not None else self.mapping(
            node, where, F.QUOTE_FIELDS, ("source", "quote"))
        if m is None or "source" not in m or "quote" not in m:
            return None
        source = self.ident(m["source"][1], f"{where}.source")
        text = self.text(m["quote"][1], f"{where}.quote", F.MAX_LENGTH["quote"])
        context = self.texts(m["context_values"][1], f"{where}.context_values") \
            if "context_values" in m else ()
        speaker = self.text(m["speaker"][1], f"{where}.speaker") if "speaker" in m else None
        if source is None or text is None:
            return None
        return Quote(source, text, m["quote"][1].pos, m["source"][1].pos,
                     intern(f"{where}.quote"), context, speaker)

    def quotes(self, node: YNode) -> tuple[Quote, ...]:
        if node.is_seq and not node.value:
            self.report(node.pos, Code.NO_QUOTES,
                        "'sources' is empty: every fact needs at least one verbatim quote",
                        "sources")
        got = (self.quote(item, f"sources[{i}]")
               for i, item in enumerate(self.items(node, "sources")))
        return tuple(q for q in got if q is not None)

    def contest(self, node: YNode, where: str) -> Contest | None:
        m = self.mapping(node, where, F.CONTEST_FIELDS, ("question", "claims"))
        if m is None or "question" not in m or "claims" not in m:
            return None
        question = self.text(m["question"][1], f"{where}.question")
        fld = self.text(m["field"][1], f"{where}.field") if "field" in m else None
        claims = []
        for i, item in enumerate(self.items(m["claims"][1], f"{where}.claims")):
            claim = self.claim(item, f"{where}.claims[{i}]")
            if claim is not None:
                claims.append(claim)
        assessment = self.assessment(m["assessment"][1], f"{where}.assessment") \
            if "assessment" in m else None
        concerns = self.ids(m["concerns"][1], f"{where}.concerns") if "concerns" in m else ()
        if question is None:
            return None
        return Contest(question, fld, tuple(claims), assessment, node.pos, concerns)

    def claim(self, node: YNode, where: str) -> Claim | None:
        m = self.mapping(node, where, F.CLAIM_FIELDS + ("context_values", "speaker"),
                         F.CLAIM_FIELDS)
        if m is None or "value" not in m:
            return None
        value = self.text(m["value"][1], f"{where}.value")
        quote = self.quote(node, where, checked=m)
        if value is None or quote is None:
            return None
        return Claim(value, quote, m["value"][1].pos)

    def assessment(self, node: YNode, where: str) -> Assessment | None:
        m = self.mapping(node, where, F.ASSESSMENT_FIELDS, ("text", "confidence"))
        if m is None or "text" not in m or "confidence" not in m:
            return None
        text = self.text(m["text"][1], f"{where}.text")
        conf = self.choice(m["confidence"][1], f"{where}.confidence", F.CONFIDENCE)
        favours = self.text(m["favours"][1], f"{where}.favours") if "favours" in m else None
        if text is None or conf is None:
            return None
        return Assessment(text, conf, favours, node.pos)


def build_fact(root: YNode, path: str, stem: str, folder: str,
               problems: list[Problem]) -> Fact | None:
    """Turn one parsed fact file into a :class:`Fact`, or None if it is unusable.

    :param root: the parsed tree
    :param path: the file's display path
    :param stem: the file name without ``.yaml`` (the expected id)
    :param folder: the kind folder the file sits in
    :param problems: where problems are appended
    """
    b = FieldReader(path, problems)
    if not root.is_map:
        b.report(root.pos, Code.NOT_A_MAPPING,
                 f"a fact file holds one mapping (id, kind, title, ...), found {root.type_name()}")
        return None
    top: dict[str, tuple[Pos, YNode]] = root.value  # type: ignore[assignment]
    folder_kind = _FOLDER_KIND.get(folder)
    kind = folder_kind or "event"
    if "kind" in top:
        given = b.choice(top["kind"][1], "kind", KINDS)
        if given is not None and folder_kind is not None and given != folder_kind:
            b.report(top["kind"][1].pos, Code.KIND_MISMATCH,
                     f"kind '{given}' does not match the folder '{folder}/' "
                     f"(which holds {folder_kind} facts); move the file or fix the kind", "kind")
        elif given is not None:
            kind = given
    if "id" in top:
        fid = b.ident(top["id"][1], "id")
        if fid is not None and fid != stem:
            b.report(top["id"][1].pos, Code.ID_MISMATCH,
                     f"id '{fid}' does not match the file name '{stem}.yaml'; "
                     f"rename the file or set id: {stem}", "id")
    if stem in F.RESERVED_IDS:
        b.report(top["id"][1].pos if "id" in top else Pos(1, 1), Code.BAD_VALUE,
                 f"id '{stem}' is the name of a page the book makes; choose another id "
                 "(and file name)", "id")
    b.fact_id = stem
    values: dict[str, object] = {}
    positions: dict[str, Pos] = {}
    for key, (kpos, node) in top.items():
        positions[key] = node.pos
        spec = F.spec_for(key, kind)
        if spec is None:
            known = [s.name for s in F.fields_for(kind)]
            where = "" if key not in F.BY_NAME else " (it belongs to other kinds)"
            b.report(kpos, Code.UNKNOWN_FIELD,
                     f"unknown field '{key}' for a {kind}{where}" + did_you_mean(key, known), key)
            continue
        if key in ("id", "kind"):
            continue
        values[key] = _convert_field(b, spec, node)
    for spec in F.fields_for(kind):
        if spec.required and spec.name not in top and spec.name != "sources":
            b.report(Pos(1, 1), Code.MISSING_FIELD,
                     f"missing required field '{spec.name}' ({spec.description})", spec.name)
    if "sources" not in top:
        b.report(Pos(1, 1), Code.NO_QUOTES,
                 "fact has no 'sources': every fact needs at least one verbatim quote "
                 "(sources: [{source: <id>, quote: ...}])", "sources")
    details = {}
    for spec in F.fields_for(kind):
        if spec.name not in F.DETAIL_FIELDS:
            continue
        if values.get(spec.name) is not None:
            details[spec.name] = values[spec.name]
        elif spec.default is not None:
            details[spec.name] = spec.default
    return Fact(
        id=stem, kind=kind,
        title=values.get("title") or stem,  # type: ignore[arg-type]
        summary=values.get("summary") or "",  # type: ignore[arg-type]
        file=path,
        date=values.get("date"), start=values.get("start"), end=values.get("end"),  # type: ignore[arg-type]
        circa=bool(values.get("circa")),
        era=values.get("era"),  # type: ignore[arg-type]
        quotes=values.get("sources") or (),  # type: ignore[arg-type]
        contested=values.get("contested") or (),  # type: ignore[arg-type]
        editor_note=values.get("editor_note"),  # type: ignore[arg-type]
        people=values.get("people") or (),  # type: ignore[arg-type]
        related=values.get("related") or (),  # type: ignore[arg-type]
        details=details,  # type: ignore[arg-type]
        positions=positions,
    )


def _convert_field(b: FieldReader, spec: F.FieldSpec, node: YNode) -> object:
    return _CONVERTERS[spec.type](b, spec, node)


def _contested(b: FieldReader, node: YNode) -> tuple[Contest, ...]:
    got = (b.contest(item, f"contested[{i}]") for i, item in enumerate(b.items(node, "contested")))
    return tuple(c for c in got if c is not None)


#: how each field type (:attr:`checks.fields.FieldSpec.type`) is read
_CONVERTERS: dict[F.FieldType, Callable[[FieldReader, F.FieldSpec, YNode], object]] = {
    F.FieldType.TEXT: lambda b, spec, node: b.text(node, spec.name, F.MAX_LENGTH.get(spec.name)),
    F.FieldType.ID: lambda b, spec, node: b.ident(node, spec.name),
    F.FieldType.DATE: lambda b, spec, node: b.date(node, spec.name),
    F.FieldType.BOOL: lambda b, spec, node: b.boolean(node, spec.name),
    F.FieldType.TEXTS: lambda b, spec, node: b.texts(node, spec.name),
    F.FieldType.IDS: lambda b, spec, node: b.ids(node, spec.name),
    F.FieldType.CHOICE: lambda b, spec, node: b.choice(node, spec.name, spec.choices),
    F.FieldType.QUOTES: lambda b, spec, node: b.quotes(node),
    F.FieldType.CONTESTED: lambda b, spec, node: _contested(b, node),
}
