"""Hypothesis strategies shared by tests/property (kept here, as in attrs' tests)."""

from __future__ import annotations

import re
from typing import Any

import yaml
from hypothesis import strategies as st

from checks import fields as F
from tests.helpers import ALL_SOURCES, real_text

#: characters the normalisation treats specially, mixed into arbitrary text
SPECIALS = ("\u00a0", "\u2009", "\u3000", "\n", "\n\n", "\t", "\r\n", "\u2018", "\u2019",
            "\u201a", "\u201b", "\u2032", "\u2033", "\u201c", "\u201d", "\u201e", "\u201f",
            "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2026", "\ufb01",
            "\uff21", "e\u0301", "\u0301", "\u00bd", "\x1c", "\x85", "\u2028", " ", "  ",
            "'", '"', "-", "...")

messy_text = st.lists(
    st.one_of(st.text(max_size=8), st.sampled_from(SPECIALS)), max_size=30
).map("".join)


@st.composite
def author_quotes(draw: Any) -> tuple[str, str]:
    """(source id, an exact substring of its raw author text: >= 5 whole words)."""
    sid = draw(st.sampled_from(ALL_SOURCES))
    raw = real_text(sid).author_raw
    tokens = [m.span() for m in re.finditer(r"\S+", raw)]
    n = draw(st.integers(min_value=5, max_value=40))
    i = draw(st.integers(min_value=0, max_value=len(tokens) - n))
    return sid, raw[tokens[i][0]:tokens[i + n - 1][1]]


# -- fact documents generated from the field table ---------------------------------
_date_text = st.one_of(
    st.integers(1800, 2099).map(str),
    st.tuples(st.integers(1800, 2099), st.integers(0, 13)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.tuples(st.integers(1800, 2099), st.integers(1, 12), st.integers(0, 32)).map(
        lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
    st.text(max_size=12),
)
_scalar = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.text(max_size=30),
                    _date_text)
_ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)


def _quote() -> st.SearchStrategy[Any]:
    good = st.fixed_dictionaries(
        {"source": st.one_of(_ids, st.sampled_from(ALL_SOURCES)), "quote": st.text(max_size=80)},
        optional={"context_values": st.lists(st.one_of(st.text(max_size=6), _date_text),
                                             max_size=3)})
    return st.one_of(good, _scalar, st.dictionaries(st.text(max_size=8), _scalar, max_size=3))


def _contest() -> st.SearchStrategy[Any]:
    claim = st.fixed_dictionaries({"value": _scalar, "source": _ids, "quote": st.text(max_size=40)})
    return st.fixed_dictionaries(
        {"question": _scalar, "claims": st.one_of(st.lists(claim, max_size=3), _scalar)},
        optional={"field": _scalar,
                  "assessment": st.one_of(_scalar, st.fixed_dictionaries(
                      {"text": _scalar, "confidence": st.sampled_from(F.CONFIDENCE + ("x",))},
                      optional={"favours": _scalar}))})


def _value_for(spec: F.FieldSpec) -> st.SearchStrategy[Any]:
    typed: dict[str, st.SearchStrategy[Any]] = {
        "text": st.text(max_size=40),
        "id": _ids,
        "date": _date_text,
        "bool": st.booleans(),
        "texts": st.lists(st.text(max_size=20), max_size=3),
        "ids": st.lists(_ids, max_size=3),
        "choice": st.sampled_from(spec.choices + ("not-a-choice",)),
        "quotes": st.lists(_quote(), max_size=3),
        "contested": st.lists(_contest(), max_size=2),
    }
    # mostly the right type, sometimes anything at all
    return st.one_of(typed[spec.type], typed[spec.type], _scalar,
                     st.lists(_scalar, max_size=2), st.dictionaries(st.text(max_size=5), _scalar,
                                                                    max_size=2))


@st.composite
def fact_documents(draw: Any) -> tuple[str, dict[str, Any]]:
    """(kind folder, a fact-like mapping) drawn from the declared fields."""
    kind = draw(st.sampled_from(("era", "agreement", "visit", "event")))
    folder = {"era": "eras", "agreement": "agreements", "visit": "visits", "event": "events"}[kind]
    names = sorted({s.name for s in F.FIELDS})
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=10))
    doc: dict[str, Any] = {}
    for name in chosen:
        spec = F.spec_for(name, kind) or F.BY_NAME[name][0]
        doc[name] = draw(_value_for(spec))
    if draw(st.booleans()):
        doc[draw(st.text(min_size=1, max_size=10))] = draw(_scalar)
    return folder, doc


def dump(doc: Any) -> str:
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


@st.composite
def yamlish_text(draw: Any) -> str:
    """A generated fact document, dumped, then possibly cut or spliced with junk."""
    _, doc = draw(fact_documents())
    text = dump(doc)
    if draw(st.booleans()) and text:
        i = draw(st.integers(0, len(text)))
        junk = draw(st.sampled_from(["", "\t", ":", "- ", "[", "{", "&a ", "*a", "!!x ", "\x00",
                                     "\n  ", "? ", "|", ">-\n", "'", '"', "%YAML 1.1\n", "---\n"]))
        text = text[:i] + junk + text[i + draw(st.integers(0, 5)):]
    return text
