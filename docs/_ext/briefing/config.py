"""The ``briefing_*`` configuration values, validated once into a dataclass."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError

from checks.cache import CacheLocationError, cache_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


@dataclass(frozen=True)
class BriefingConfig:
    """The extension's settings, checked and with absolute paths."""

    facts_dir: str
    strict: bool
    json_name: str
    generate_stubs: bool


def read_config(app: Sphinx) -> BriefingConfig:
    """Validate the ``briefing_*`` values of ``app.config``.

    :param app: the Sphinx application
    """
    cfg = app.config
    facts = os.path.normpath(os.path.join(str(app.confdir), cfg.briefing_facts_dir))
    if not os.path.isdir(facts):
        raise ConfigError(f"briefing_facts_dir: {facts} is not a folder")
    try:
        cache_file(facts)
    except CacheLocationError as exc:
        raise ConfigError(f"briefing: {exc}") from None
    name = cfg.briefing_json
    if name and (os.sep in name or "/" in name or not name.endswith(".json")):
        raise ConfigError(
            f"briefing_json: '{name}' must be a plain file name ending in .json"
        )
    return BriefingConfig(
        facts, bool(cfg.briefing_strict), name, bool(cfg.briefing_stubs)
    )


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Fail early on a bad value."""
    read_config(app)


def setup_config(app: Sphinx) -> None:
    """Register the ``briefing_*`` configuration values."""
    app.add_config_value(
        "briefing_facts_dir",
        "../facts",
        "env",
        types=frozenset({str}),
        description="the facts/ folder, relative to the folder of conf.py",
    )
    app.add_config_value(
        "briefing_strict",
        False,
        "env",
        types=frozenset({bool}),
        description="log warning-level problems (single source...) as warnings",
    )
    app.add_config_value(
        "briefing_json",
        "facts.json",
        "html",
        types=frozenset({str}),
        description="file name of the JSON export in the HTML output ('' = none)",
    )
    app.add_config_value(
        "briefing_stubs",
        True,
        "env",
        types=frozenset({bool}),
        description="write the eras/ and sources/ stub pages at builder-inited",
    )
    app.add_config_value(
        "briefing_sidebar_sources",
        20,
        "env",
        types=frozenset({int}),
        description="list source pages in the navigation up to this many sources",
    )
    app.add_config_value(
        "briefing_era_page_facts",
        200,
        "env",
        types=frozenset({int}),
        description="an era with more facts gets one page per year (0: never split)",
    )
    app.add_config_value(
        "briefing_list_page_entries",
        500,
        "env",
        types=frozenset({int}),
        description="a register or the What changed list with more entries gets one "
        "page per era (0: never split)",
    )
    app.connect("config-inited", on_config_inited)
