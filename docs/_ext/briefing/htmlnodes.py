"""The few HTML elements docutils has no node for: details/summary, and a div or
button whose ``data-*`` attributes the extension sets (never from fact text).

Every builder other than HTML renders their children as plain containers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class details(nodes.General, nodes.Element):
    """``<details>``: its first child should be a :class:`summary`."""


class summary(nodes.General, nodes.TextElement):
    """``<summary>``: the always-visible label of a :class:`details`."""


class data_div(nodes.General, nodes.Element):
    """``<div>`` with ``data-*`` attributes (``node["data"]``: name to value)."""


def _attrs(node: nodes.Element) -> dict[str, Any]:
    out: dict[str, Any] = {}
    data: dict[str, str] = node.get("data", {})
    for key, value in data.items():
        out[f"data-{key}"] = value
    return out


def visit_details(self: HTML5Translator, node: details) -> None:
    attrs: dict[str, Any] = {}
    if node.get("open"):
        attrs["open"] = "open"
    self.body.append(self.starttag(node, "details", "", **attrs))


def depart_details(self: HTML5Translator, node: details) -> None:
    self.body.append("</details>\n")


def visit_summary(self: HTML5Translator, node: summary) -> None:
    self.body.append(self.starttag(node, "summary", ""))


def depart_summary(self: HTML5Translator, node: summary) -> None:
    self.body.append("</summary>\n")


def visit_data_div(self: HTML5Translator, node: data_div) -> None:
    self.body.append(self.starttag(node, "div", "", **_attrs(node)))


def depart_data_div(self: HTML5Translator, node: data_div) -> None:
    self.body.append("</div>\n")


def _skip(self: Any, node: nodes.Element) -> None:
    pass


def setup_htmlnodes(app: Sphinx) -> None:
    """Register the nodes; non-HTML builders show only their children."""
    skip = (_skip, _skip)
    for node, visit, depart in (
        (details, visit_details, depart_details),
        (summary, visit_summary, depart_summary),
        (data_div, visit_data_div, depart_data_div),
    ):
        app.add_node(
            node,
            html=(visit, depart),
            latex=skip,
            text=skip,
            man=skip,
            texinfo=skip,
        )
