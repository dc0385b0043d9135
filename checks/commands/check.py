"""``briefing check``: verify every fact (the same as ``python -m checks``)."""

from __future__ import annotations

import argparse

from .. import cli

HELP = "verify every fact's quotes against the archived sources"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    cli.add_arguments(parser)


def main(args: argparse.Namespace) -> int:
    return cli.execute(args)
