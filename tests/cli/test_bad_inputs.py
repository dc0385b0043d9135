"""A corpus of bad inputs, one case per kind, each run through the CLI.

Every case starts from the clean minimal book (see ``tests/helpers.py``: one era and one
event, quotes from two real archived sources), breaks one thing, and asserts the exit code,
the exact problem code, its line (and column where it is meaningful), a key phrase of the
message, that nothing crashed, and that no file under facts/ was changed.
"""

from __future__ import annotations

import os
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from tests.helpers import (
    EVENT_TEXT,
    IQBAL,
    LAVROV_2012,
    LAVROV_IQBAL,
    LAVROV_MAHAJAN,
    MAHAJAN,
    SHOIGU_IQBAL,
    SHOIGU_MAHAJAN,
    MiniBook,
    files_opened,
    parse_problems,
    run_main,
    shoigu_contested,
)

EV = "events/shoigu-visit.yaml"
F_EV = "facts/" + EV


def event(*, replace: dict[str, str] | None = None, drop: tuple[str, ...] = (),
          append: str = "") -> str:
    """The clean event text with whole lines replaced (by their prefix) or dropped."""
    lines = EVENT_TEXT.splitlines()
    out = []
    for line in lines:
        key = next((k for k in (replace or {}) if line.startswith(k)), None)
        if any(line.startswith(d) for d in drop):
            continue
        out.append(replace[key] if key is not None else line)  # type: ignore[index]
    return "\n".join(out) + "\n" + append


def ev(content: str | bytes) -> Callable[[MiniBook], None]:
    return lambda b: b.write(EV, content)


@dataclass(frozen=True)
class Expect:
    file: str
    line: int
    col: int | None
    code: str
    phrase: str


@dataclass(frozen=True)
class Case:
    name: str
    setup: Callable[[MiniBook], None]
    expect: tuple[Expect, ...]
    also: frozenset[str] = field(default_factory=frozenset)  # other codes that may appear
    argv: tuple[str, ...] = ()
    marks: tuple = ()


def third_quote(quote: str, source: str = IQBAL) -> str:
    return event(append=f"  - source: {source}\n    quote: \"{quote}\"\n")


def alias_bomb(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _symlink_out(b: MiniBook) -> None:
    outside = b.base / "outside.yaml"
    outside.write_text(EVENT_TEXT, encoding="utf-8")
    os.symlink(outside, b.path("events/evil.yaml"))


def _tamper(b: MiniBook) -> None:
    with open(b.path(f"sources/{IQBAL}.txt"), "ab") as fh:
        fh.write(b"x")


def _swap_excluded(b: MiniBook) -> None:
    p = b.path(f"sources/{IQBAL}.yaml")
    p.write_text(p.read_text(encoding="utf-8").replace("lines: 7-7", "lines: 9-3"),
                 encoding="utf-8")


def _dup_id(b: MiniBook) -> None:
    b.write("visits/shoigu-visit.yaml", f"""\
id: shoigu-visit
kind: visit
title: Shoigu in Islamabad
summary: A Russian defence minister visits Pakistan.
date: 2014-11-21
visitor: a Russian defence delegation
from_country: Russia
to_country: Pakistan
sources:
  - source: {IQBAL}
    quote: "{SHOIGU_IQBAL}"
  - source: {MAHAJAN}
    quote: "{SHOIGU_MAHAJAN}"
""")


def _lavrov(b: MiniBook) -> None:
    b.write("visits/lavrov-2021.yaml", f"""\
id: lavrov-2021
kind: visit
title: Lavrov in Islamabad
summary: The Russian foreign minister visits Islamabad.
date: 2021-04-06
visitor: Sergey Lavrov
from_country: Russia
to_country: Pakistan
sources:
  - source: {IQBAL}
    quote: "{LAVROV_IQBAL}"
  - source: {MAHAJAN}
    quote: "{LAVROV_MAHAJAN}"
""")
    b.write("events/putin-postponed.yaml", f"""\
id: putin-postponed
kind: event
title: Putin's trip postponed
summary: Putin's trip to Islamabad is postponed.
date: 2012-10
sources:
  - source: {IQBAL}
    quote: "{LAVROV_2012}"
""")


CONTESTED_ONE = event(append=f"""\
contested:
  - question: When was the deal signed?
    claims:
      - value: "2014"
        source: {IQBAL}
        quote: "{SHOIGU_IQBAL}"
""")

CONTESTED_FAVOURS = event(append=f"""\
contested:
  - question: Who reported the deal?
    claims:
      - value: iqbal
        source: {IQBAL}
        quote: "{SHOIGU_IQBAL}"
      - value: mahajan
        source: {MAHAJAN}
        quote: "{SHOIGU_MAHAJAN}"
    assessment:
      text: Both agree.
      confidence: high
      favours: singh
""")

CASES = [
    Case("unclosed-bracket", ev("id: shoigu-visit\nkind: event\ntitle: [Defence, deal\n"
                                "summary: s\n"),
         (Expect(F_EV, 4, 8, "BB103", "YAML syntax error"),)),
    Case("tab-indentation", ev("id: shoigu-visit\nkind: event\nsources:\n\t- source: x\n"),
         (Expect(F_EV, 4, 1, "BB103", "found character"),)),
    Case("empty-file", ev(b""), (Expect(F_EV, 1, 1, "BB102", "file is empty"),)),
    Case("whitespace-only", ev(b"  \n\n \t \n\n"), (Expect(F_EV, 1, 1, "BB102", "empty"),)),
    Case("comment-only", ev("# nothing here\n"),
         (Expect(F_EV, 1, 1, "BB102", "no YAML document"),)),
    Case("binary-garbage", ev(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
         (Expect(F_EV, 1, 1, "BB101", "byte 0x89 is not valid UTF-8"),)),
    Case("invalid-utf8-line-3", ev(b"id: shoigu-visit\nkind: event\ntitle: ab\xff\xfecd\n"),
         (Expect(F_EV, 3, 10, "BB101", "byte 0xff is not valid UTF-8"),)),
    Case("list-at-top", ev("- id: shoigu-visit\n- kind: event\n"),
         (Expect(F_EV, 1, 1, "BB104", "found a list"),)),
    Case("scalar-at-top", ev("just some words\n"),
         (Expect(F_EV, 1, 1, "BB104", "a fact file holds one mapping"),)),
    Case("duplicate-key", ev(event(append="title: Again\n")),
         (Expect(F_EV, 13, 1, "BB105", "key 'title' appears twice in this mapping "
                                       "(first at line 3)"),)),
    Case("duplicate-nested-key", ev(event(replace={
            "    quote: \"the visit": f"    quote: \"{SHOIGU_IQBAL}\"\n    source: {IQBAL}"})),
         (Expect(F_EV, 11, 5, "BB105", "key 'source' appears twice"),)),
    Case("anchor-and-alias", ev(event(replace={"title:": "title: &t Defence deal",
                                               "summary:": "summary: *t"})),
         (Expect(F_EV, 4, 10, "BB106", "aliases (*name) are not allowed"),)),
    Case("merge-key", ev(event(append="place: &p {a: 1}\nparties:\n  <<: *p\n")),
         (Expect(F_EV, 15, 7, "BB106", "aliases"),)),
    Case("python-tag", ev(event(replace={"title:": "title: !!python/object:os.system ls"})),
         (Expect(F_EV, 3, 8, "BB106", "YAML tag 'tag:yaml.org,2002:python/object:os.system' "
                                      "is not allowed"),)),
    Case("local-tag", ev(event(replace={"title:": "title: !shout Defence deal"})),
         (Expect(F_EV, 3, 8, "BB106", "YAML tag '!shout' is not allowed"),)),
    Case("unknown-field-typo", ev(event(replace={"summary:": "summray: A typo."})),
         (Expect(F_EV, 4, 1, "BB200", "unknown field 'summray' for a event; did you mean "
                                      "'summary'?"),
          Expect(F_EV, 1, 1, "BB201", "missing required field 'summary'"))),
    Case("field-of-another-kind", ev(event(append="visitor: Sergey Shoigu\n")),
         (Expect(F_EV, 13, 1, "BB200", "unknown field 'visitor' for a event (it belongs to "
                                       "other kinds)"),)),
    Case("missing-title", ev(event(drop=("title:",))),
         (Expect(F_EV, 1, 1, "BB201", "missing required field 'title'"),)),
    Case("title-is-a-list", ev(event(replace={"title:": "title: [a, b]"})),
         (Expect(F_EV, 3, 8, "BB202", "title must be text, found a list"),)),
    Case("circa-maybe", ev(event(append="circa: \"maybe\"\n")),
         (Expect(F_EV, 13, 8, "BB202", "circa must be true or false"),)),
    Case("sources-is-a-mapping", ev(event(drop=("  - ", "    quote"),
                                          replace={"sources:": "sources: {a: 1}"})),
         (Expect(F_EV, 8, 10, "BB202", "sources must be a list, found a mapping"),)),
    Case("quote-item-not-a-mapping", ev(event(append="  - just a string\n")),
         (Expect(F_EV, 13, 5, "BB104", "sources[2] must be a mapping"),)),
    Case("bad-enum", ev(event(replace={"event_type:": "event_type: meating"})),
         (Expect(F_EV, 5, 13, "BB203", "event_type 'meating' is not one of: establishment"),
          Expect(F_EV, 5, 13, "BB203", "did you mean 'meeting'?"))),
    Case("bad-date-format", ev(event(replace={"date:": "date: 2021/02/03"})),
         (Expect(F_EV, 6, 7, "BB300", "'2021/02/03' is not a date; write YYYY, YYYY-MM or "
                                      "YYYY-MM-DD"),)),
    Case("date-with-time", ev(event(replace={"date:": "date: 2014-11-21 10:00:00"})),
         (Expect(F_EV, 6, 7, "BB300", "is not a date"),)),
    Case("impossible-date-feb-30", ev(event(replace={"date:": "date: 2014-02-30"})),
         (Expect(F_EV, 6, 7, "BB301", "February 2014 has 28 days"),)),
    Case("impossible-date-month-13", ev(event(replace={"date:": "date: \"2014-13\""})),
         (Expect(F_EV, 6, 7, "BB301", "has month 13"),)),
    Case("start-after-end", ev(event(replace={"date:": "start: 2014-12\nend: 2014-11"})),
         (Expect(F_EV, 7, 6, "BB302", "end 2014-11 is before start 2014-12"),)),
    Case("date-and-start", ev(event(replace={"date:": "date: 2014-11-21\nstart: 2014"})),
         (Expect(F_EV, 7, 8, "BB304", "use either date (a point) or start/end"),)),
    Case("no-date", ev(event(drop=("date:",))),
         (Expect(F_EV, 1, 1, "BB303", "fact has no date"),)),
    Case("era-without-end", lambda b: b.era(b.path("eras/reset.yaml").read_text()
                                           .replace('end: "2021"\n', "")),
         (Expect("facts/eras/reset.yaml", 1, 1, "BB303", "an era needs both start and end"),)),
    Case("id-mismatch", ev(event(replace={"id:": "id: shoigu-vist"})),
         (Expect(F_EV, 1, 5, "BB204", "id 'shoigu-vist' does not match the file name "
                                      "'shoigu-visit.yaml'"),)),
    Case("id-not-an-id", ev(event(replace={"id:": "id: Shoigu Visit"})),
         (Expect(F_EV, 1, 5, "BB203", "is not an id"),)),
    Case("kind-mismatch", ev(event(replace={"kind:": "kind: visit"})),
         (Expect(F_EV, 2, 7, "BB205", "kind 'visit' does not match the folder 'events/'"),)),
    Case("duplicate-id-across-folders", _dup_id,
         (Expect("facts/visits/shoigu-visit.yaml", 1, 5, "BB206",
                 "id 'shoigu-visit' is also used by facts/events/shoigu-visit.yaml"),),
         also=frozenset({"BB708"})),  # its quote claims a first; it declares no office
    Case("unknown-source", ev(event(replace={f"  - source: {IQBAL}":
                                             "  - source: iqbal-2021-future-prospect"})),
         (Expect(F_EV, 9, 13, "BB400", "source 'iqbal-2021-future-prospect' is not archived "
                                       "in facts/sources/; did you mean "
                                       f"'{IQBAL}'?"),)),
    Case("source-path-traversal", ev(event(replace={f"  - source: {IQBAL}":
                                                    "  - source: ../../../../etc/passwd"})),
         (Expect(F_EV, 9, 13, "BB203", "sources[0].source '../../../../etc/passwd' is not "
                                       "an id"),),
         also=frozenset({"BB800"})),  # only the mahajan quote is left
    Case("unknown-era", ev(event(replace={"era:": "era: rest"})),
         (Expect(F_EV, 7, 6, "BB401", "era 'rest' does not exist; did you mean 'reset'?"),)),
    Case("unknown-related", ev(event(append="related: [no-such-fact]\n")),
         (Expect(F_EV, 13, 10, "BB402", "related[0] 'no-such-fact' is not a fact id"),)),
    Case("no-quotes", ev(event(drop=("  - ", "    quote"), replace={"sources:": "sources: []"})),
         (Expect(F_EV, 8, 10, "BB500", "'sources' is empty"),)),
    Case("missing-sources", ev(event(drop=("sources:", "  - ", "    quote"))),
         (Expect(F_EV, 1, 1, "BB500", "fact has no 'sources'"),)),
    Case("quote-not-found", ev(event(replace={"    quote: \"the visit": "    quote: \""
                                              + SHOIGU_IQBAL.replace("21 November",
                                                                     "22 November") + "\""})),
         (Expect(F_EV, 10, 12, "BB501", f"quote not found in {IQBAL}; the source has: "
                                        "22 → 21; nearest passage ("),
          Expect(F_EV, 10, 12, "BB501", "similar, source line 33): \"the visit of Defence "
                                        "Minister Sergey Shoigu to Islamabad on 21 November"))),
    Case("quote-only-in-excluded-footnote",
         ev(third_quote("Aamir Iqbal is an Intern at IRS.")),
         (Expect(F_EV, 14, 12, "BB502", "only outside the author's text"),)),
    Case("quote-only-in-bibliography",
         ev(third_quote("Pakistan-Russia Sign Landmark Defense Cooperation Agreement")),
         (Expect(F_EV, 14, 12, "BB502", "only outside the author's text"),)),
    Case("quote-too-short", ev(third_quote("signing of a deal")),
         (Expect(F_EV, 14, 12, "BB503", "fewer than 5 words"),)),
    Case("quote-starts-mid-word", ev(third_quote("isit of Defence Minister Sergey Shoigu")),
         (Expect(F_EV, 14, 12, "BB504", "only inside longer words"),)),
    Case("quote-ends-mid-word", ev(third_quote("the visit of Defence Minister Serg")),
         (Expect(F_EV, 14, 12, "BB504", "only inside longer words"),)),
    Case("quote-empty", ev(third_quote("   ")),
         (Expect(F_EV, 14, 12, "BB203", "sources[2].quote is empty"),)),
    Case("quote-missing", ev(event(append=f"  - source: {IQBAL}\n")),
         (Expect(F_EV, 13, 5, "BB201", "sources[2] is missing 'quote'"),)),
    Case("contested-one-claim", ev(CONTESTED_ONE),
         (Expect(F_EV, 14, 5, "BB505", "contested[0] has 1 claim(s)"),)),
    Case("favours-unknown-value", ev(CONTESTED_FAVOURS),
         (Expect(F_EV, 23, 7, "BB403", "assessment favours 'singh', which is none of the "
                                       "claims' values (iqbal, mahajan) nor 'both'"),)),
    Case("ten-megabyte-file", ev(b"id: shoigu-visit\nsummary: " + b"a" * 10_000_000 + b"\n"),
         (Expect(F_EV, 1, 1, "BB100", "the limit is 1,000,000"),)),
    Case("quote-over-5000-chars", ev(third_quote("word " * 1200)),
         (Expect(F_EV, 14, 12, "BB207", "sources[2].quote is 6,000 characters; the limit is "
                                        "5,000"),)),
    Case("symlink-outside-facts", _symlink_out,
         (Expect("facts/events/evil.yaml", 1, 1, "BB100", "link to outside facts/"),)),
    Case("yml-extension", lambda b: b.write("events/other.yml", EVENT_TEXT),
         (Expect("facts/events/other.yml", 1, 1, "BB205", "not a name the book reads"),)),
    Case("wrong-folder", lambda b: b.write("misc/shoigu-visit.yaml", EVENT_TEXT),
         (Expect("facts/misc/shoigu-visit.yaml", 1, 1, "BB205", "not where the book looks"),)),
    Case("txt-outside-sources", lambda b: b.write("events/notes.txt", "some notes\n"),
         (Expect("facts/events/notes.txt", 1, 1, "BB205", "not where the book looks"),)),
    Case("archive-text-modified", _tamper,
         (Expect(f"facts/sources/{IQBAL}.yaml", 9, 9, "BB601",
                 "the archived text was edited"),
          Expect(F_EV, 9, 13, "BB604", f"source '{IQBAL}' cannot be used")),
         also=frozenset({"BB604"})),
    Case("source-text-missing", lambda b: b.path(f"sources/{MAHAJAN}.txt").unlink(),
         (Expect(f"facts/sources/{MAHAJAN}.yaml", 1, 1, "BB600",
                 f"the archived text {MAHAJAN}.txt is missing"),
          Expect(F_EV, 11, 13, "BB604", f"source '{MAHAJAN}' cannot be used")),
         also=frozenset({"BB604"})),
    Case("source-metadata-missing", lambda b: b.path(f"sources/{MAHAJAN}.yaml").unlink(),
         (Expect(f"facts/sources/{MAHAJAN}.txt", 1, 1, "BB603",
                 f"add {MAHAJAN}.yaml beside it"),
          Expect(F_EV, 11, 13, "BB604", f"source '{MAHAJAN}' cannot be used")),
         also=frozenset({"BB604"})),
    Case("excluded-range-reversed", _swap_excluded,
         (Expect(f"facts/sources/{IQBAL}.yaml", 11, 12, "BB602",
                 "excluded[0].lines '9-3' must be 'FIRST-LAST' line numbers, FIRST <= LAST"),)),
    Case("undeclared-year-disagreement", ev(event(replace={"date:": "date: 2013"})),
         (Expect(F_EV, 10, 12, "BB700", f"quote from {IQBAL} names 2014, but the fact is "
                                        "dated 2013"),
          Expect(F_EV, 12, 12, "BB700", 'context_values: ["2014"]')),
         also=frozenset({"BB801"})),
    Case("undeclared-person-disagreement", _lavrov,
         (Expect("facts/events/putin-postponed.yaml", 8, 12, "BB701",
                 "names Sergey Lavrov, who is not among this fact's people"),),
         also=frozenset({"BB800", "BB802"})),
]


def _check_case(book: MiniBook, capsys, case: Case) -> list:
    case.setup(book)
    before = book.hashes()
    start = time.monotonic()
    code, out, err = run_main(capsys, ["facts", *case.argv])
    elapsed = time.monotonic() - start
    assert book.hashes() == before, "the check changed files under facts/"
    assert "Traceback" not in out and "Traceback" not in err
    assert elapsed < 5, f"took {elapsed:.1f}s"
    assert code == 1, (code, out, err)
    reported = parse_problems(out)
    for exp in case.expect:
        hits = [p for p in reported if p.file == exp.file and p.code == exp.code
                and p.line == exp.line and (exp.col is None or p.col == exp.col)
                and exp.phrase in p.message]
        assert hits, f"expected {exp} in:\n{out}"
    allowed = {e.code for e in case.expect} | case.also
    assert {p.code for p in reported} <= allowed, out
    assert "errors" in err
    return reported


@pytest.mark.parametrize("case", [pytest.param(c, marks=c.marks, id=c.name) for c in CASES])
def test_bad_input(book: MiniBook, capsys, case: Case) -> None:
    _check_case(book, capsys, case)


def test_tab_indentation_gets_the_tab_hint(book: MiniBook, capsys) -> None:
    book.write(EV, "id: shoigu-visit\nkind: event\nsources:\n\t- source: x\n")
    _, out, _ = run_main(capsys, ["facts"])
    assert "indent with spaces, not tabs" in out


def test_case_names_are_unique() -> None:
    assert len({c.name for c in CASES}) == len(CASES)


def test_clean_minimal_book_is_silent(book: MiniBook, capsys) -> None:
    code, out, err = run_main(capsys, ["facts", "--strict"])
    assert (code, out) == (0, "")
    assert err.strip() == "2 facts, 2 sources, 0 contested: 0 errors, 0 warnings"


def test_alias_bomb_is_refused_quickly_and_small(book: MiniBook, capsys) -> None:
    book.write(EV, alias_bomb(9))
    tracemalloc.start()
    try:
        start = time.monotonic()
        code, out, _ = run_main(capsys, ["facts"])
        elapsed = time.monotonic() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 5
    assert peak < 50_000_000, f"peak {peak:,} bytes"
    assert code == 1
    assert [(p.file, p.line, p.col, p.code) for p in parse_problems(out)] == [
        (F_EV, 2, 8, "BB106")]


def test_path_traversal_source_opens_nothing_outside(book: MiniBook, capsys) -> None:
    secret = book.base / "secret.txt"
    secret.write_text("the visit of Defence Minister Sergey Shoigu to Islamabad\n")
    book.write(EV, event(replace={f"  - source: {IQBAL}": "  - source: ../secret"}))
    with files_opened() as opened:
        code, out, _ = run_main(capsys, ["facts", "--no-cache"])
    assert code == 1 and "BB203" in out
    inside = [p for p in opened if Path(p).resolve().is_relative_to(book.base.resolve())]
    assert inside, "the audit hook saw no file of the book"
    assert all(Path(p).resolve().is_relative_to(book.root.resolve()) for p in inside), inside


@pytest.mark.parametrize("fix", ["context_values", "contested"])
def test_year_disagreement_declared_passes(book: MiniBook, capsys, fix: str) -> None:
    if fix == "context_values":
        text = event(replace={"date:": "date: 2013",
                              "    quote: \"the visit": f"    quote: \"{SHOIGU_IQBAL}\"\n"
                                                       "    context_values: [\"2014\"]",
                              "    quote: \"In 2014": f"    quote: \"{SHOIGU_MAHAJAN}\"\n"
                                                     "    context_values: [\"2014\"]"})
    else:
        text = event(replace={"date:": "date: 2013"}, append=shoigu_contested(
            "In which year was the deal signed?", field="date"))
    book.write(EV, text)
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 0, out
    codes = {p.code for p in parse_problems(out)}
    assert "BB700" not in codes
    assert codes <= {"BB801"}


def test_person_disagreement_declared_in_people_passes(book: MiniBook, capsys) -> None:
    CASES_BY_NAME["undeclared-person-disagreement"].setup(book)
    p = book.path("events/putin-postponed.yaml")
    p.write_text(p.read_text() + "people: [Sergey Lavrov]\n")
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 0, out
    assert "BB701" not in out


CASES_BY_NAME = {c.name: c for c in CASES}


# -- warnings: exit 0, or 1 under --strict ----------------------------------------------
WARNING_CASES = {
    "BB800": (lambda b: b.write(EV, event(drop=(f"  - source: {MAHAJAN}", "    quote: \"In"))),
              Expect(F_EV, 9, 3, "BB800", f"only {IQBAL} supports this fact")),
    "BB801": (lambda b: b.write(EV, event(replace={
        "    quote: \"the visit": "    quote: \"the signing of a deal on military cooperation "
                                 "was termed as a milestone development\"",
        "    quote: \"In 2014": "    quote: \"signed an Agreement on Bilateral Defence "
                               "Cooperation moving Pakistan from List-C to List-B countries\""})),
              Expect(F_EV, 6, 7, "BB801", "no quote states the year 2014")),
}
# BB802 (no era holds the date) is an error: see tests/cli/test_integrity_rules.py


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
@pytest.mark.parametrize("code_", sorted(WARNING_CASES))
def test_warning_fails_only_under_strict(book: MiniBook, capsys, code_: str,
                                         strict: bool) -> None:
    setup, exp = WARNING_CASES[code_]
    setup(book)
    flags = ["--strict"] if strict else []
    code, out, err = run_main(capsys, ["facts", *flags])
    assert code == (1 if strict else 0), out
    assert out == "", "without -v a warning is only counted, on stderr"
    assert f"{exp.code} warning x1: " in err and "0 errors, 1 warnings" in err
    code, out, err = run_main(capsys, ["facts", "-v", *flags])
    assert code == (1 if strict else 0), out
    reported = parse_problems("\n".join(x for x in out.splitlines() if not x.startswith(" ")))
    assert [(p.file, p.line, p.col, p.code) for p in reported] == [
        (exp.file, exp.line, exp.col, exp.code)]
    assert exp.phrase in reported[0].message
    assert "0 errors, 1 warnings" in err and "warning x1" not in err
