"""The briefing book: render the checked fact files of ``facts/`` as a Sphinx site."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .assets import setup_assets
from .changes import setup_changes
from .config import setup_config
from .contested import setup_contested
from .data import setup_data
from .deferred import setup_deferred
from .domain import setup_domain
from .eras import setup_eras
from .history import setup_history
from .home import setup_home
from .html import setup_html
from .search import setup_search
from .htmlnodes import setup_htmlnodes
from .jsonld import setup_jsonld
from .navigation import setup_navigation
from .pages import setup_pages
from .registers import setup_registers
from .sources import setup_sources
from .stubs import setup_stubs
from .timeline import setup_timeline

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"
ENV_VERSION = 5  # bump when the shape of the domain data changes


def setup(app: Sphinx) -> ExtensionMetadata:
    """Wire every feature of the extension."""
    setup_config(app)
    setup_assets(app)
    setup_htmlnodes(app)
    setup_html(app)
    setup_search(app)
    setup_data(app)
    setup_pages(app)
    setup_deferred(app)
    setup_stubs(app)
    setup_domain(app)
    setup_navigation(app)
    setup_home(app)
    setup_eras(app)
    setup_registers(app)
    setup_contested(app)
    setup_sources(app)
    setup_timeline(app)
    setup_jsonld(app)
    setup_history(app)
    setup_changes(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
