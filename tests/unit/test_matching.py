"""Quote matching on the real archived texts in facts/sources/."""

from __future__ import annotations

import pytest

from checks.matching import MIN_WORDS, check_quote, find_whole, locate
from checks.normalize import normalize
from tests.helpers import (
    ALL_SOURCES,
    CHANGE_2010,
    ESTABLISHED_1949,
    IQBAL,
    LAVROV_2012,
    LAVROV_IQBAL,
    LAVROV_MAHAJAN,
    MAHAJAN,
    QUOTE_LINES,
    SHAUKAT,
    SHOIGU_IQBAL,
    SHOIGU_MAHAJAN,
    SINGH,
    raw_lines,
    real_text,
)

# (source, quote as an editor would write it, line where the passage starts, what it tests)
VERIFIES = [
    (IQBAL, "In the 1965 Indo-Pak war, the Soviet Union successfully mediated between the "
            "warring parties at Tashkent which brought an end to the war.", 13,
     "page break: lines 13, blank 14, 15"),
    (IQBAL, "successfully mediated between the warring parties at Tashkent", 13,
     "page break inside a short quote"),
    (IQBAL, "Although this was regarded as a sign of a new beginning, no major positive signal "
            "was seen to ease the historical burden in the relationship.", 19,
     "page break with the excluded footnote line 21 inside it"),
    (IQBAL, "Great mutual trust and cooperation can be anticipated after the recently concluded "
            "visit of the Russian foreign minister to Islamabad on 6-7 April 2021", 55,
     "page break 55-57"),
    (IQBAL, "Pakistan also started looking for other allies after feeling alienated by the "
            "dismissive treatment of the US", 43, "page break 43-45"),
    (MAHAJAN, 'titled Pakistan is the "Zipper" of Pan-Eurasian Integration Pakistan is the '
              '"South Asian Gatekeeper"', 13, "two no-break spaces written as spaces"),
    (MAHAJAN, "for the past many decades. Analysts find this trend somewhat perplexing", 11,
     "trailing no-break spaces, then a blank line"),
    (SHAUKAT, "coupled with drone attacks. In response, Pakistan's civil and military leadership "
              "took tough measures", 43, "NBSP + space, and a curly apostrophe written straight"),
    (SINGH, "Islamabad continued its efforts to warm up the relations with Russia", 17,
     "NBSP + space"),
    (SINGH, "mediated between them to end the war, although it remained hostile towards "
            "Pakistan", 19, "NBSP + space"),
    (MAHAJAN, 'despite being "India\'s closest friend" for the past many decades', 11,
     "curly double quotes and apostrophe written straight"),
    (MAHAJAN, "despite being \u201cIndia\u2019s closest friend\u201d for the past many decades",
     11, "curly quotes written curly"),
    (IQBAL, "Pakistan\u2019s Prime Minister Zulfigar Ali Bhutto visited the Soviet Union in 1972",
     15, "straight apostrophe in the source written curly"),
    (MAHAJAN, "the sale of four Mi-35 'Hind E' attack helicopters to Pakistan", 34,
     "curly single quotes written straight"),
    (MAHAJAN, "among the 6 countries which participated in the Russian Army War Games 2015 - an "
              "Air Defense Battle Competition", 38, "en dash written as a hyphen"),
    (IQBAL, "outlined new avenues in the Pak\u2013Russia bilateral Relations", 37,
     "hyphen in the source written as an en dash"),
    (IQBAL, "outlined new avenues in the Pak\u2014Russia bilateral Relations", 37,
     "hyphen in the source written as an em dash"),
    (SHAUKAT, "The U-2 incident in 1960-US spy plane was shot down by the former Russia", 23,
     "em dash written as a hyphen"),
    (SHAUKAT, "The U-2 incident in 1960\u2013US spy plane was shot down by the former Russia", 23,
     "em dash written as an en dash"),
    (SHAUKAT, "rebalance toward the Asia-Pacific region...even as our troops continue to fight",
     37, "ellipsis written as three dots"),
    (SHAUKAT, "rebalance toward the Asia-Pacific region\u2026even as our troops continue to fight",
     37, "ellipsis written as the ellipsis character"),
    (IQBAL, "the visit of Defence   Minister\nSergey Shoigu to Islamabad", 33,
     "runs of spaces and a line break in the quote"),
    (IQBAL, "  the warring parties at Tashkent  ", 15, "exactly five words, padded"),
] + [(sid, quote, line, "helpers constant") for (sid, quote), line in QUOTE_LINES.items()]


@pytest.mark.parametrize("sid,quote,line,why", VERIFIES, ids=[v[3] for v in VERIFIES])
def test_real_quote_verifies_and_maps_back(sid: str, quote: str, line: int, why: str) -> None:
    text = real_text(sid)
    result = check_quote(quote, text)
    assert result.ok, (why, result)
    assert text.author[result.norm_start:result.norm_end] == normalize(quote).strip()
    match = locate(result, text)
    assert match is not None and match.line == line
    raw = text.raw[match.start:match.end]
    if "footnote" in why:
        # the raw span runs across the excluded footnote; without it, it is the quote
        assert "Aamir Iqbal is an Intern at IRS" in raw
        assert normalize(raw.replace(raw_lines(IQBAL)[20], "")) == normalize(quote).strip()
    else:
        assert normalize(raw) == normalize(quote).strip()
    # the span is tight: it starts and ends on the quote's first and last characters
    assert not raw[0].isspace() and not raw[-1].isspace()


# One real sentence with one thing changed: each must fail as not found.
CHANGED = [
    (IQBAL, ESTABLISHED_1949.replace("1949", "1948"), "year 1949 -> 1948"),
    (SINGH, "which supplied the defence equipment to Islamabad worth of $300 million",
     "number $310 -> $300 million"),
    (IQBAL, SHOIGU_IQBAL.replace("Sergey Shoigu", "Sergey Lavrov"), "name Shoigu -> Lavrov"),
    (IQBAL, "Cordial relations between Pakistan and the Soviet Union could develop after the "
            "defence partnership", "negation: could not -> could"),
    (IQBAL, "the visit of Defence Minister Shoigu to Islamabad on 21 November 2014",
     "dropped word (Sergey)"),
    (IQBAL, "the Visit of Defence Minister Sergey Shoigu to Islamabad", "case change (Visit)"),
    (IQBAL, "diplomatic relations between pakistan and the soviet union", "lower-cased"),
    (MAHAJAN, "In 2014 Russian Defence Minister Sergey Shoigu became the first",
     "dropped comma"),
    (IQBAL, "Pakistan's Prime Minister Zulfiqar Ali Bhutto visited the Soviet Union",
     "typo in the source fixed (Zulfigar)"),
    (IQBAL, "the Soviet Union successfully mediated between the warring parties at Tashkand",
     "misspelt place"),
    (SHAUKAT, "The U-2 incident in 1960 US spy plane was shot down", "dash dropped"),
]


@pytest.mark.parametrize("sid,quote,why", CHANGED, ids=[c[2] for c in CHANGED])
def test_changed_quote_fails(sid: str, quote: str, why: str) -> None:
    result = check_quote(quote, real_text(sid))
    assert result.verdict == "not-found", (why, result)
    assert result.nearest and 0 < result.similarity < 100


def test_nearest_passage_points_at_the_real_sentence() -> None:
    text = real_text(IQBAL)
    result = check_quote(ESTABLISHED_1949.replace("1949", "1948"), text)
    assert result.verdict == "not-found"
    assert result.nearest_line == 9
    assert result.nearest.startswith("Diplomatic relations between Pakistan")
    assert "1949" in result.nearest
    assert result.similarity > 90


def test_nearest_passage_after_a_page_break_and_footnote_reports_its_own_line() -> None:
    text = real_text(IQBAL)
    result = check_quote("new beginning, no major positive signals were seen to ease", text)
    assert result.verdict == "not-found"
    assert "new beginning, no major positive signal was seen to ease" in result.nearest
    assert "Aamir" not in result.nearest  # the excluded footnote is not offered
    assert result.nearest_line in (19, 23)


def test_not_found_without_explanation() -> None:
    result = check_quote(SHOIGU_IQBAL.replace("21", "22"), real_text(IQBAL), explain=False)
    assert (result.verdict, result.nearest, result.nearest_line) == ("not-found", None, 0)


@pytest.mark.parametrize("quote", [
    "Aamir Iqbal is an Intern at IRS.",
    "Aamir Iqbal is an Intern",
    "Pakistan-Russia Sign Landmark Defense Cooperation Agreement",
    "Pakistan-Russia Relations Redux: From Estrangement to Pragmatism",
])
def test_quote_only_in_excluded_lines(quote: str) -> None:
    assert check_quote(quote, real_text(IQBAL)).verdict == "excluded"


def test_comment_section_is_not_evidence() -> None:
    # singh lines 31-37 are reader comments: the reader's own words are excluded, while the
    # article's sentence the comment repeats still verifies (from the article's line 21)
    text = real_text(SINGH)
    assert "COMMENT" in raw_lines(SINGH)[30]
    reader = "It is only after 2014 that Russia specifically invited Modi"
    assert reader in raw_lines(SINGH)[34]
    assert check_quote(reader, text).verdict == "excluded"
    repeated = "Russia appeared ready to make Pakistan its strategic partner"
    result = check_quote(repeated, text)
    assert result.ok and locate(result, text).line == 21


@pytest.mark.parametrize("n", range(1, MIN_WORDS))
def test_fewer_than_five_words_is_too_short(n: int) -> None:
    quote = " ".join(SHOIGU_IQBAL.split()[:n])
    assert check_quote(quote, real_text(IQBAL)).verdict == "too-short"


def test_five_words_is_enough() -> None:
    assert check_quote(" ".join(SHOIGU_IQBAL.split()[:MIN_WORDS]), real_text(IQBAL)).ok


@pytest.mark.parametrize("quote", [
    "isit of Defence Minister Sergey Shoigu",          # starts mid-word
    "the visit of Defence Minister Sergey Shoig",      # ends mid-word
    "iplomatic relations between Pakistan and the",
])
def test_partial_word(quote: str) -> None:
    assert check_quote(quote, real_text(IQBAL)).verdict == "partial-word"


def test_partial_occurrence_before_a_whole_one_is_skipped() -> None:
    # "Russia and" first occurs inside "...Russia and Pakistan..."; find_whole must move on
    text = "xRussia and Pakistan agree; Russia and Pakistan agree"
    assert find_whole("Russia and Pakistan agree", text) == (28, 53)
    assert find_whole("ussia and", text) is None


@pytest.mark.parametrize("text,needle,expected", [
    ("a b c", "a b c", (0, 5)),
    ("ab c", "b c", None),
    ("a bc", "a b", None),
    ("(a b) c", "a b", (1, 4)),
    ("a-b c", "b c", (2, 5)),         # a hyphen is a word boundary
    ("x 1949s y", "x 1949", None),
])
def test_find_whole_boundaries(text: str, needle: str, expected) -> None:
    assert find_whole(needle, text) == expected


@pytest.mark.parametrize("sid", ALL_SOURCES)
def test_every_author_paragraph_verifies(sid: str) -> None:
    """Every non-excluded paragraph of every real source verifies as a whole quote."""
    text = real_text(sid)
    dropped = {n for ex in text.source.excluded for n in range(ex.first_line, ex.last_line + 1)}
    first_line: dict[str, int] = {}
    for number, line in enumerate(raw_lines(sid), 1):
        if number in dropped or len(normalize(line).split()) < MIN_WORDS:
            continue
        first_line.setdefault(normalize(line).strip(), number)  # shaukat repeats line 5 as 7
        result = check_quote(line, text)
        assert result.ok, (sid, number, result.verdict)
        assert locate(result, text).line == first_line[normalize(line).strip()]


def test_lavrov_quotes_are_on_their_lines() -> None:
    for sid, quote in [(IQBAL, LAVROV_IQBAL), (MAHAJAN, LAVROV_MAHAJAN), (IQBAL, LAVROV_2012),
                       (MAHAJAN, SHOIGU_MAHAJAN), (IQBAL, CHANGE_2010)]:
        assert quote in raw_lines(sid)[QUOTE_LINES[(sid, quote)] - 1]
