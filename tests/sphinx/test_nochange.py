"""A build in which nothing changed skips the book; anything changed loads it again."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import briefing.data

PUBLISHED = ("facts.json", "exports/facts.csv", "timeline.json")
BHUTTO = "facts/visits/1974-bhutto-moscow-visit.yaml"


def built_once(app: Any) -> tuple[Path, Path]:
    """Build ``app`` and let it go; its source and output folders."""
    app.build()
    src, out = Path(app.srcdir), Path(app.outdir)
    app.cleanup()
    return src, out


def count_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each time a build checks the facts folder."""
    calls: list[str] = []
    real = briefing.data.check_path

    def counting(folder: str, **kwargs: Any) -> Any:
        calls.append(folder)
        return real(folder, **kwargs)

    monkeypatch.setattr(briefing.data, "check_path", counting)
    return calls


def rebuild(make_app: Any, src: Path) -> Any:
    app = make_app("html", srcdir=src)
    seen: list[str] = []
    app.connect("env-before-read-docs", lambda a, e, docnames: seen.extend(docnames))
    app.build()
    app.cleanup()
    app.seen = seen
    return app


@pytest.mark.sphinx("html", testroot="badquote", srcdir="nochange", freshenv=True)
def test_an_unchanged_build_skips_the_book_and_repeats_its_problems(
    app: Any, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.build()
    first = app.warning.getvalue()
    assert "BB501" in first
    src, out = Path(app.srcdir), Path(app.outdir)
    mtimes = {p: (out / p).stat().st_mtime_ns for p in PUBLISHED}
    app.cleanup()

    calls = count_checks(monkeypatch)
    again = rebuild(make_app, src)
    assert again.seen == []
    assert calls == []  # the book was neither loaded nor checked
    assert again.warning.getvalue() == first  # the same located warnings
    assert "BB800" in again.status.getvalue()  # and the same info lines
    assert {p: (out / p).stat().st_mtime_ns for p in PUBLISHED} == mtimes


@pytest.mark.sphinx("html", testroot="briefing", srcdir="nochange-outputs", freshenv=True)
def test_an_unchanged_build_publishes_again_what_was_deleted(
    app: Any, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.build()
    src, out = Path(app.srcdir), Path(app.outdir)
    expected = {p: (out / p).read_bytes() for p in PUBLISHED}
    app.cleanup()
    for p in PUBLISHED:
        (out / p).unlink()
    rebuild(make_app, src)
    assert {p: (out / p).read_bytes() for p in PUBLISHED} == expected


@pytest.mark.sphinx("html", testroot="briefing", srcdir="nochange-page", freshenv=True)
def test_an_edited_page_in_an_unchanged_book_loads_the_book_once(
    app: Any, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.build()
    assert not app.warning.getvalue()
    src, out = Path(app.srcdir), Path(app.outdir)
    app.cleanup()
    calls = count_checks(monkeypatch)
    index = src / "index.md"
    index.write_text(index.read_text().replace("# Test book", "# Test book, edited"))
    edited = rebuild(make_app, src)
    assert edited.seen == ["index"]
    assert len(calls) == 1  # the page's fact links asked for the book
    assert not edited.warning.getvalue()  # its problems are not reported twice
    html = (out / "index.html").read_text()
    assert "Test book, edited" in html and "Bhutto in Moscow" in html


@pytest.mark.sphinx("html", testroot="briefing", srcdir="nochange-edit", freshenv=True)
def test_an_edit_after_unchanged_builds_rereads_its_pages(
    app: Any, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.build()
    src, out = Path(app.srcdir), Path(app.outdir)
    app.cleanup()
    for _ in range(2):
        assert rebuild(make_app, src).seen == []
    calls = count_checks(monkeypatch)
    fact = src / BHUTTO
    fact.write_text(
        fact.read_text().replace("Bhutto visits Moscow", "Bhutto travels to Moscow")
    )
    edited = rebuild(make_app, src)
    assert len(calls) == 1 and "eras/cold-war" in edited.seen
    assert "Bhutto travels to Moscow" in (out / "eras/cold-war.html").read_text()
    assert "Bhutto travels to Moscow" in (out / "timeline.json").read_text()
    assert "Bhutto travels to Moscow" in (out / "facts.json").read_text()


@pytest.mark.sphinx("html", testroot="briefing", srcdir="nochange-mtime", freshenv=True)
def test_a_file_restored_with_its_old_time_and_size_is_checked_again(
    app: Any, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = built_once(app)
    fact = src / BHUTTO
    before = fact.stat()
    text = fact.read_text()
    edited = text.replace("Bhutto visits Moscow", "Bhutto visits Mascow")
    assert edited != text and len(edited) == len(text)  # same size
    fact.write_text(edited)
    os.utime(fact, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `cp -p` leaves it
    calls = count_checks(monkeypatch)
    again = rebuild(make_app, src)
    assert len(calls) == 1 and "eras/cold-war" in again.seen
    assert "Bhutto visits Mascow" in (out / "eras/cold-war.html").read_text()
    assert "Bhutto visits Mascow" in (out / "facts.json").read_text()


@pytest.mark.sphinx("html", testroot="briefing", srcdir="nochange-during", freshenv=True)
def test_a_fact_edited_while_a_build_runs_is_checked_by_the_next_build(
    app: Any, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = built_once(app)
    fact = src / BHUTTO

    def edit_now(*args: Any) -> None:  # after the book was loaded, before the record
        fact.write_text(fact.read_text().replace("Bhutto visits Moscow",
                                                 "Bhutto goes to Moscow"))

    during = make_app("html", srcdir=src)
    during.connect("env-updated", edit_now)
    during.build()
    during.cleanup()
    assert "Bhutto goes to Moscow" not in (out / "facts.json").read_text()
    calls = count_checks(monkeypatch)
    rebuild(make_app, src)
    assert len(calls) == 1  # the record held the book as that build had loaded it
    assert "Bhutto goes to Moscow" in (out / "facts.json").read_text()


@pytest.mark.sphinx("html", testroot="briefing", srcdir="nochange-failed", freshenv=True)
def test_a_failed_build_leaves_no_record(
    app: Any, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.build()
    src = Path(app.srcdir)
    record = Path(app.doctreedir) / "briefing-build.json"
    assert record.is_file()
    app.cleanup()

    def fail(*args: Any) -> None:
        raise RuntimeError("the disk is full")

    broken = make_app("html", srcdir=src)
    broken.connect("build-finished", lambda a, exc: None)
    broken.connect("env-updated", fail)
    (src / "index.md").write_text((src / "index.md").read_text() + "\nMore.\n")
    with pytest.raises(Exception, match="disk is full"):
        broken.build()
    broken.cleanup()
    assert not record.exists()
    calls = count_checks(monkeypatch)
    rebuild(make_app, src)
    assert len(calls) == 1 and record.is_file()


@pytest.mark.sphinx("html", testroot="briefing", srcdir="nochange-stamped", freshenv=True)
def test_a_build_checks_the_bytes_it_stamped(
    app: Any, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The facts folder is read once when the build begins: a fact saved while the
    build runs is neither half seen nor recorded as checked; the next build shows it."""
    import briefing.stamp

    src, out = built_once(app)
    fact = src / BHUTTO
    text = fact.read_text()
    assert "Bhutto visits Moscow" in text
    real = briefing.stamp.read_inputs

    def then_edited(folder: str) -> Any:
        inputs = real(folder)
        fact.write_text(text.replace("Bhutto visits Moscow", "Bhutto flies to Moscow"))
        return inputs

    fact.write_text(text.replace("Bhutto visits Moscow", "Bhutto goes to Moscow"))
    monkeypatch.setattr(briefing.stamp, "read_inputs", then_edited)
    rebuild(make_app, src)
    monkeypatch.setattr(briefing.stamp, "read_inputs", real)
    assert "Bhutto goes to Moscow" in (out / "eras/cold-war.html").read_text()
    assert "Bhutto goes to Moscow" in (out / "facts.json").read_text()
    again = rebuild(make_app, src)  # the saved edit is new to the next build
    assert "eras/cold-war" in again.seen
    assert "Bhutto flies to Moscow" in (out / "eras/cold-war.html").read_text()
