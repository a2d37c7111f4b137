"""The day a news page was published, as its readers see it, and the whitespace rules the
page's text and dates share.

The date printed under the headline (31.12.2020 or 2020-12-31) comes first, then a
visible microdata ``datePublished``; ``web_extract`` falls back to htmldate after them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

WS = re.compile(r"\s+")
SKIP_TAGS = {"script", "style", "noscript", "template", "head", "title", "meta", "link"}


def clean(value: str | None) -> str:
    return WS.sub(" ", value or "").strip()


def norm(text: str) -> str:
    """Whitespace-folded NFC text, to compare the page's text with the extracted text."""
    return unicodedata.normalize("NFC", WS.sub(" ", text).strip())


_ISO = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_VISIBLE_DATE = re.compile(
    r"(?<![\d.])(?:(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})|((?:19|20)\d{2})-(\d{2})-(\d{2}))"
    r"(?!\d)"
)


def _day(year: int, month: int, day: int) -> str:
    """``yyyy-mm-dd`` for a real calendar day from 1990 up to tomorrow, else ""."""
    try:
        found = dt.date(year, month, day)
    except ValueError:
        return ""
    latest = dt.date.today() + dt.timedelta(days=1)
    return found.isoformat() if dt.date(1990, 1, 1) <= found <= latest else ""


def iso_day(value: str) -> str:
    """``yyyy-mm-dd`` from an ISO-like date string, or "" when it is not one."""
    match = _ISO.match(value or "")
    return _day(*(int(group) for group in match.groups())) if match else ""


def _headline(tree: Any) -> Any:
    """The ``<h1>`` that best matches the page's title (a logo is an h1 on some sites)."""
    title = ""
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in (
            "og:title",
            "twitter:title",
        ):
            title = norm(meta.get("content") or "")
            break
    if not title:
        element = tree.find(".//title")
        title = norm(element.text_content()) if element is not None else ""
    words = set(title.casefold().split())
    best, best_score = None, -1.0
    for h1 in tree.iter("h1"):
        h1_words = set(norm(h1.text_content()).casefold().split())
        if h1_words:
            score = len(h1_words & words) / len(h1_words)
            if score > best_score:
                best, best_score = h1, score
    return best


def dateline(tree: Any, texts: int = 12, max_len: int = 60) -> str:
    """An unambiguous date in a short line just under the headline, or "".

    That is the date readers see; a page's metadata often holds the last change or the
    time it was cached instead. Only the first ``texts`` text nodes after the headline
    count, and only short ones (a dateline, not a sentence of the story).
    """
    headline = _headline(tree)
    if headline is None:
        return ""
    seen = 0
    started = False
    for element in tree.iter():
        if element is headline:
            started = True
            parts = [element.tail]
        elif not started:
            continue
        elif not isinstance(element.tag, str) or element.tag in SKIP_TAGS:
            parts = [element.tail]  # comments, scripts: only the text after them
        else:
            parts = [element.text, element.tail]
        for part in parts:
            text = clean(part)
            if not text:
                continue
            seen += 1
            if seen > texts:
                return ""
            match = _VISIBLE_DATE.search(text) if len(text) <= max_len else None
            if match:
                day, month, year, iso_year, iso_month, iso_day = match.groups()
                if day:
                    return _day(int(year), int(month), int(day))
                return _day(int(iso_year), int(iso_month), int(iso_day))
    return ""


def microdata_date(tree: Any) -> str:
    """``itemprop="datePublished"`` on a visible element (htmldate reads it on meta only)."""
    for element in tree.iterfind(".//*[@itemprop]"):
        if element.tag != "meta" and element.get("itemprop", "").lower() == "datepublished":
            found = iso_day(element.get("content") or element.get("datetime") or "")
            if found:
                return found
    return ""
