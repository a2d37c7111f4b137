"""Plain text and metadata from an HTML page, with scripts, styles and markup dropped.

Built on the standard library's tolerant parser: broken markup still yields its text,
and nothing in the page is ever executed or kept as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "head"}
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "figure", "figcaption",
    "hr", "dd", "dt", "main", "aside", "nav",
}  # fmt: skip
_META_KEYS = {
    "og:title": "title",
    "twitter:title": "title",
    "article:published_time": "date",
    "date": "date",
    "pubdate": "date",
    "dc.date": "date",
    "og:site_name": "source",
    "author": "byline",
    "og:url": "url",
}


@dataclass
class HtmlDocument:
    """What a page says about itself, and its visible text."""

    text: str = ""
    meta: dict[str, str] = field(default_factory=dict)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip_depth = 0
        self._in_title = False
        self._in_h1 = False
        self._title: list[str] = []
        self._h1: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key in _META_KEYS and values.get("content"):
                self.meta.setdefault(_META_KEYS[key], values["content"].strip())
        elif tag == "link" and values.get("rel", "").lower() == "canonical" and values.get("href"):
            self.meta.setdefault("url", values["href"].strip())
        elif tag == "time" and values.get("datetime"):
            self.meta.setdefault("date", values["datetime"].strip())
        if tag == "title":
            self._in_title = True
        elif tag == "h1":
            self._in_h1 = True
        if tag in _SKIP:
            self._skip_depth += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "h1":
            self._in_h1 = False
        if tag in _SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:  # a self-closed <script/> opens nothing
            return
        self.handle_starttag(tag, attrs)
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
            return
        if self._skip_depth:
            return
        if self._in_h1:
            self._h1.append(data)
        self.parts.append(data)

    def result(self) -> HtmlDocument:
        title = " ".join("".join(self._title).split())
        h1 = " ".join("".join(self._h1).split())
        meta = dict(self.meta)
        if h1:
            meta.setdefault("title", h1)
        if title:
            meta.setdefault("title", title)
        return HtmlDocument(text=_tidy("".join(self.parts)), meta=meta)


def _tidy(text: str) -> str:
    """Fold runs of spaces inside lines and keep one blank line between blocks."""
    blocks = []
    for block in text.split("\n\n"):
        line = " ".join(block.split())
        if line:
            blocks.append(line)
    return "\n\n".join(blocks)


def html_to_document(markup: str) -> HtmlDocument:
    """Visible text (paragraphs separated by blank lines) and the page's metadata."""
    parser = _Extractor()
    parser.feed(markup)
    parser.close()
    return parser.result()
