"""Problems become located warnings; incremental and parallel builds stay correct."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

BAD = "facts/events/1974-steel-mill.yaml"


def read_docs(app: Any) -> list[str]:
    """Record which documents the next build of ``app`` reads."""
    seen: list[str] = []
    app.connect(
        "env-before-read-docs", lambda app, env, docnames: seen.extend(docnames)
    )
    return seen


def bodies(outdir: Path) -> dict[str, str]:
    out = {}
    for path in sorted(outdir.rglob("*.html")):
        s = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        main = s.select_one("div.body")
        out[str(path.relative_to(outdir))] = str(main) if main else ""
    return out


@pytest.mark.sphinx("html", testroot="badquote", freshenv=True)
def test_bad_quote_is_a_located_warning(app: Any) -> None:
    app.build()
    warnings = app.warning.getvalue()
    path = Path(app.srcdir) / BAD
    assert (
        f"{path}:9: WARNING: BB501 quote not found in shaukat-2012-new-era" in warnings
    )
    assert "[briefing.BB501]" in warnings
    assert warnings.count("BB501") == 2  # once as the code, once as the subtype
    # warning-level problems (single source, year unstated) are info, not warnings
    assert "BB800" not in warnings and "BB801" not in warnings
    assert "BB800" in app.status.getvalue()
    era = BeautifulSoup(
        (Path(app.outdir) / "eras/cold-war.html").read_text(), "html.parser"
    )
    entry = era.find(id="fact-1974-steel-mill")
    assert entry.select_one(".briefing-badge-unverified").get_text() == "unverified"
    assert "briefing-quote-unverified" in entry.select_one("blockquote")["class"]


@pytest.mark.sphinx(
    "html", testroot="badquote", freshenv=True, parallel=2, srcdir="badquote-parallel"
)
def test_problems_are_logged_once_in_parallel_builds(app: Any) -> None:
    app.build()
    assert app.warning.getvalue().count("WARNING: BB501") == 1


@pytest.mark.sphinx(
    "html",
    testroot="badquote",
    freshenv=True,
    srcdir="badquote-strict",
    confoverrides={"briefing_strict": True},
)
def test_strict_makes_single_source_a_warning(app: Any) -> None:
    app.build()
    assert "[briefing.BB800]" in app.warning.getvalue()


def test_dash_w_fails_on_an_unverified_fact(rootdir: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-badquote", src)
    args = [
        "-W",
        "--keep-going",
        "-q",
        "-E",
        "-b",
        "html",
        str(src),
        str(tmp_path / "out"),
    ]
    assert build_main(args) != 0
    (src / BAD).unlink()
    assert build_main(args) == 0


@pytest.mark.sphinx("html", testroot="briefing", srcdir="incremental", freshenv=True)
def test_editing_a_fact_rereads_only_pages_that_show_it(
    app: Any, make_app: Any
) -> None:
    app.build()
    out, src = Path(app.outdir), Path(app.srcdir)
    mtime = {
        p: (out / p).stat().st_mtime_ns
        for p in ("eras/new-era.html", "eras/cold-war.html", "agreements.html")
    }

    # nothing changed: nothing is read
    # (one live app at a time: docutils registries are global)
    app.cleanup()
    again = make_app("html", srcdir=src)
    seen = read_docs(again)
    again.build()
    assert seen == []
    again.cleanup()

    fact = src / "facts/visits/1974-bhutto-moscow-visit.yaml"
    fact.write_text(
        fact.read_text().replace("Bhutto visits Moscow", "Bhutto travels to Moscow")
    )
    edited = make_app("html", srcdir=src)
    seen = read_docs(edited)
    edited.build()
    assert "eras/cold-war" in seen and "visits" in seen
    assert "sources/shaukat-2012-new-era" in seen  # its marker shows the title
    # the timeline page shows only the eras; its data file has the new title
    for unrelated in ("eras/new-era", "agreements", "contested", "eras/index", "timeline"):
        assert unrelated not in seen
    assert "Bhutto travels to Moscow" in (out / "eras/cold-war.html").read_text()
    assert "Bhutto travels to Moscow" in (out / "timeline.json").read_text()
    assert (out / "eras/new-era.html").stat().st_mtime_ns == mtime["eras/new-era.html"]
    assert (out / "agreements.html").stat().st_mtime_ns == mtime["agreements.html"]
    assert not edited.warning.getvalue()


@pytest.mark.sphinx(
    "html", testroot="briefing", srcdir="incremental-summary", freshenv=True
)
def test_editing_a_summary_rereads_only_the_entry_page(app: Any, make_app: Any) -> None:
    app.build()
    src, out = Path(app.srcdir), Path(app.outdir)
    fact = src / "facts/visits/1974-bhutto-moscow-visit.yaml"
    text = fact.read_text()
    assert "summary: " in text
    fact.write_text(text.replace("summary: ", "summary: Edited. ", 1))
    app.cleanup()
    edited = make_app("html", srcdir=src)
    seen = read_docs(edited)
    edited.build()
    assert not edited.warning.getvalue()
    # the timeline, the visits register and the source's backlinks show no summary
    assert seen == ["eras/cold-war"]
    assert "Edited. " in (out / "eras/cold-war.html").read_text()


@pytest.mark.sphinx(
    "html", testroot="briefing", srcdir="incremental-source", freshenv=True
)
def test_editing_a_source_text_rereads_its_page_not_the_entries_quoting_it(
    app: Any, make_app: Any
) -> None:
    app.build()
    src, out = Path(app.srcdir), Path(app.outdir)
    sid = "shaukat-2012-new-era"
    text = src / f"facts/sources/{sid}.txt"
    meta = src / f"facts/sources/{sid}.yaml"
    old = text.read_bytes()
    new = old.replace(b"There are no permanent", b"There are, truly, no permanent", 1)
    text.write_bytes(new)
    meta.write_text(
        meta.read_text().replace(
            hashlib.sha256(old).hexdigest(), hashlib.sha256(new).hexdigest()
        )
    )
    app.cleanup()
    edited = make_app("html", srcdir=src)
    seen = read_docs(edited)
    edited.build()
    assert not edited.warning.getvalue()
    # every quote moved in the text: the highlights and the coverage change, while
    # the entries, registers and timeline show nothing that moved
    assert sorted(seen) == ["sources/index", f"sources/{sid}"]
    assert "There are, truly, no permanent" in (out / f"sources/{sid}.html").read_text()


@pytest.mark.sphinx(
    "html", testroot="briefing", srcdir="incremental-add", freshenv=True
)
def test_adding_a_fact_updates_its_era_and_the_aggregates(
    app: Any, make_app: Any
) -> None:
    app.build()
    src, out = Path(app.srcdir), Path(app.outdir)
    (src / "facts/events/2011-10-energy-working-group.yaml").write_text(
        "id: 2011-10-energy-working-group\nkind: event\n"
        'title: "Energy working group meets"\ndate: "2011-10"\nevent_type: meeting\n'
        "summary: A working group met to explore energy cooperation.\nsources:\n"
        "  - source: shaukat-2012-new-era\n"
        '    quote: "A working group of both countries had met in October, 2011 '
        'to explore cooperation in this sector."\n'
    )
    app.cleanup()
    added = make_app("html", srcdir=src)
    seen = read_docs(added)
    added.build()
    assert {"eras/new-era", "timeline", "index"} <= set(seen)
    assert "eras/cold-war" not in seen and "agreements" not in seen
    era = BeautifulSoup((out / "eras/new-era.html").read_text(), "html.parser")
    ids = [s["id"] for s in era.select("section.briefing-fact")]
    assert (
        ids.index("fact-2011-10-energy-working-group")
        == ids.index("fact-2011-05-joint-communique") + 1
    )
    timeline = (out / "timeline.json").read_text()
    assert "Energy working group meets" in timeline and "October 2011" in timeline


@pytest.mark.sphinx(
    "html", testroot="briefing", srcdir="parallel", freshenv=True, parallel=2
)
def test_parallel_build_matches_serial(app: Any, make_app: Any, tmp_path: Path) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    facts = app.env.get_domain("briefing").data["facts"]
    assert len(facts) == 7
    serial_src = tmp_path / "serial"
    shutil.copytree(app.srcdir, serial_src, ignore=shutil.ignore_patterns("_build"))
    app.cleanup()
    serial = make_app("html", srcdir=serial_src, freshenv=True)
    serial.build()
    assert bodies(Path(app.outdir)) == bodies(Path(serial.outdir))
    # touch a fact and rebuild in parallel: no warnings, no duplicated domain data
    fact = Path(app.srcdir) / "facts/events/1960-u2-incident.yaml"
    fact.write_text(
        fact.read_text().replace('title: "The U-2 incident"', 'title: "The U-2 affair"')
    )
    serial.cleanup()
    again = make_app("html", srcdir=app.srcdir, parallel=2)
    again.build()
    assert again.warning.getvalue() == ""
    data = again.env.get_domain("briefing").data
    assert len(data["facts"]) == 7
    assert all(len(marks) == len(set(marks)) for marks in data["pages"].values())


@pytest.mark.sphinx("html", testroot="briefing", srcdir="badrole", freshenv=True)
def test_unknown_fact_id_is_a_located_warning(app_params: Any, make_app: Any) -> None:
    args, kwargs = app_params
    src = Path(kwargs["srcdir"])
    (src / "notes.md").write_text(
        "---\norphan: true\n---\n# Notes\n\n"
        "Text.\n\nSee {fact}`1999-no-such-fact` here.\n"
    )
    app = make_app(*args, **kwargs)
    app.build()
    warnings = app.warning.getvalue()
    assert "notes.md:8: WARNING: unknown fact id '1999-no-such-fact'" in warnings
    assert "[briefing.unknown-fact]" in warnings and warnings.count("WARNING") == 1
    html = BeautifulSoup((Path(app.outdir) / "notes.html").read_text(), "html.parser")
    assert html.select_one(".briefing-missing").get_text() == "1999-no-such-fact"


def test_a_cache_folder_inside_facts_is_a_config_error(
    rootdir: Path, tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-briefing", src)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(src / "facts" / ".cache"))
    assert build_main(["-q", "-E", "-b", "html", str(src), str(tmp_path / "out")]) != 0
    err = capsys.readouterr().err
    assert "briefing: the cache folder" in err and "BRIEFING_CACHE_DIR" in err
    assert not (src / "facts" / ".cache").exists()


@pytest.mark.parametrize("cwd", ["src", "elsewhere"])
def test_facts_json_paths_are_relative_to_the_book(
    rootdir: Path, tmp_path: Path, monkeypatch: Any, cwd: str
) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-briefing", src)
    (tmp_path / cwd).mkdir(exist_ok=True)
    monkeypatch.chdir(tmp_path / cwd)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "out"
    assert build_main(["-q", "-E", "-b", "html", str(src), str(out)]) == 0
    data = json.loads((out / "facts.json").read_text(encoding="utf-8"))
    files = [f["file"] for f in data["facts"]] + [s["file"] for s in data["sources"]]
    files += [p["file"] for p in data["problems"]]
    assert files and all(f.startswith("facts/") for f in files), files
    assert str(tmp_path) not in (out / "facts.json").read_text(encoding="utf-8")


def test_a_sources_metadata_is_text_on_the_sources_index(
    rootdir: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    """The sources index is written as finished HTML: a source's title, author and
    dating note made of markup stay literal text."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-briefing", src)
    meta = src / "facts" / "sources" / "shaukat-2012-new-era.yaml"
    hostile = {"title": '<script>alert(1)</script> & "New Era"',
               "author": "<img src=x onerror=alert(1)>",
               "published_note": "**bold** <b>early</b> 2012"}
    text = meta.read_text(encoding="utf-8")
    for field, value in hostile.items():
        text = "\n".join(f"{field}: {json.dumps(value)}" if line.startswith(f"{field}:")
                         else line for line in text.splitlines()) + "\n"
    meta.write_text(text, encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "out"
    assert build_main(["-q", "-E", "-b", "html", str(src), str(out)]) == 0
    page = BeautifulSoup((out / "sources/index.html").read_text(), "html.parser")
    table = page.select_one("table.briefing-source-index")
    cells = [td.get_text() for td in table.select("tbody td")]
    assert cells[:3] == list(hostile.values())
    assert table.find("script") is None and table.find("img") is None
    assert table.find("b") is None
    assert table.select_one("tbody a")["href"] == "shaukat-2012-new-era.html"
