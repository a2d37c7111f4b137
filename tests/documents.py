"""Real documents made by the programs that write them, for the format tests: HTML pages
printed to PDF by Chromium (through Playwright, Debian's browser), with running headers
and page numbers as a newspaper's e-paper edition has them."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from app_process import launch_chromium

HEADER = '<div style="font-size:9px;width:100%;text-align:center">The Daily Example</div>'
FOOTER = (
    '<div style="font-size:9px;width:100%;text-align:center">'
    'Page <span class="pageNumber"></span></div>'
)


def article_html(headline: str, byline: str, paragraphs: Sequence[str], columns: int = 1) -> str:
    """A printed news page: a headline across the top, then the story in ``columns``."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<html><head><style>body{font-family:serif;font-size:13px} h1{font-size:30px}"
        f".story{{column-count:{columns};column-gap:36px;text-align:justify}}"
        "p{margin:0 0 10px 0}</style></head><body>"
        f"<h1>{html.escape(headline)}</h1><p><em>{html.escape(byline)}</em></p>"
        f'<div class="story">{body}</div></body></html>'
    )


def print_pdf(page_html: str, out: Path, running_heads: bool = True) -> Path:
    """``page_html`` printed to ``out`` by Chromium (A4), with a running header and page
    numbers when asked."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page()
            page.set_content(page_html, wait_until="load")
            page.pdf(path=str(out), format="A4", display_header_footer=running_heads,
                     header_template=HEADER, footer_template=FOOTER,
                     margin={"top": "25mm", "bottom": "25mm", "left": "18mm",
                             "right": "18mm"})  # fmt: skip
        finally:
            browser.close()
    return out
