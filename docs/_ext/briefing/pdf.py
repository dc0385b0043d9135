"""Print the book to PDF: Sphinx's ``singlehtml`` build of the whole book, printed by
Debian's Chromium through Playwright (the same browser the tests drive, so CI installs
nothing more).

``python docs/_ext/briefing/pdf.py <singlehtml folder> <output.pdf>``. The print
stylesheet in ``static/briefing.css`` drops the navigation, the controls and the
timeline (the eras give the same facts in order) and keeps each quote with its
attribution.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#444">'
    '<span class="title"></span> · <span class="pageNumber"></span> / '
    '<span class="totalPages"></span></div>'
)


def print_pdf(folder: Path, out: Path) -> None:
    """Print ``folder/index.html`` (a singlehtml build) to ``out``, atomically.

    :param folder: the singlehtml output folder
    :param out: the PDF to write (replaced only once the new one is complete)
    """
    from playwright.sync_api import sync_playwright

    index = (folder / "index.html").resolve()
    if not index.is_file():
        raise FileNotFoundError(f"{index}: build the book with -b singlehtml first")
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".pdf", dir=out.parent)
    os.close(fd)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.goto(index.as_uri(), wait_until="load")
            page.emulate_media(media="print", color_scheme="light")
            page.pdf(
                path=tmp,
                format="A4",
                print_background=True,
                margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                display_header_footer=True,
                header_template="<div></div>",
                footer_template=FOOTER,
                outline=True,
                tagged=True,
            )
            browser.close()
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def main(argv: list[str]) -> int:
    """Command line: ``pdf.py <singlehtml folder> <output.pdf>``."""
    if len(argv) != 2:
        print("usage: pdf.py <singlehtml folder> <output.pdf>", file=sys.stderr)
        return 2
    try:
        print_pdf(Path(argv[0]), Path(argv[1]))
    except FileNotFoundError as exc:
        print(f"pdf: {exc}", file=sys.stderr)
        return 2
    print(f"pdf: wrote {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
