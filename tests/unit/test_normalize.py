"""The declared quote normalisation (docs/fact-format.md, "Quotes") and OffsetMap."""

from __future__ import annotations

import unicodedata

import pytest

from checks.matching import check_quote
from checks.normalize import OffsetMap, _replace, normalize, word_count
from tests.helpers import ALL_SOURCES, IQBAL, MAHAJAN, SHAUKAT, SINGH, real_text


@pytest.mark.parametrize("ch", ["\u2018", "\u2019", "\u201a", "\u201b", "\u2032"])
def test_curly_single_quotes_become_apostrophe(ch: str) -> None:
    assert normalize(f"it{ch}s") == "it's"


@pytest.mark.parametrize("ch", ["\u201c", "\u201d", "\u201e", "\u201f"])
def test_curly_double_quotes_become_straight(ch: str) -> None:
    assert normalize(f"{ch}word{ch}") == '"word"'


def test_double_prime_becomes_a_double_quote() -> None:
    # docs/fact-format.md lists ″ (U+2033) with the double quotes
    assert normalize("\u2033word\u2033") == '"word"'


@pytest.mark.parametrize("ch", ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015"])
def test_dashes_become_hyphen(ch: str) -> None:
    assert normalize(f"Pak{ch}Russia") == "Pak-Russia"


@pytest.mark.parametrize("ws", ["\u00a0", "\u00a0 ", " \u00a0\u00a0\n\n", "\t", "\n\n\n",
                                "\u2009", "\u202f", "\u3000", "\r\n", "  \x0c "])
def test_whitespace_runs_become_one_space(ws: str) -> None:
    assert normalize(f"one{ws}two") == "one two"


@pytest.mark.parametrize("raw,expected", [
    ("\u2026", "..."),           # ellipsis
    ("\ufb01nal", "final"),      # ligature
    ("\uff21\uff22", "AB"),      # fullwidth letters
    ("e\u0301", "\u00e9"),       # combining accent composes
    ("\u00bd", "1\u20442"),      # vulgar fraction: compatibility decomposition
])
def test_nfkc(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize("text", [
    "Pakistan", "The Soviet Union", "could not", "1949", "$310 million", "U.S.", "Pak-Russia",
])
def test_ascii_words_are_kept_exactly(text: str) -> None:
    assert normalize(text) == text


def test_no_case_folding() -> None:
    assert normalize("Soviet") != normalize("soviet")
    assert normalize("ǅ") != normalize("ǆ")


def test_nothing_looser_minus_sign_and_underscore_stay() -> None:
    # only the listed dashes are folded; the minus sign and underscore are other characters
    assert normalize("a\u2212b") == "a\u2212b"
    assert normalize("a_b") == "a_b"


def test_word_count() -> None:
    assert word_count(normalize(" the  warring\u00a0parties at\n\nTashkent ")) == 5
    assert word_count("") == 0


@pytest.mark.parametrize("sid", ALL_SOURCES)
def test_normalize_is_idempotent_on_real_sources(sid: str) -> None:
    text = real_text(sid)
    assert normalize(text.author) == text.author
    assert normalize(text.raw) == normalize(normalize(text.raw))


@pytest.mark.parametrize("sid", [MAHAJAN, SHAUKAT, SINGH])
def test_real_sources_with_nbsp_normalise_without_it(sid: str) -> None:
    text = real_text(sid)
    assert "\u00a0" in text.raw
    assert "\u00a0" not in text.author and "  " not in text.author


# -- OffsetMap ------------------------------------------------------------------------

def _spans_of(normalized: str, needle: str) -> tuple[int, int]:
    start = normalized.index(needle)
    return start, start + len(needle)


@pytest.mark.parametrize("raw,needle,raw_slice", [
    ("one\u00a0\u00a0two three", "two three", "two three"),
    ("one\u00a0\u00a0two three", "one two", "one\u00a0\u00a0two"),
    ("a \u201cquoted\u201d word", 'a "quoted" word', "a \u201cquoted\u201d word"),
    ("x\n\n\ny", "x y", "x\n\n\ny"),
    ("see \u2026 there", "... there", "\u2026 there"),
    ("  lead and trail  ", "lead and trail", "lead and trail"),
    ("Pak\u2013Russia ties", "Russia ties", "Russia ties"),
])
def test_offset_map_raw_span(raw: str, needle: str, raw_slice: str) -> None:
    m = OffsetMap(raw)
    assert m.normalized == normalize(raw)
    start, end = _spans_of(m.normalized, needle)
    r_start, r_end = m.raw_span(start, end)
    assert raw[r_start:r_end] == raw_slice


def test_offset_map_end_of_text() -> None:
    m = OffsetMap("abc\u00a0")
    assert m.raw_offset(len(m.normalized)) == len("abc\u00a0")


def test_offset_map_keeps_combining_marks() -> None:
    raw = "cafe\u0301 au lait"
    m = OffsetMap(raw)
    start, end = _spans_of(m.normalized, "caf\u00e9")
    r_start, r_end = m.raw_span(start, end)
    assert raw[r_start:r_end] == "cafe\u0301"


REAL_SPANS = [
    (IQBAL, "mediated between the warring parties at Tashkent"),  # page break
    (IQBAL, "new beginning, no major positive signal"),  # after the excluded footnote
    (IQBAL, "the recently concluded visit of the Russian foreign minister"),  # 55-57
    (MAHAJAN, 'titled Pakistan is the "Zipper" of Pan-Eurasian Integration Pakistan'),
    (MAHAJAN, "many decades. Analysts find this trend"),  # NBSP + blank line
    (SHAUKAT, "drone attacks. In response, Pakistan's civil"),  # NBSP + space + ’
    (SINGH, "continued its efforts to warm up"),  # NBSP + space
    (SHAUKAT, "the Asia-Pacific region...even as our troops"),  # ellipsis
    (SHAUKAT, "The U-2 incident in 1960-US spy plane"),  # em dash
]


@pytest.mark.parametrize("sid,quote", REAL_SPANS)
def test_to_raw_slice_normalises_to_the_quote(sid: str, quote: str) -> None:
    text = real_text(sid)
    result = check_quote(quote, text)
    assert result.ok
    match = text.to_raw(result.norm_start, result.norm_end)
    assert normalize(text.raw[match.start:match.end]) == normalize(quote)
    assert text.line_of(match.start) == match.line


def test_to_raw_across_excluded_footnote_spans_it() -> None:
    text = real_text(IQBAL)
    quote = "regarded as a sign of a new beginning"
    result = check_quote(quote, text)
    match = text.to_raw(result.norm_start, result.norm_end)
    raw = text.raw[match.start:match.end]
    assert raw.startswith("regarded as a sign of a\n") and raw.endswith("\nnew beginning")
    assert "Aamir Iqbal is an Intern at IRS." in raw
    assert (match.line, text.line_of(match.end - 1)) == (19, 23)


@pytest.mark.parametrize("raw", [
    "a\u00a0b", "\u00a0\u0301x", "x\u00a0\u0308y", "\u00a8\u00a0\ufb01rst", "caf\u00e9\u00a0\u2014 e\u0301",
    "\u00a0", "x \u00a0 \u00a0y\u00a0",
])
def test_no_break_spaces_normalise_as_nfkc_makes_them(raw: str) -> None:
    # the no-break space is made a space before the NFKC quick check: same result
    expected = " ".join(_replace(unicodedata.normalize("NFKC", _replace(raw))).split())
    assert normalize(raw) == expected
