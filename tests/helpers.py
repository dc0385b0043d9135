"""Shared helpers for tests/unit, tests/cli and tests/property.

``MiniBook`` builds a small ``facts/`` folder in a temporary directory from real archived
sources, so every quote a test writes is checked against the same sealed texts the book
uses. ``run_main`` runs the CLI in-process and returns ``(code, stdout, stderr)``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

import yaml

from checks.archive import SourceText, load_source, load_text
from checks.cli import main

REPO = Path(__file__).resolve().parents[1]
REAL_FACTS = REPO / "facts"
REAL_SOURCES = REAL_FACTS / "sources"

IQBAL = "iqbal-2021-future-prospects"
MAHAJAN = "mahajan-2021-russia-pakistan-lap"
SHAUKAT = "shaukat-2012-new-era"
SINGH = "singh-2021-challenges-for-region"
ABBASI = "abbasi-2018-changing-dynamics"
#: every source the real book archives, however many it has (tests over all of them)
ALL_SOURCES = tuple(sorted(p.stem for p in REAL_SOURCES.glob("*.yaml")))

KIND_FOLDERS = {"era": "eras", "agreement": "agreements", "visit": "visits", "event": "events"}

# Real sentences, copied byte for byte from the archived texts (tests/unit/test_helpers_quotes
# asserts each one really occurs on the given line).
SHOIGU_IQBAL = ("the visit of Defence Minister Sergey Shoigu to Islamabad on 21 November 2014 "
                "and the signing of a deal on military cooperation")  # iqbal line 33
SHOIGU_MAHAJAN = ("In 2014, Russian Defence Minister Sergey Shoigu became the first "
                  "Soviet/Russian Defence Minister to visit Pakistan in 45 years")  # mahajan 32
CHANGE_2010 = ("This change in relations can be attributed to the changing views of Moscow "
               "about Pakistan after 2010.")  # iqbal line 43
LAVROV_IQBAL = ("The recently concluded visit of the Russian Foreign Minister Sergey Lavrov to "
                "Islamabad on 6-7 April 2021")  # iqbal line 37
LAVROV_MAHAJAN = ("Recently Russian Foreign Minister Sergey Lavrov arrived in Islamabad "
                  "(April 6-7)")  # mahajan line 50
ESTABLISHED_1949 = ("Diplomatic relations between Pakistan and the Soviet Union were "
                    "established in 1949")  # iqbal line 9
LAVROV_2012 = ("in October 2012, Moscow sent its Foreign Minister Sergey Lavrov, when "
               "President Putin's trip to Islamabad got postponed")  # iqbal line 27

QUOTE_LINES = {
    (IQBAL, SHOIGU_IQBAL): 33,
    (MAHAJAN, SHOIGU_MAHAJAN): 32,
    (IQBAL, CHANGE_2010): 43,
    (IQBAL, LAVROV_IQBAL): 37,
    (MAHAJAN, LAVROV_MAHAJAN): 50,
    (IQBAL, ESTABLISHED_1949): 9,
    (IQBAL, LAVROV_2012): 27,
}

ERA_TEXT = f"""\
id: reset
kind: era
title: A reset
summary: Relations change after 2010.
start: "2010"
end: "2021"
sources:
  - source: {IQBAL}
    quote: "{CHANGE_2010}"
  - source: {MAHAJAN}
    quote: "{SHOIGU_MAHAJAN}"
"""

#: The minimal clean event: two sources, dated 2014, every quote real.  Line numbers of this
#: template are used by the bad-input corpus (id 1, kind 2, title 3, date 6, sources 8,
#: first quote 10, second source 11, second quote 12).
EVENT_TEXT = f"""\
id: shoigu-visit
kind: event
title: Defence cooperation deal
summary: Shoigu visits Islamabad and a deal is signed.
event_type: meeting
date: 2014-11-21
era: reset
sources:
  - source: {IQBAL}
    quote: "{SHOIGU_IQBAL}"
  - source: {MAHAJAN}
    quote: "{SHOIGU_MAHAJAN}"
"""


def fact_yaml(data: dict[str, Any]) -> str:
    """Dump a fact dict in insertion order (block style, unicode kept)."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)


class MiniBook:
    """A ``facts/`` folder in a temporary directory, built from real archived sources."""

    def __init__(self, base: Path, sources: Sequence[str] = (IQBAL,)) -> None:
        self.base = Path(base)
        self.root = self.base / "facts"
        (self.root / "sources").mkdir(parents=True, exist_ok=True)
        for folder in KIND_FOLDERS.values():
            (self.root / folder).mkdir(exist_ok=True)
        for sid in sources:
            self.add_source(sid)

    # -- building ------------------------------------------------------------------
    def add_source(self, sid: str) -> None:
        for ext in (".txt", ".yaml"):
            shutil.copyfile(REAL_SOURCES / f"{sid}{ext}", self.root / "sources" / f"{sid}{ext}")

    def write(self, rel: str, content: str | bytes | dict[str, Any]) -> Path:
        """Write a file at ``facts/<rel>`` from text, bytes or a fact dict."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, dict):
            content = fact_yaml(content)
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8"))
        else:
            path.write_bytes(content)
        return path

    def fact(self, kind: str, stem: str, content: str | bytes | dict[str, Any]) -> Path:
        return self.write(f"{KIND_FOLDERS[kind]}/{stem}.yaml", content)

    def era(self, content: str | dict[str, Any] = ERA_TEXT, stem: str = "reset") -> Path:
        return self.fact("era", stem, content)

    def path(self, rel: str) -> Path:
        return self.root / rel

    # -- inspecting ----------------------------------------------------------------
    def hashes(self) -> dict[str, str]:
        """SHA-256 of every file under facts/ (links are hashed as their target path)."""
        out = {}
        for dirpath, _dirs, files in os.walk(self.root):
            for name in files:
                p = Path(dirpath) / name
                key = str(p.relative_to(self.root))
                if p.is_symlink():
                    out[key] = "link:" + os.readlink(p)
                elif not p.is_file():  # a FIFO or device: never opened
                    out[key] = f"special:{p.stat().st_mode}"
                else:
                    out[key] = hashlib.sha256(p.read_bytes()).hexdigest()
        return out



def shoigu_contested(question: str = "When?", field: str | None = None,
                     assessment: str = "") -> str:
    """A ``contested`` block: Iqbal's and Mahajan's real Shoigu quotes as two claims
    ("2014" and "2014-11"), with an optional field and assessment (YAML lines)."""
    head = f"contested:\n  - question: {question}\n"
    if field:
        head += f"    field: {field}\n"
    claims = (f"    claims:\n"
              f"      - value: \"2014\"\n        source: {IQBAL}\n"
              f"        quote: \"{SHOIGU_IQBAL}\"\n"
              f"      - value: \"2014-11\"\n        source: {MAHAJAN}\n"
              f"        quote: \"{SHOIGU_MAHAJAN}\"\n")
    return head + claims + assessment


def minimal_book(base: Path, sources: Sequence[str] = (IQBAL, MAHAJAN)) -> MiniBook:
    """The clean minimal book: one era and one event, every quote real, two sources."""
    book = MiniBook(base, sources)
    book.era()
    book.fact("event", "shoigu-visit", EVENT_TEXT)
    return book


def run_main(capsys: Any, argv: Sequence[str]) -> tuple[int, str, str]:
    """Run ``checks.cli.main`` in-process as a fresh command would (nothing reused from
    earlier runs in this process); return (exit code, stdout, stderr)."""
    import checks.api

    checks.api._LAST.clear()
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


PROBLEM_RE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>BB\d{3}) (?P<msg>.*)$")


@dataclass(frozen=True)
class Reported:
    file: str
    line: int
    col: int
    code: str
    message: str


def parse_problems(out: str) -> list[Reported]:
    """Parse text-format output; every non-empty line must be a problem line."""
    problems = []
    for line in out.splitlines():
        if not line.strip():
            continue
        m = PROBLEM_RE.match(line)
        assert m, f"not a 'path:line:col: CODE message' line: {line!r}"
        problems.append(Reported(m["file"], int(m["line"]), int(m["col"]), m["code"], m["msg"]))
    return problems


# -- real sources without the rest of the book ---------------------------------------
_TEXTS: dict[str, SourceText] = {}


def real_text(sid: str) -> SourceText:
    """The sealed text of one real archived source (loaded once per session)."""
    if sid not in _TEXTS:
        problems: list = []
        source = load_source(str(REAL_SOURCES / f"{sid}.yaml"), str(REAL_SOURCES / f"{sid}.txt"),
                             problems)
        assert source is not None and not problems, problems
        text = load_text(source, problems)
        assert text is not None and not problems, problems
        _TEXTS[sid] = text
    return _TEXTS[sid]


def raw_lines(sid: str) -> list[str]:
    """The raw lines of a real archived text (index 0 is line 1)."""
    return (REAL_SOURCES / f"{sid}.txt").read_text(encoding="utf-8").split("\n")


# -- watching which files are opened -------------------------------------------------
_opened: list[str] | None = None
_hook_lock = threading.Lock()
_hook_installed = False


def _audit(event: str, args: tuple) -> None:
    if _opened is not None and event == "open" and args and isinstance(args[0], (str, bytes)):
        _opened.append(os.fsdecode(args[0]))


@contextmanager
def files_opened() -> Iterator[list[str]]:
    """Record every path opened inside the block (an audit hook, installed once)."""
    global _opened, _hook_installed
    with _hook_lock:
        if not _hook_installed:
            sys.addaudithook(_audit)
            _hook_installed = True
    seen: list[str] = []
    _opened = seen
    try:
        yield seen
    finally:
        _opened = None
