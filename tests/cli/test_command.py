"""The ``briefing`` command: subcommands dispatch, usage errors exit 2."""

from __future__ import annotations

from checks.commands import main
from tests.helpers import MiniBook


def test_check_subcommand_is_the_check(book: MiniBook, capsys) -> None:
    assert main(["check", "facts"]) == 0
    assert "0 errors" in capsys.readouterr().err
    book.write("events/shoigu-visit.yaml", "id: [")
    assert main(["check", "facts", "--no-cache"]) == 1
    assert "BB103" in capsys.readouterr().out


def test_unknown_subcommand_and_missing_one_are_usage_errors(capsys) -> None:
    assert main(["bogus"]) == 2
    assert main([]) == 2
    assert "usage: briefing" in capsys.readouterr().err


def test_help_lists_subcommands(capsys) -> None:
    assert main(["--help"]) == 0
    assert "check" in capsys.readouterr().out
