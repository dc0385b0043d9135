"""Properties: exact substrings verify, normalisation is idempotent, loading never crashes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.book import load_fact_file
from checks.loader import build_fact
from checks.matching import check_quote, locate
from checks.normalize import OffsetMap, normalize
from checks.problems import Code, Problem
from checks.yamltree import YamlFileError, parse
from tests.helpers import raw_lines, real_text
from tests.strategies import author_quotes, fact_documents, dump, messy_text, yamlish_text

FAST = settings(max_examples=200, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@FAST
@given(author_quotes())
def test_exact_substring_of_author_text_verifies(drawn: tuple[str, str]) -> None:
    sid, quote = drawn
    text = real_text(sid)
    result = check_quote(quote, text)
    assert result.ok, (sid, quote, result.verdict)
    match = locate(result, text)
    assert match is not None
    first_word = normalize(quote).split()[0]
    assert first_word in normalize(raw_lines(sid)[match.line - 1])


@FAST
@given(st.text())
def test_normalize_is_idempotent_on_any_text(s: str) -> None:
    once = normalize(s)
    assert normalize(once) == once


@FAST
@given(messy_text)
def test_normalize_is_idempotent_on_messy_text(s: str) -> None:
    once = normalize(s)
    assert normalize(once) == once
    assert "  " not in once and "\u00a0" not in once and "\n" not in once


@FAST
@given(messy_text, st.data())
def test_offset_map_span_normalises_back(raw: str, data: st.DataObject) -> None:
    """Map a span of normalised characters back: the raw slice normalises to a text that
    holds it (one raw character can expand, as NFKC turns '¼' into '1⁄4').

    Combining sequences are excluded here (a known bug, see
    tests/unit/test_normalize.py::test_offset_map_keeps_combining_marks)."""
    m = OffsetMap(raw)
    norm = m.normalized
    if not norm.strip() or "\u0301" in raw:
        return
    start = data.draw(st.integers(0, len(norm) - 1))
    end = data.draw(st.integers(start + 1, len(norm)))
    if norm[start] == " " or norm[end - 1] == " ":
        return
    r_start, r_end = m.raw_span(start, end)
    assert norm[start:end] in normalize(raw[r_start:r_end])


def _general(raw: str) -> OffsetMap:
    """The map as the general path builds it (one unit per run and non-ASCII character)."""
    m = OffsetMap.__new__(OffsetMap)
    m.raw, m.normalized = raw, normalize(raw)
    m._general()
    return m


simple_text = st.lists(st.one_of(
    st.text(st.characters(codec="ascii"), max_size=8),
    st.sampled_from(("\u00a0", "\u2009", "\n\n", "\r\n", "\t", "\u2019", "\u201c",
                     "\u201d", "\u2013", "\u2014", "\u00e9", "\u0436", "  ", " \u00a0 "))),
    max_size=40).map("".join)


@FAST
@given(st.one_of(messy_text, simple_text))
def test_simple_offset_map_agrees_with_the_general_one(raw: str) -> None:
    """Where the common-case map applies, every offset and span maps exactly as the
    general map maps it (and where it does not apply, the general map is used)."""
    fast, general = OffsetMap(raw), _general(raw)
    norm = general.normalized
    if not general._exact:
        return  # combining sequences: the exact search serves both
    for start in range(len(norm) + 1):
        assert fast.raw_offset(start) == general.raw_offset(start), (raw, start)
        for end in range(start, min(len(norm), start + 12) + 1):
            assert fast.raw_span(start, end) == general.raw_span(start, end), (raw, start, end)


def _check_problems(problems: list[Problem]) -> None:
    for p in problems:
        assert isinstance(p.code, Code)
        assert p.line >= 1 and p.column >= 1
        assert p.message
        # one-line messages are tested deterministically in tests/cli/test_robustness.py


@FAST
@given(fact_documents())
def test_loader_never_raises_on_generated_documents(drawn) -> None:
    folder, doc = drawn
    _check_problems(_load_text(dump(doc), folder))


def _load_text(text: str, folder: str) -> list[Problem]:
    """Parse and build one generated document the way the book loads a fact file."""
    problems: list[Problem] = []
    try:
        root = parse(text, "gen.yaml")
    except YamlFileError as exc:
        problems.append(exc.problem)
    else:
        build_fact(root, "gen.yaml", "gen", folder, problems)
    return problems


@FAST
@given(yamlish_text(), st.sampled_from(["eras", "agreements", "visits", "events"]))
def test_loader_never_raises_on_yamlish_text(text: str, folder: str) -> None:
    _check_problems(_load_text(text, folder))


@FAST
@given(st.binary(max_size=400), st.sampled_from(["eras", "agreements", "visits", "events"]))
def test_load_fact_file_never_raises_on_bytes(tmp_path_factory, data: bytes, folder: str) -> None:
    path = tmp_path_factory.mktemp("bytes") / "gen.yaml"
    path.write_bytes(data)
    problems: list[Problem] = []
    fact = load_fact_file(str(path), folder, problems)
    if not data.strip():
        assert fact is None and [p.code for p in problems] == [Code.EMPTY_FILE]
    _check_problems(problems)


@given(st.text())
def test_coverage_counts_exactly_the_characters_that_are_not_whitespace(s: str) -> None:
    from briefing.sources import _nonblank

    assert _nonblank(s) == sum(not c.isspace() for c in s)
