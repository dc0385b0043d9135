"""Inputs that once crashed, mislocated or mislabelled: each is a reproduction.

Each test here was first written as a strict xfail reproducing a real bug in
``checks/``; the bugs are fixed and the tests now guard against their return.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.helpers import (
    EVENT_TEXT,
    IQBAL,
    MAHAJAN,
    SHOIGU_IQBAL,
    SHOIGU_MAHAJAN,
    REPO,
    MiniBook,
    parse_problems,
    run_main,
)

EV = "events/shoigu-visit.yaml"
F_EV = "facts/" + EV


def _run_safely(capsys, argv):
    """Run the CLI; an exception is reported as a failed assertion, not an error."""
    try:
        return run_main(capsys, argv)
    except RecursionError as exc:  # pragma: no cover - only while the bug exists
        pytest.fail(f"main() raised {type(exc).__name__}: {exc}")
    except ValueError as exc:  # pragma: no cover - only while the bug exists
        pytest.fail(f"main() raised {type(exc).__name__}: {exc}")


def test_control_character_is_located_on_its_line(book: MiniBook, capsys) -> None:
    book.write(EV, "id: shoigu-visit\nkind: event\ntitle: Defence\x00deal\n")
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1
    reported = parse_problems(out.splitlines()[0])  # the line break is the next test's bug
    assert [(p.file, p.line, p.code) for p in reported] == [(F_EV, 3, "BB103")]


def test_control_character_is_an_error_not_a_crash(book: MiniBook, capsys) -> None:
    book.write(EV, "id: shoigu-visit\nkind: event\ntitle: Defence\x00deal\n")
    code, out, err = run_main(capsys, ["facts"])
    assert code == 1
    assert f"{F_EV}:" in out and "BB103" in out and "Traceback" not in out + err


def test_every_output_line_is_a_problem_line(book: MiniBook, capsys) -> None:
    book.write(EV, "id: shoigu-visit\nkind: event\ntitle: Defence\x07deal\n")
    _, out, _ = run_main(capsys, ["facts"])
    parse_problems(out)  # asserts every line is path:line:col: CODE message


@pytest.mark.parametrize("depth", [3000])
def test_deep_nesting_is_a_problem_not_a_traceback(book: MiniBook, capsys, depth: int) -> None:
    book.write(EV, "id: shoigu-visit\nkind: event\ntitle: " + "[" * depth + "]" * depth + "\n")
    code, out, _ = _run_safely(capsys, ["facts", "--no-cache"])
    assert code == 1
    assert any(p.file == F_EV for p in parse_problems(out))


def test_superscript_digit_in_context_values_does_not_crash(book: MiniBook, capsys) -> None:
    book.write(EV, EVENT_TEXT.replace(
        f'    quote: "{SHOIGU_IQBAL}"\n',
        f'    quote: "{SHOIGU_IQBAL}"\n    context_values: ["²"]\n'))
    code, out, _ = _run_safely(capsys, ["facts", "--no-cache"])
    assert code == 0, out


def _claims_with(extra: str) -> str:
    return EVENT_TEXT + f"""\
contested:
  - question: When?
    claims:
      - value: "2014"
        source: {IQBAL}
        quote: "{SHOIGU_IQBAL}"
{extra}      - value: "2014-11"
        source: {MAHAJAN}
        quote: "{SHOIGU_MAHAJAN}"
"""


def test_well_formed_contested_point_is_clean(book: MiniBook, capsys) -> None:
    book.write(EV, _claims_with(""))
    code, out, err = run_main(capsys, ["facts", "--strict"])
    assert (code, out) == (0, "")
    assert "1 contested" in err


def test_unknown_field_in_claim_is_reported_once(book: MiniBook, capsys) -> None:
    book.write(EV, _claims_with("        sauce: x\n"))
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1
    reported = [(p.line, p.col, p.code) for p in parse_problems(out)]
    assert reported == [(19, 9, "BB200")]


def test_unknown_field_in_claim_is_reported(book: MiniBook, capsys) -> None:
    book.write(EV, _claims_with("        sauce: x\n"))
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1
    assert {(p.line, p.col, p.code) for p in parse_problems(out)} == {(19, 9, "BB200")}


def test_fact_citing_a_tampered_source_is_not_verified(book: MiniBook, capsys) -> None:
    with open(book.path(f"sources/{IQBAL}.txt"), "ab") as fh:
        fh.write(b"x")
    code, out, _ = run_main(capsys, ["facts", "--format", "json"])
    data = json.loads(out)
    assert code == 1
    shoigu = next(f for f in data["facts"] if f["id"] == "shoigu-visit")
    assert shoigu["quotes"][0]["verified"] is False
    assert shoigu["status"] == "unverified"


def test_anchor_without_alias_is_refused(book: MiniBook, capsys) -> None:
    book.write(EV, EVENT_TEXT.replace("title: ", "title: &t "))
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1
    assert [(p.line, p.col, p.code) for p in parse_problems(out)] == [(3, 8, "BB106")]


def test_crlf_line_endings_keep_positions(book: MiniBook, capsys) -> None:
    book.write(EV, EVENT_TEXT.replace("era: reset", "era: rest").replace("\n", "\r\n")
               .encode())
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1
    assert [(p.line, p.col, p.code) for p in parse_problems(out)] == [(7, 6, "BB401")]


def test_bom_is_accepted(book: MiniBook, capsys) -> None:
    book.write(EV, b"\xef\xbb\xbf" + EVENT_TEXT.encode())
    code, out, _ = run_main(capsys, ["facts", "--strict"])
    assert (code, out) == (0, "")


def test_two_documents_in_one_file(book: MiniBook, capsys) -> None:
    book.write(EV, EVENT_TEXT + "---\nid: other\n")
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1
    assert [(p.file, p.line, p.code) for p in parse_problems(out)] == [(F_EV, 13, "BB103")]


def test_fifo_named_like_a_fact_file_is_refused_without_blocking(book: MiniBook,
                                                                   capsys) -> None:
    os.mkfifo(book.path("events/pipe.yaml"))
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1
    assert [(p.file, p.line, p.col, p.code) for p in parse_problems(out)] == [
        ("facts/events/pipe.yaml", 1, 1, "BB100")]


def test_fact_file_in_a_subfolder_is_misplaced(book: MiniBook, capsys) -> None:
    book.write("events/old/shoigu-visit.yaml", EVENT_TEXT)
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1
    assert [(p.file, p.line, p.col, p.code) for p in parse_problems(out)] == [
        ("facts/events/old/shoigu-visit.yaml", 1, 1, "BB205")]


def test_symlink_inside_facts_is_followed(book: MiniBook, capsys) -> None:
    book.path(EV).rename(book.path("shoigu.keep"))
    book.path(EV).symlink_to(book.path("shoigu.keep"))
    code, out, _ = run_main(capsys, ["facts", "--strict"])
    assert (code, out) == (0, "")


def test_usage_errors_exit_2(book: MiniBook, capsys) -> None:
    assert run_main(capsys, ["no-such-folder"])[0] == 2
    assert run_main(capsys, ["facts", "--format", "xml"])[0] == 2


def test_cache_does_not_hide_an_edit(book: MiniBook, capsys) -> None:
    assert run_main(capsys, ["facts"])[0] == 0
    assert run_main(capsys, ["facts"])[0] == 0  # now from the cache
    book.write(EV, EVENT_TEXT.replace("era: reset", "era: rest"))
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1 and "BB401" in out
    assert not any(p.startswith(".cache") for p in book.hashes())  # cache lives outside facts/


@pytest.mark.parametrize("value", [
    "true",
    "false",
])
def test_circa_boolean_is_accepted(book: MiniBook, capsys, value: str) -> None:
    book.write(EV, EVENT_TEXT + f"circa: {value}\n")
    code, out, _ = run_main(capsys, ["facts", "--strict", "--format", "json"])
    assert code == 0, out
    fact = next(f for f in json.loads(out)["facts"] if f["id"] == "shoigu-visit")
    assert fact["circa"] is (value == "true")


def test_quoted_true_is_not_a_boolean(book: MiniBook, capsys) -> None:
    book.write(EV, EVENT_TEXT + 'circa: "true"\n')
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1
    assert [(p.line, p.col, p.code) for p in parse_problems(out)] == [(13, 8, "BB202")]


def test_id_with_trailing_newline_is_not_an_id(book: MiniBook, capsys) -> None:
    book.write(EV, EVENT_TEXT.replace(f"  - source: {IQBAL}\n",
                                      f"  - source: |\n      {IQBAL}\n"))
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1
    reported = parse_problems(out)  # every line is a problem line
    errors = [(p.line, p.col, p.code) for p in reported if not p.code.startswith("BB8")]
    assert errors == [(9, 13, "BB203")]  # (the one quote left is single-source: BB800)


MISSING_DEPENDENCY = """
import sys
sys.modules[sys.argv[1]] = None  # as on a Python where it was never installed
from checks.cli import main
sys.exit(main(["facts", "--no-cache"]))
"""


@pytest.mark.parametrize("module", ["yaml", "rapidfuzz"])
def test_a_missing_dependency_is_a_clear_error(book: MiniBook, module: str) -> None:
    if module == "rapidfuzz":  # only failing quotes import it
        book.write(EV, EVENT_TEXT.replace("Sergey Shoigu to Islamabad",
                                          "Sergey Shoigu to Karachi"))
    run = subprocess.run([sys.executable, "-c", MISSING_DEPENDENCY, module], cwd=book.base,
                         env=dict(os.environ, PYTHONPATH=str(REPO)), capture_output=True,
                         text=True)
    assert run.returncode == 2, run.stderr
    assert f"error: the checks need {module}" in run.stderr and "pip install ." in run.stderr
    assert "Traceback" not in run.stderr
