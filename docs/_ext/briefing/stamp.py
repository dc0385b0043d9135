"""A build in which nothing changed skips the book.

Every input of the book (the facts folder, the editions folder, the stub pages, the
``briefing_*`` settings and the code of the extension and the checks) is stamped by
path and content (a fast hash of its bytes, never its modification time); the facts
folder is read once, as the check lists and reads it (:func:`checks.api.read_inputs`),
and the build checks those same bytes. After a successful build the stamp is recorded
in the doctree folder with the problems the build reported and the files it published.
The next build compares: when the stamp is the same, the environment is not fresh and
no page is read, the book is not loaded, checked, fingerprinted or published again;
its problems are reported again from the record, as the loaded book would report them.
Any page that still asks for the book (say an edited hand-written page) loads it then.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sphinx.environment import CONFIG_OK
from sphinx.util import logging

import checks
from checks.api import Inputs, read_inputs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

RECORD = "briefing-build.json"
#: bump when the record's shape or the meaning of its stamp changes
VERSION = 3
#: folders below the source folder that the extension writes stub pages into
STUB_FOLDERS: list[str] = ["eras", "sources", "parts"]


@dataclass
class BuildState:
    """This build's stamp, the last build's record, and what this build reported."""

    facts_dir: str
    inputs: str
    record: dict[str, Any] | None
    #: the stamp of the book's own inputs when the build began
    book: str = ""
    #: the facts folder as read for that stamp (the build checks these bytes)
    facts: Inputs | None = None
    unchanged: bool = False
    #: pages read in this build (any page read makes the build a changed one)
    read: bool = False
    #: ``[is_warning, message, location, subtype]`` of each problem reported
    problems: list[list[Any]] = field(default_factory=list)
    #: published files (relative to the output folder) -> ``[size, mtime_ns]``
    outputs: dict[str, list[int]] = field(default_factory=dict)
    #: loading the book lazily in an unchanged build: its problems are not repeated
    quiet: bool = False


_STATES: dict[str, BuildState] = {}


def _tree(folder: str, out: list[str]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        out.append(f"{folder}\0missing")
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name == "__pycache__":
            continue
        if entry.is_dir():
            _tree(entry.path, out)
        else:
            try:
                with open(entry.path, "rb") as fh:
                    digest = hashlib.blake2b(fh.read(), digest_size=16).hexdigest()
            except OSError:
                digest = "unreadable"
            out.append(f"{entry.path}\0{digest}")


def tree_stamp(folders: list[str]) -> str:
    """A digest of the path and content of every file below ``folders`` (hidden
    files and ``__pycache__`` left out). Content, not modification times: a file
    restored with its old time (``tar -x``, ``rsync -a``, ``cp -p``) must never let a
    build skip checking it.

    :param folders: absolute paths (a missing one is part of the stamp)
    """
    lines: list[str] = []
    for folder in folders:
        _tree(folder, lines)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:24]


def _settings(app: Sphinx) -> str:
    values = sorted(
        (name, repr(app.config[name]))
        for name in app.config._options  # noqa: SLF001  (the registered names)
        if name.startswith("briefing_")
    )
    return json.dumps([app.builder.name, str(app.outdir), values])


def _stub_folders(app: Sphinx) -> list[str]:
    return [os.path.join(str(app.srcdir), f) for f in STUB_FOLDERS]


def _code() -> list[str]:
    return [os.path.dirname(os.path.abspath(__file__)),
            os.path.dirname(os.path.abspath(checks.__file__))]


def code_stamp() -> str:
    """The stamp of the extension's and the checks' code."""
    return tree_stamp(_code())


def book_stamp(app: Sphinx, facts: Inputs) -> str:
    """The stamp of the book's own inputs: the facts folder (as the check reads it:
    its key of every listed file's content), the editions folder and the code of the
    extension and the checks."""
    editions = os.path.normpath(
        os.path.join(str(app.confdir), app.config.briefing_editions_dir)
    )
    return hashlib.sha256(
        f"{facts.key}\0{tree_stamp([editions, *_code()])}".encode()
    ).hexdigest()[:24]


def inputs_stamp(app: Sphinx, book: str) -> str:
    """The stamp of everything a build of the book reads besides Sphinx's own pages:
    ``book`` (:func:`book_stamp`), the stub pages and the settings."""
    stubs = tree_stamp(_stub_folders(app))
    settings = hashlib.sha256(_settings(app).encode()).hexdigest()[:16]
    return f"{VERSION}-{book}-{stubs}-{settings}"


def _record_path(app: Sphinx) -> str:
    return os.path.join(str(app.doctreedir), RECORD)


def _read_record(path: str) -> dict[str, Any] | None:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def begin(app: Sphinx, facts_dir: str) -> BuildState:
    """Stamp the inputs and compare them with the last build's record (which is
    removed: a build that fails leaves none, and the next build loads the book)."""
    path = _record_path(app)
    record = _read_record(path)
    if record is not None:
        os.remove(path)
    facts = read_inputs(facts_dir)
    book = book_stamp(app, facts)
    state = BuildState(facts_dir, inputs_stamp(app, book), record, book=book, facts=facts)
    env = app.env
    state.unchanged = (
        record is not None
        and record.get("inputs") == state.inputs
        and bool(env.all_docs)
        and env.config_status == CONFIG_OK
    )
    _STATES[str(app.srcdir)] = state
    return state


def state_of(env: BuildEnvironment) -> BuildState | None:
    return _STATES.get(str(env.srcdir))


def report(
    state: BuildState | None,
    is_warning: bool,
    message: str,
    location: str | None,
    subtype: str,
) -> None:
    """Log one problem of the book (a warning, or info) and record it for the next
    unchanged build; nothing when the book is loaded late in an unchanged build."""
    if state is not None:
        if state.quiet:
            return
        state.problems.append([is_warning, message, location, subtype])
    _log(is_warning, message, location, subtype)


def _log(is_warning: bool, message: str, location: str | None, subtype: str) -> None:
    if is_warning:
        logger.warning(message, location=location, type="briefing", subtype=subtype)
    else:
        logger.info(message, location=location)


def repeat_problems(state: BuildState) -> None:
    """Report the recorded problems of the last build again (an unchanged build)."""
    assert state.record is not None
    for is_warning, message, location, subtype in state.record.get("problems", []):
        state.problems.append([is_warning, message, location, subtype])
        _log(is_warning, message, location, subtype)


def _stat(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def published_current(app: Sphinx) -> bool:
    """In an unchanged build that read no page: are the files the last build
    published still there as it left them? (Then nothing needs publishing.)"""
    state = _STATES.get(str(app.srcdir))
    if state is None or not state.unchanged or state.read or state.record is None:
        return False
    recorded: dict[str, list[int]] = state.record.get("outputs", {})
    out = str(app.outdir)
    if not recorded or any(
        _stat(os.path.join(out, rel)) != stat for rel, stat in recorded.items()
    ):
        return False
    state.outputs = dict(recorded)
    return True


def published_intact(app: Sphinx) -> bool:
    """Are the files the last build published as it left them, written by the same
    code? (Then a publisher whose data is unchanged need not make them again; it
    calls :func:`keep_published`.)"""
    state = _STATES.get(str(app.srcdir))
    if state is None or state.record is None:
        return False
    if state.record.get("code") != code_stamp():
        return False
    recorded: dict[str, list[int]] = state.record.get("outputs", {})
    out = str(app.outdir)
    return bool(recorded) and all(
        _stat(os.path.join(out, rel)) == stat for rel, stat in recorded.items()
    )


def keep_published(app: Sphinx) -> None:
    """Carry the last build's published files over into this build's record."""
    state = _STATES.get(str(app.srcdir))
    if state is not None and state.record is not None:
        for rel, stat in state.record.get("outputs", {}).items():
            state.outputs.setdefault(rel, stat)


def note_published(app: Sphinx, paths: list[str]) -> None:
    """Record files published into the output folder by this build."""
    state = _STATES.get(str(app.srcdir))
    if state is None:
        return
    out = str(app.outdir)
    for path in paths:
        stat = _stat(path)
        if stat is not None:
            state.outputs[os.path.relpath(path, out).replace(os.sep, "/")] = stat


def on_env_before_read_docs(
    app: Sphinx, env: BuildEnvironment, docnames: list[str]
) -> None:
    state = _STATES.get(str(app.srcdir))
    if state is not None and docnames:
        state.read = True


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Record this build's stamp (after the stubs were written), problems and
    published files; a failed build records nothing."""
    state = _STATES.pop(str(app.srcdir), None)
    if state is None or exception is not None:
        return
    data = {
        # the book as this build found it when it began (what it loaded), the stub
        # pages as it left them
        "inputs": inputs_stamp(app, state.book),
        "code": code_stamp(),
        "problems": state.problems,
        "outputs": state.outputs,
    }
    tmp = _record_path(app) + ".tmp"
    os.makedirs(os.path.dirname(tmp), exist_ok=True)
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    os.replace(tmp, _record_path(app))


def setup_stamp(app: Sphinx) -> None:
    """Note pages read; write the record after every other ``build-finished``."""
    app.connect("env-before-read-docs", on_env_before_read_docs)
    app.connect("build-finished", on_build_finished, priority=900)
