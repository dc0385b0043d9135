"""The caches: outside facts/, never trusted when corrupt, stale or foreign."""

from __future__ import annotations

import glob
import os
import subprocess
import sys

import pytest

from checks.cache import ParseCache
from checks.results import ReportCache, fingerprint
from tests.helpers import EVENT_TEXT, IQBAL, REPO, MiniBook, run_main

EV = "events/shoigu-visit.yaml"


def _cache_files(book: MiniBook) -> list[str]:
    return sorted(glob.glob(str(book.base / ".cache" / "briefing" / "*.pickle")))


def test_first_run_writes_both_caches_outside_facts(book: MiniBook, capsys) -> None:
    before = book.hashes()
    assert run_main(capsys, ["facts"])[0] == 0
    files = _cache_files(book)
    assert [os.path.basename(f).split("-")[0] for f in files] == ["parsed", "report"]
    assert book.hashes() == before  # nothing written inside facts/


def test_warm_run_reuses_the_report(book: MiniBook, capsys, monkeypatch) -> None:
    run_main(capsys, ["facts"])
    import checks.api as api

    monkeypatch.setattr(api, "check_path", lambda *a, **k: pytest.fail("re-checked"))
    code, out, err = run_main(capsys, ["facts"])
    assert code == 0 and "0 errors" in err


@pytest.mark.parametrize("damage", [
    b"",                                   # truncated to nothing
    b"\x00\x01garbage" * 100,              # not a cache at all
    b"briefing-report\n" + b"\x00" * 32 + b"payload",  # right magic, wrong checksum
])
def test_corrupt_caches_are_rebuilt_not_trusted(book: MiniBook, capsys, damage: bytes) -> None:
    run_main(capsys, ["facts"])
    book.write(EV, EVENT_TEXT.replace("Sergey Shoigu to Islamabad", "Sergey Shoigu to Karachi"))
    for path in _cache_files(book):
        with open(path, "wb") as fh:
            fh.write(damage)
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1 and "BB501" in out  # the edit is seen: nothing stale was used
    assert all(os.path.getsize(p) > 100 for p in _cache_files(book))  # and rewritten


def test_an_edit_is_never_hidden_by_the_cache(book: MiniBook, capsys) -> None:
    assert run_main(capsys, ["facts"])[0] == 0
    book.write(EV, EVENT_TEXT.replace("Sergey Shoigu to Islamabad", "Sergey Shoigu to Karachi"))
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1 and "BB501" in out


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


def test_report_cache_rejects_a_foreign_key(book: MiniBook) -> None:
    cache = ReportCache("facts")
    cache.save("some-other-book", {"summary": {}, "problems": [], "json": None})
    assert cache.load(fingerprint("facts")) is None
    assert cache.load("some-other-book") is not None


def test_parse_cache_refuses_to_live_inside_facts(book: MiniBook) -> None:
    with pytest.raises(ValueError):
        ParseCache("facts", cache_dir=str(book.base / "facts" / ".cache"))


def test_no_cache_flag_writes_nothing(book: MiniBook, capsys) -> None:
    assert run_main(capsys, ["facts", "--no-cache"])[0] == 0
    assert _cache_files(book) == []


def test_only_the_edited_file_is_parsed_again(book: MiniBook, capsys, monkeypatch) -> None:
    import checks.book

    assert run_main(capsys, ["facts"])[0] == 0
    book.write(EV, EVENT_TEXT.replace("Sergey Shoigu to Islamabad", "Sergey Shoigu to Karachi"))
    parsed: list[str] = []
    real = checks.book.load_fact_file
    monkeypatch.setattr(checks.book, "load_fact_file",
                        lambda path, *a: parsed.append(path) or real(path, *a))
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1 and "BB501" in out
    assert [os.path.basename(p) for p in parsed] == ["shoigu-visit.yaml"]
    parsed.clear()
    book.write(EV, EVENT_TEXT)  # back as it was: parsed again, the other file still cached
    assert run_main(capsys, ["facts"])[0] == 0
    assert [os.path.basename(p) for p in parsed] == ["shoigu-visit.yaml"]


def test_parse_cache_merges_segments_and_drops_unused_ones(book: MiniBook, capsys) -> None:
    names = [f"events/visit-{i}.yaml" for i in range(ParseCache.MAX_SEGMENTS + 2)]
    for name in names:
        book.write(name, EVENT_TEXT.replace("id: shoigu-visit", f"id: {name[7:-5]}"))
    run_main(capsys, ["facts"])
    assert len(ParseCache("facts").segments) == 1
    counts = []
    for name in names:  # each run re-parses one file: a segment used by that file alone
        book.write(name, EVENT_TEXT.replace("id: shoigu-visit", f"id: {name[7:-5]}")
                   .replace("title: ", "title: Edited ", 1))
        run_main(capsys, ["facts"])
        cache = ParseCache("facts")
        assert cache.status == "loaded" and cache.hits == 0
        counts.append(len(cache.segments))
    assert max(counts) == ParseCache.MAX_SEGMENTS  # never more: merged into one instead
    assert 1 in counts[1:]
    assert len(cache.index) == len(names) + 2
    assert len(cache.lookup(sorted(cache.index))) == len(names) + 2  # all still valid


def test_an_edit_made_while_checking_is_seen_next_time(book: MiniBook, capsys,
                                                       monkeypatch) -> None:
    import checks.api as api

    real = api.check_path

    def check_then_edit(*args, **kwargs):
        result = real(*args, **kwargs)  # the files are read; the report is not saved yet
        book.write(EV, EVENT_TEXT.replace("Sergey Shoigu to Islamabad",
                                          "Sergey Shoigu to Karachi"))
        return result

    monkeypatch.setattr(api, "check_path", check_then_edit)
    assert run_main(capsys, ["facts"])[0] == 0  # the report of the files as they were read
    monkeypatch.setattr(api, "check_path", real)
    code, out, _ = run_main(capsys, ["facts"])
    assert code == 1 and "BB501" in out  # the stored report was not trusted


def test_a_report_made_from_cached_files_is_reused(book: MiniBook, capsys, monkeypatch) -> None:
    import checks.api as api

    run_main(capsys, ["facts"])
    book.write(EV, EVENT_TEXT.replace("title: ", "title: Edited ", 1))
    assert run_main(capsys, ["facts"])[0] == 0  # one file parsed again, the other cached
    monkeypatch.setattr(api, "check_path", lambda *a, **k: pytest.fail("re-checked"))
    assert run_main(capsys, ["facts"])[0] == 0


WARM_PROBE = """
import sys
from checks.cli import main
code = main(["facts"])
loaded = sorted(m for m in ("checks.rules", "checks.loader", "yaml") if m in sys.modules)
print("loaded:", ",".join(loaded), file=sys.stderr)
sys.exit(code)
"""


def test_a_warm_run_does_not_load_the_checker(book: MiniBook, capsys) -> None:
    run_main(capsys, ["facts"])  # stores the report
    env = dict(os.environ, PYTHONPATH=str(REPO))
    probe = subprocess.run([sys.executable, "-c", WARM_PROBE], cwd=book.base, env=env,
                           capture_output=True, text=True)
    assert probe.returncode == 0, probe.stderr
    assert "loaded: \n" in probe.stderr  # only listing, fingerprint and the stored report


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
