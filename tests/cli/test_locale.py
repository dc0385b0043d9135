"""Output is valid UTF-8 whatever the locale, and --format json is the same data."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.helpers import EVENT_TEXT, REPO, MiniBook

EV = "events/shoigu-visit.yaml"


def _run(book: MiniBook, env_extra: dict[str, str], *argv: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LC_", "LANG", "PYTHONIOENCODING", "PYTHONUTF8"))}
    env.update(PYTHONPATH=str(REPO), BRIEFING_CACHE_DIR=str(book.base / "cache"), **env_extra)
    return subprocess.run([sys.executable, "-m", "checks", "facts", *argv], cwd=book.base,
                          env=env, capture_output=True)


@pytest.mark.parametrize("locale", [{"LC_ALL": "xx_YY.UTF-8"}, {"LC_ALL": "C"},
                                    {"LANG": "en_US.ISO-8859-1"}, {"LC_ALL": "POSIX"},
                                    {"PYTHONIOENCODING": "ascii"}])
@pytest.mark.parametrize("fmt", ["json", "text", "github"])
def test_output_is_utf8_whatever_the_locale(book: MiniBook, locale: dict[str, str],
                                            fmt: str) -> None:
    # a curly apostrophe and a non-Latin name in what is printed
    book.write(EV, EVENT_TEXT.replace("era: reset", "era: \"r\u00e9set\u2019\u0416\""))
    got = _run(book, locale, "--format", fmt, "--no-cache")
    assert got.returncode == 1, got.stderr
    assert b"Traceback" not in got.stderr
    text = got.stdout.decode("utf-8")  # strict: valid UTF-8
    assert "r\u00e9set\u2019\u0416" in text
    if fmt == "json":
        reference = _run(book, {"LC_ALL": "C.UTF-8"}, "--format", "json", "--no-cache")
        assert json.loads(text) == json.loads(reference.stdout.decode("utf-8"))
