#!/usr/bin/env python3
# /// script
# dependencies = ["nox==2026.10.20"]
# ///
"""Build, validate and test the briefing book.

Quick start on a machine with only Python: ``python noxfile.py -s docs`` and
``python noxfile.py -s tests``. Run as a script, this file bootstraps a pinned nox
into ``.nox/_bootstrap`` the first time.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

NOX_VERSION = "2026.10.20"
HERE = os.path.dirname(os.path.abspath(__file__))


def _bootstrap() -> None:
    """Re-run this file under a private venv that has the pinned nox."""
    venv = os.path.join(HERE, ".nox", "_bootstrap")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", f"nox=={NOX_VERSION}"], check=True)
    os.execv(python, [python, os.path.abspath(__file__), *sys.argv[1:]])


if __name__ == "__main__":
    try:
        import nox
    except ModuleNotFoundError:
        _bootstrap()
    import nox

    nox.main()

import nox  # noqa: E402

nox.needs_version = ">=2024.3.2"
nox.options.default_venv_backend = "venv"
nox.options.sessions = ["check", "lint", "typecheck", "docs", "tests"]
# Reuse each session's virtualenv; _install reinstalls only when pyproject.toml changed
# (`nox --no-reuse-existing-virtualenvs` or deleting .nox/ makes fresh ones).
nox.options.reuse_venv = "yes"

PYPROJECT = nox.project.load_toml("pyproject.toml")
DOCS_OUT = "docs/_build/html"
SPHINX_FLAGS = ["-W", "--keep-going", "-n", "-E", "-b", "html"]


def _install(session: nox.Session, *extras: str, groups: tuple[str, ...] = ()) -> None:
    """Install the project (editable) with its pinned extras and dependency groups.

    A reused virtualenv is left as it is when it was set up from the same pyproject.toml
    for the same extras and groups (a stamp file in the venv records a digest of both):
    the edit loop then starts in well under a second instead of re-running pip. Any
    change to pyproject.toml (a pin, an extra, a group) reinstalls.
    """
    with open(os.path.join(HERE, "pyproject.toml"), "rb") as fh:
        key = hashlib.sha256(fh.read() + repr((extras, groups)).encode()).hexdigest()
    location = getattr(session.virtualenv, "location", None)
    stamp = os.path.join(location, ".briefing-installed") if location else None
    if stamp and os.path.exists(stamp):
        with open(stamp, encoding="utf-8") as fh:
            if fh.read() == key:
                session.log("pinned dependencies unchanged since this venv was set up: "
                            "not reinstalling")
                return
    target = f".[{','.join(extras)}]" if extras else "."
    session.install("-e", target)
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))
    if stamp:
        with open(stamp, "w", encoding="utf-8") as fh:
            fh.write(key)


@nox.session
def check(session: nox.Session) -> None:
    """Verify every fact against the archived sources (python -m checks)."""
    _install(session, "sources")
    session.run("python", "-m", "checks", "facts", *session.posargs)
    session.run("python", "-m", "checks.schema", "--check")
    session.run("briefing", "source", "verify", "--facts", "facts")


@nox.session
def lint(session: nox.Session) -> None:
    """Lint the Python code (ruff, pinned)."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", "checks", "docs/_ext", "tests", "bench", "noxfile.py",
                *session.posargs)


@nox.session
def typecheck(session: nox.Session) -> None:
    """Type-check the checks and the Sphinx extension (mypy --strict, pinned)."""
    _install(session, "docs", "sources", "pdf", groups=("typecheck",))
    session.run("mypy", *session.posargs)


@nox.session
def coverage(session: nox.Session) -> None:
    """List source sentences with dates or numbers that no fact cites."""
    _install(session)
    session.run("python", "-m", "checks.coverage", "facts", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Check the facts, then build the book with -W (fails on any unverified fact)."""
    _install(session, "docs")
    session.run("python", "-m", "checks", "facts")
    session.run("sphinx-build", *SPHINX_FLAGS, "docs", DOCS_OUT, *session.posargs)
    session.log(f"open {DOCS_OUT}/index.html")


@nox.session(default=False)
def pdf(session: nox.Session) -> None:
    """Print the whole book to docs/_build/html/briefing-book.pdf (singlehtml build,
    printed by Debian's Chromium), then rebuild the HTML so the home page links it."""
    _install(session, "docs", "pdf")
    if not os.path.exists("/usr/bin/chromium"):
        session.run("bash", ".ci/install-system-deps", external=True)
    session.run("python", "-m", "checks", "facts")
    single = "docs/_build/singlehtml"
    session.run("sphinx-build", "-W", "--keep-going", "-n", "-E", "-b", "singlehtml",
                "docs", single)
    session.run("python", "docs/_ext/briefing/pdf.py", single,
                f"{DOCS_OUT}/briefing-book.pdf")
    session.run("sphinx-build", "-W", "--keep-going", "-n", "-b", "html", "docs", DOCS_OUT)
    session.log(f"open {DOCS_OUT}/briefing-book.pdf")


@nox.session(default=False)
def serve(session: nox.Session) -> None:
    """Live preview: rebuild as a fact file is saved (sphinx-autobuild)."""
    _install(session, "docs", groups=("serve",))
    session.run("sphinx-autobuild", "--watch", "facts", "--watch", "docs/_ext",
                "--ignore", "docs/eras/*", "--ignore", "docs/sources/*",
                "docs", DOCS_OUT, *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (unit, CLI, property, Sphinx and browser tests)."""
    _install(session, "docs", "sources", groups=("test",))
    if not os.path.exists("/usr/bin/chromium"):
        session.run("bash", ".ci/install-system-deps", external=True)
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Benchmark the checks and the Sphinx build on synthetic books, with floors and
    sphinx-needs on the same facts (e.g. ``-- --sphinx-sizes 1000,5000,10000``)."""
    _install(session, "docs", groups=("bench",))
    session.run("python", "bench/run.py", *session.posargs)
