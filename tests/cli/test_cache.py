"""The one cache: plain JSON outside facts/, keyed by each file's bytes, never trusted
when corrupt, stale, foreign or planted, and never able to run code."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys

import pytest

from checks.cache import BookCache
from tests.helpers import (ERA_TEXT, EVENT_TEXT, IQBAL, LAVROV_IQBAL, REPO, SHOIGU_IQBAL, MiniBook,
                           run_main)

EV = "events/shoigu-visit.yaml"
KARACHI = EVENT_TEXT.replace("Sergey Shoigu to Islamabad", "Sergey Shoigu to Karachi")


def _cache_files(book: MiniBook) -> list[str]:
    return sorted(glob.glob(str(book.base / ".cache" / "briefing" / "*")))


def _no_check(monkeypatch: pytest.MonkeyPatch) -> None:
    import checks.api as api

    monkeypatch.setattr(api, "_check", lambda *a, **k: pytest.fail("checked again"))


def test_first_run_writes_one_json_cache_outside_facts(book: MiniBook, capsys) -> None:
    before = book.hashes()
    assert run_main(capsys, ["facts"])[0] == 0
    files = _cache_files(book)
    assert [os.path.basename(f).split("-")[0] for f in files] == ["book"]
    with open(files[0], "rb") as fh:
        for line in fh:  # every line is plain JSON
            json.loads(line)
    assert book.hashes() == before  # nothing written inside facts/


def test_warm_run_reuses_the_report(book: MiniBook, capsys, monkeypatch) -> None:
    first = run_main(capsys, ["facts", "--format", "json"])
    _no_check(monkeypatch)
    assert run_main(capsys, ["facts"])[0] == 0
    assert run_main(capsys, ["facts", "--format", "json"]) == first


class _Planted:
    """Unpickling this runs code: it writes a marker file."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (open, (self.marker, "w"))


def _damages(marker: str) -> list[bytes]:
    evil = pickle.dumps(_Planted(marker))
    valid_header = json.dumps({"format": "briefing-cache", "version": 6, "code": "x",
                               "digest": "y"}).encode()
    return [
        b"",                                    # truncated to nothing
        b"\x00\x01garbage" * 100,               # not a cache at all
        evil,                                   # a pickle that would run code
        b"briefing-cache\n" + b"\x00" * 32 + evil,  # the old sealed format, recomputed
        valid_header + b"\n" + evil + b"\n",    # a foreign version's header
        b'{"format": "briefing-cache"}\n{}\nnull\n{}\n',  # right format, no version
    ]


@pytest.mark.parametrize("which", range(6))
def test_damaged_or_planted_caches_are_rebuilt_and_run_nothing(
        book: MiniBook, capsys, which: int) -> None:
    marker = str(book.base / "ran")
    run_main(capsys, ["facts"])
    book.write(EV, KARACHI)
    damage = _damages(marker)[which]
    paths = _cache_files(book)
    old_names = [str(book.base / ".cache" / "briefing" / f"{k}-0.pickle")
                 for k in ("parsed", "report")]
    for path in paths + old_names:  # also where the old caches lived
        with open(path, "wb") as fh:
            fh.write(damage)
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1 and "BB501" in out  # the edit is seen: nothing stale was used
    assert not os.path.exists(marker)  # and nothing planted ran
    assert all(os.path.getsize(p) > 100 for p in paths)  # rewritten


def test_a_valid_cache_with_a_changed_checker_is_not_used(book: MiniBook, capsys,
                                                          monkeypatch) -> None:
    run_main(capsys, ["facts"])
    book.write(EV, KARACHI)
    path = _cache_files(book)[0]
    with open(path, "rb") as fh:
        head, rest = fh.read().split(b"\n", 1)
    header = json.loads(head)
    header["code"] = "another checker"
    with open(path, "wb") as fh:
        fh.write(json.dumps(header).encode() + b"\n" + rest)
    cache = BookCache("facts")
    assert cache.read() is None and cache.state == "stale"
    assert run_main(capsys, ["facts"])[0] == 1


def test_an_edit_is_never_hidden_by_the_cache(book: MiniBook, capsys) -> None:
    assert run_main(capsys, ["facts"])[0] == 0
    book.write(EV, KARACHI)
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1 and "BB501" in out


def _same_size_edit(path) -> bytes:
    data = bytearray(path.read_bytes())
    data[data.index(b"to Islamabad") + 3] = ord("X")  # same size; the quote now fails
    return bytes(data)


def test_an_edit_with_the_old_mtime_and_size_is_seen(book: MiniBook, capsys) -> None:
    path = book.path(EV)
    assert run_main(capsys, ["facts"])[0] == 0
    st = os.stat(path)
    path.write_bytes(_same_size_edit(path))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # as tar -x or rsync -a leave it
    assert os.stat(path).st_size == st.st_size
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1 and "BB501" in out


def test_a_file_restored_with_cp_p_is_checked_as_it_is(book: MiniBook, capsys) -> None:
    path = book.path(EV)
    edited = book.base / "edited.yaml"
    edited.write_bytes(_same_size_edit(path))
    os.utime(edited, ns=(os.stat(path).st_atime_ns, os.stat(path).st_mtime_ns))
    assert run_main(capsys, ["facts"])[0] == 0  # the good file, cached
    shutil.copy2(edited, path)  # cp -p: the edited bytes with the good file's mtime
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1 and "BB501" in out
    subprocess.run(["cp", "-p", str(edited), str(path)], check=True)
    assert run_main(capsys, ["facts"])[0] == 1


def test_archive_edit_with_the_same_mtime_and_size_is_caught(book: MiniBook, capsys) -> None:
    assert run_main(capsys, ["facts"])[0] == 0
    text = book.path(f"sources/{IQBAL}.txt")
    st = os.stat(text)
    data = bytearray(text.read_bytes())
    data[data.index(b"Shoigu")] = ord("X")  # same size
    text.write_bytes(bytes(data))
    os.utime(text, ns=(st.st_atime_ns, st.st_mtime_ns))  # same mtime
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1 and "BB601" in out


def test_a_cache_of_another_book_is_not_used(book: MiniBook, capsys, tmp_path) -> None:
    run_main(capsys, ["facts"])
    stored = BookCache("facts").read()
    assert stored is not None
    book.write(EV, KARACHI)
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1 and BookCache("facts").read().key != stored.key  # type: ignore[union-attr]


def test_the_cache_refuses_to_live_inside_facts(book: MiniBook) -> None:
    with pytest.raises(ValueError):
        BookCache("facts", cache_dir=str(book.base / "facts" / ".cache"))


def test_no_cache_flag_writes_nothing(book: MiniBook, capsys) -> None:
    assert run_main(capsys, ["facts", "--no-cache"])[0] == 0
    assert _cache_files(book) == []


def test_only_the_edited_file_is_parsed_again(book: MiniBook, capsys, monkeypatch) -> None:
    import checks.book

    assert run_main(capsys, ["facts"])[0] == 0
    book.write(EV, KARACHI)
    parsed: list[str] = []
    real = checks.book._fact
    monkeypatch.setattr(checks.book, "_fact",
                        lambda data, path, *a: parsed.append(path) or real(data, path, *a))
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1 and "BB501" in out
    assert parsed == ["facts/" + EV]
    parsed.clear()
    book.write(EV, EVENT_TEXT)  # back as it was: its old parse is gone, so parsed again
    assert run_main(capsys, ["facts"])[0] == 0
    assert parsed == ["facts/" + EV]


def test_an_edit_made_while_checking_is_seen_next_time(book: MiniBook, capsys,
                                                       monkeypatch) -> None:
    import checks.rules as rules

    real = rules.check_book

    def check_then_edit(*args, **kwargs):
        result = real(*args, **kwargs)  # the files are read; the report is not saved yet
        book.write(EV, KARACHI)
        return result

    monkeypatch.setattr(rules, "check_book", check_then_edit)
    assert run_main(capsys, ["facts"])[0] == 0  # the report of the files as they were read
    monkeypatch.setattr(rules, "check_book", real)
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1 and "BB501" in out  # the stored report was not trusted


def test_a_report_made_from_cached_parses_is_reused(book: MiniBook, capsys,
                                                    monkeypatch) -> None:
    run_main(capsys, ["facts"])
    book.write(EV, EVENT_TEXT.replace("title: ", "title: Edited ", 1))
    assert run_main(capsys, ["facts"])[0] == 0  # one file parsed again, the other cached
    _no_check(monkeypatch)
    assert run_main(capsys, ["facts"])[0] == 0


WARM_PROBE = """
import sys
from checks.cli import main
code = main(["facts"])
loaded = sorted(m for m in ("checks.rules", "checks.loader", "yaml", "pickle")
                if m in sys.modules)
print("loaded:", ",".join(loaded), file=sys.stderr)
sys.exit(code)
"""


def test_a_warm_run_does_not_load_the_checker(book: MiniBook, capsys) -> None:
    run_main(capsys, ["facts"])  # stores the report
    env = dict(os.environ, PYTHONPATH=str(REPO))
    probe = subprocess.run([sys.executable, "-c", WARM_PROBE], cwd=book.base, env=env,
                           capture_output=True, text=True)
    assert probe.returncode == 0, probe.stderr
    assert "loaded: \n" in probe.stderr  # only listing, hashing and the stored report


def test_a_cache_folder_inside_facts_is_a_usage_error(book: MiniBook, capsys,
                                                      monkeypatch) -> None:
    before = book.hashes()
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(book.root / ".cache"))
    code, out, err = run_main(capsys, ["facts"])
    assert code == 2 and out == ""
    assert "error: the cache folder" in err and "BRIEFING_CACHE_DIR" in err
    assert "Traceback" not in err
    assert book.hashes() == before  # nothing written inside facts/
    assert run_main(capsys, ["facts", "--no-cache"])[0] == 0  # no cache, no problem


def test_the_checks_hold_no_pickle() -> None:
    for path in glob.glob(str(REPO / "checks" / "**" / "*.py"), recursive=True):
        with open(path, encoding="utf-8") as fh:
            assert "import pickle" not in fh.read(), path


# -- each fact's own check, reused while what it read is unchanged --------------------

def _checked_facts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files of the facts whose own check runs (not taken from the cache)."""
    import checks.rules as rules

    checked: list[str] = []
    real = rules._Checker.check_fact

    def counted(self, r):  # type: ignore[no-untyped-def]
        checked.append(r.fact.file)
        return real(self, r)

    monkeypatch.setattr(rules._Checker, "check_fact", counted)
    return checked


def test_only_the_edited_fact_is_checked_again(book: MiniBook, capsys, monkeypatch) -> None:
    assert run_main(capsys, ["facts"])[0] == 0
    checked = _checked_facts(monkeypatch)
    book.write(EV, EVENT_TEXT.replace("title: ", "title: Edited ", 1))
    assert run_main(capsys, ["facts"])[0] == 0
    assert checked == ["facts/" + EV]  # the era's check is reused


def test_reused_fact_checks_give_the_report_of_a_fresh_check(book: MiniBook, capsys) -> None:
    run_main(capsys, ["facts", "--format", "json"])
    book.write(EV, KARACHI)
    cached = run_main(capsys, ["facts", "--format", "json"])
    assert cached[0] == 1 and "BB501" in cached[1]
    book.era(ERA_TEXT.replace("title: ", "title: Edited ", 1))
    cached = run_main(capsys, ["facts", "--format", "json"])
    assert cached == run_main(capsys, ["facts", "--format", "json", "--no-cache"])


def test_a_fact_check_is_not_reused_when_a_cited_source_changes(book: MiniBook,
                                                                 capsys) -> None:
    assert run_main(capsys, ["facts"])[0] == 0
    text, meta = book.path(f"sources/{IQBAL}.txt"), book.path(f"sources/{IQBAL}.yaml")
    st_text, st_meta = os.stat(text), os.stat(meta)
    old = text.read_bytes()
    new = old.replace(SHOIGU_IQBAL.encode(), SHOIGU_IQBAL.replace("Shoigu", "Xhoigu").encode())
    assert new != old and len(new) == len(old)
    text.write_bytes(new)  # the archive corrected and sealed again, sizes and mtimes kept
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        hashlib.sha256(old).hexdigest(), hashlib.sha256(new).hexdigest()), encoding="utf-8")
    os.utime(text, ns=(st_text.st_atime_ns, st_text.st_mtime_ns))
    os.utime(meta, ns=(st_meta.st_atime_ns, st_meta.st_mtime_ns))
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1 and "BB501" in out and "BB601" not in out


def test_a_fact_check_is_not_reused_when_a_fact_it_names_is_gone(book: MiniBook,
                                                                 capsys) -> None:
    other = "events/second-visit.yaml"
    book.write(other, EVENT_TEXT.replace("shoigu-visit", "second-visit"))
    book.write(EV, EVENT_TEXT + "related: [second-visit]\n")
    assert "BB4" not in run_main(capsys, ["facts"])[1]
    os.remove(book.path(other))  # the event's own file is unchanged; the id it names is gone
    code, out, _ = run_main(capsys, ["facts"])
    assert "related[0] 'second-visit' is not a fact id" in out
    assert (code, out) == run_main(capsys, ["facts", "--no-cache"])[:2]


def test_a_fact_with_a_quote_not_found_is_reused_while_the_budget_agrees(
        book: MiniBook, capsys, monkeypatch) -> None:
    import checks.rules as rules

    other = "events/second-visit.yaml"
    second = EVENT_TEXT.replace("shoigu-visit", "second-visit")
    book.write(other, second)
    book.write(EV, KARACHI)
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1 and "nearest passage (" in out
    checked = _checked_facts(monkeypatch)
    book.write(other, second.replace("title: ", "title: Edited ", 1))
    assert run_main(capsys, ["facts"])[1] == out.replace("Defence cooperation deal",
                                                       "Edited Defence cooperation deal")
    assert checked == ["facts/" + other]  # the failing quote's search was reused
    # with no nearest-passage searches left for this run, the record is not reused: the
    # failure is listed bare, as a fresh check lists it
    monkeypatch.setattr(rules, "MAX_EXPLAINED", 0)
    book.write(other, second.replace("title: ", "title: Again ", 1))
    code, out, _ = run_main(capsys, ["facts"])
    assert "nearest passage not computed" in out and "nearest passage (" not in out
    assert sorted(checked[1:]) == ["facts/" + other, "facts/" + EV]
    assert (code, out) == run_main(capsys, ["facts", "--no-cache"])[:2]


# -- each fact's stored check keeps its quotes' raw spans -----------------------------

def _spans(result) -> list[tuple[str, int, object]]:  # type: ignore[no-untyped-def]
    return [(r.fact.id, n, q.span) for r in result.facts for n, q in enumerate(r.quotes)]


def _fresh_spans() -> list[tuple[str, int, object]]:
    from checks.api import check_path

    return _spans(check_path("facts", use_cache=False))


def _check_path():  # type: ignore[no-untyped-def]
    """``checks.api.check_path`` as a new process (a Sphinx build) calls it."""
    import checks.api

    checks.api._LAST.clear()
    return checks.api.check_path("facts")


def _no_offset_map(monkeypatch: pytest.MonkeyPatch) -> None:
    import checks.normalize

    monkeypatch.setattr(checks.normalize.OffsetMap, "__init__",
                        lambda *a: pytest.fail("an offset map was built"))


def test_stored_checks_keep_their_spans_and_reuse_builds_no_offset_map(
        book: MiniBook, capsys, monkeypatch) -> None:
    assert run_main(capsys, ["facts"])[0] == 0  # text: spans not located, none stored
    fresh = _fresh_spans()
    assert all(span is not None for _, _, span in fresh)
    assert _spans(_check_path()) == fresh  # located once, and stored
    stored = BookCache("facts").read()
    assert stored is not None and stored.report["located"] is True
    assert all(len(record) == 4 for _, record in stored.checks().values())
    with monkeypatch.context() as m:
        _no_offset_map(m)
        assert _spans(_check_path()) == fresh  # from the stored report and checks
    code, out, _ = run_main(capsys, ["facts", "--format", "json"])
    assert (code, out) == run_main(capsys, ["facts", "--format", "json", "--no-cache"])[:2]


LAVROV_TEXT = f"""\
id: lavrov-visit
kind: event
title: Lavrov in Islamabad
summary: Lavrov visits Islamabad.
event_type: meeting
date: 2021-04-06
era: reset
sources:
  - source: {IQBAL}
    quote: "{LAVROV_IQBAL}"
"""


def test_an_edit_locates_only_the_edited_facts_quotes(book: MiniBook, capsys,
                                                       monkeypatch) -> None:
    """A source whose citing facts' checks are all reused gets no offset map."""
    import checks.normalize

    book.write("events/lavrov-visit.yaml", LAVROV_TEXT)
    _check_path()
    book.write("events/lavrov-visit.yaml", LAVROV_TEXT.replace("title: ", "title: New ", 1))
    fresh = _fresh_spans()
    built: list[str] = []
    real = checks.normalize.OffsetMap.__init__

    def counted(self, raw: str) -> None:  # type: ignore[no-untyped-def]
        built.append(raw)
        real(self, raw)

    monkeypatch.setattr(checks.normalize.OffsetMap, "__init__", counted)
    checked = _checked_facts(monkeypatch)
    assert _spans(_check_path()) == fresh
    assert checked == ["facts/events/lavrov-visit.yaml"]
    assert len(built) == 1 and "Lavrov" in built[0]  # iqbal's text only, not mahajan's


def test_stored_spans_are_not_reused_when_a_cited_source_changes(book: MiniBook,
                                                                  capsys) -> None:
    """The spans are kept under the fact's check's key, which covers the bytes of the
    sources it cites: a source text re-sealed with its old mtimes gets new spans."""
    first = run_main(capsys, ["facts", "--format", "json"])
    text, meta = book.path(f"sources/{IQBAL}.txt"), book.path(f"sources/{IQBAL}.yaml")
    st_text, st_meta = os.stat(text), os.stat(meta)
    old = text.read_bytes()
    new = old.replace(b"Further, the visit of Defence", b"Furthermore, the visit of Defence")
    assert new.count(b"\n") == old.count(b"\n") and len(new) == len(old) + 4
    text.write_bytes(new)  # same lines, the quote 4 characters further on
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        hashlib.sha256(old).hexdigest(), hashlib.sha256(new).hexdigest()), encoding="utf-8")
    os.utime(text, ns=(st_text.st_atime_ns, st_text.st_mtime_ns))
    os.utime(meta, ns=(st_meta.st_atime_ns, st_meta.st_mtime_ns))
    fresh = _fresh_spans()
    assert _spans(_check_path()) == fresh
    again = run_main(capsys, ["facts", "--format", "json"])
    assert again == run_main(capsys, ["facts", "--format", "json", "--no-cache"])
    assert again != first  # the spans did move


def _rewrite_checks(path: str, change) -> None:  # type: ignore[no-untyped-def]
    """Rewrite a cache file's fact checks through ``change`` and seal it again as the
    checks seal it (anyone can: the digests are checksums, not secrets)."""
    from checks.cache import _digest

    with open(path, "rb") as fh:
        header, report, json_line, rest = fh.read().split(b"\n", 3)
    lines = []
    for line in rest.split(b"\n"):
        item = json.loads(line)
        if item[0] == "c":
            change(item)
        lines.append(json.dumps(item, ensure_ascii=False).encode("utf-8"))
    parses = b"\n".join(lines)
    head = json.loads(header)
    head["parses"] = _digest(parses)
    with open(path, "wb") as fh:
        fh.write(json.dumps(head).encode() + b"\n" + report + b"\n" + json_line + b"\n"
                 + parses)


@pytest.mark.parametrize("forged", [[0, 10 ** 9, 1], [5, 2, 1], [0, 3, 0], [0, 3], "x",
                                    [0.0, 3, 1], [True, 3, 1], None])
def test_stored_spans_that_do_not_fit_are_located_again(book: MiniBook, capsys,
                                                         forged: object) -> None:
    fresh = _fresh_spans()
    _check_path()

    def forge(item: list) -> None:  # type: ignore[type-arg]
        item[3][3][0] = forged

    _rewrite_checks(_cache_files(book)[0], forge)
    assert _spans(_check_path()) == fresh  # the report's, its checks loaded: not trusted
    book.write(EV, EVENT_TEXT.replace("title: ", "title: Edited ", 1))
    assert _spans(_check_path()) == fresh  # the era's check reused, its spans not
    stored = BookCache("facts").read()  # and written again as located now
    assert stored is not None and stored.report["located"] is True
    assert [record[3] for _, record in stored.checks().values()] == [
        [[s.start, s.end, s.line] for s in spans] for spans in (
            [span for fid, _, span in fresh if fid == f] for f in ("reset", "shoigu-visit"))]
