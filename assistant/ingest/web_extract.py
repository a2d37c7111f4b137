"""Main text and metadata of a news page: trafilatura, htmldate and a few generic rules.

trafilatura (precision mode, no comments) finds the article body and the metadata; the rules
below fix what it most often gets wrong on real news pages (figures in
benchmarks/extraction.py):

- the lead (standfirst) often sits outside the body container: it is put back when the
  page's own description starts like a visible element of the page;
- a block that is nothing but a link to another page, or a short label and a link
  ("Read also: ..."), is a teaser, not article text;
- follow/share, newsletter, contact, photo-credit, ad-label and agency-signature lines, and
  a "see also" list at the end, are boilerplate in any language;
- the date is the one printed under the headline (31.12.2020 or 2020-12-31), else a
  microdata ``datePublished``, else htmldate's original date with the URL date only as a
  last resort (a URL often keeps the date the story was first drafted).

Nothing in the page is executed and the text is plain text, so no markup from the page
survives. When trafilatura cannot read a page, the hand-written visible-text extractor
(:func:`assistant.ingest.html_text.html_to_document`) is used instead.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from assistant.ingest.html_text import html_to_document

# trafilatura and htmldate log every page they discard or find no date in; keep that noise
# out of our logs without touching the global logging configuration.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_WS = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "title", "meta", "link"}
# htmldate: the original (not the last-modified) date, the URL's date only when nothing
# in the page gives one
_DATE_PARAMS = {"original_date": True, "extensive_search": True, "deferred_url_extractor": True}


@dataclass(frozen=True)
class ExtractedPage:
    """What an article page says: its main text and its metadata."""

    text: str  # main text only, paragraphs separated by one blank line
    title: str = ""
    author: str = ""
    date: str = ""  # ISO yyyy-mm-dd, or "" when unknown
    sitename: str = ""
    url: str = ""  # canonical URL if the page gives one, else the url passed in


def extract_page(markup: str, url: str = "") -> ExtractedPage:
    """Main text and metadata of an HTML page; never raises.

    ``url`` is where the page was fetched from (it helps the date and the canonical URL).
    A page trafilatura cannot read gets the hand-written extractor's visible text.
    """
    try:
        page = _extract(markup, url)
    except Exception:  # a broken page must never break ingest
        page = None
    return page if page is not None else _fallback(markup, url)


def _extract(markup: str, url: str) -> ExtractedPage | None:
    if not isinstance(markup, str) or not markup.strip():
        return None
    import trafilatura  # with lxml, htmldate and dateparser: loaded with the first page
    from trafilatura.settings import Document

    tree = trafilatura.load_html(markup)
    if tree is None:
        return None
    doc = trafilatura.bare_extraction(
        markup,  # parsed again: trafilatura prunes the tree it works on
        url=url or None,
        favor_precision=True,  # fewer teasers and bios; the lead rule recovers the lead
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    if not isinstance(doc, Document) or doc.body is None:
        return None
    paragraphs = _paragraphs(doc.body)
    lead = _lead(tree, paragraphs)
    if lead:
        paragraphs.insert(0, lead)
    own_urls = {u for u in (url, doc.url or "") if u}
    paragraphs = _drop_boilerplate(paragraphs, _link_texts(tree, own_urls))
    title = _clean(doc.title)
    if len(paragraphs) > 1 and title and _norm(paragraphs[0]) == _norm(title):
        paragraphs = paragraphs[1:]  # the headline is the title, not the first paragraph
    if not paragraphs:
        return None
    return ExtractedPage(
        text="\n\n".join(paragraphs),
        title=title,
        author=_clean(doc.author).strip("'\" "),
        date=_dateline(tree) or _microdata_date(tree) or _iso_day(doc.date or ""),
        sitename=_clean(doc.sitename),
        url=_clean(doc.url) or url,
    )


def _fallback(markup: str, url: str) -> ExtractedPage:
    """The hand-written visible-text extractor, for pages trafilatura cannot read."""
    try:
        document = html_to_document(markup if isinstance(markup, str) else "")
    except Exception:
        return ExtractedPage(text="", url=url)
    meta = document.meta
    return ExtractedPage(
        text=_CONTROL.sub("", document.text),
        title=meta.get("title", ""),
        author=meta.get("byline", ""),
        date=_iso_day(meta.get("date", "")),
        sitename=meta.get("source", ""),
        url=meta.get("url", "") or url,
    )


def _clean(value: str | None) -> str:
    return _WS.sub(" ", value or "").strip()


def _norm(text: str) -> str:
    """Whitespace-folded NFC text, to compare the page's text with the extracted text."""
    return unicodedata.normalize("NFC", _WS.sub(" ", text).strip())


# --- text ---------------------------------------------------------------------------


def _paragraphs(body: Any) -> list[str]:
    """trafilatura's body as plain-text paragraphs.

    The source's own line wrapping is folded first, so that a line break left in the
    output is a block (or ``<br>``) boundary and a paragraph is judged as a whole.
    """
    for element in body.iter():
        if element.text:
            element.text = _WS.sub(" ", element.text)
        if element.tail:
            element.tail = _WS.sub(" ", element.tail)
    from trafilatura.xml import xmltotxt

    return [line.strip() for line in xmltotxt(body, False).split("\n") if line.strip()]


def _descriptions(tree: Any) -> list[str]:
    found: list[str] = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in ("description", "og:description", "twitter:description"):
            value = _norm(meta.get("content") or "")
            if len(value) >= 40 and value not in found:
                found.append(value)
    return found


def _lead(tree: Any, paragraphs: list[str]) -> str:
    """The standfirst, when the page describes itself with it but trafilatura left it out.

    News pages often put the lead in the header, outside the container trafilatura keeps.
    The page's description usually repeats it: a visible element (not a link, list item,
    caption or navigation) whose text starts like the description is the lead.
    """
    body = tree.find(".//body")
    descriptions = _descriptions(tree)
    if body is None or not descriptions:
        return ""
    have = _norm(" ".join(paragraphs))
    if any(description[:60] in have for description in descriptions):
        return ""
    for description in descriptions:
        lead = _visible_lead(body, description)
        if lead:
            return lead
    return ""


_NOT_LEAD = {"a", "li", "figure", "figcaption", "button", "nav", "aside", "footer"}


def _visible_lead(body: Any, description: str) -> str:
    """Text of the smallest visible element that starts like ``description``, or ""."""
    probe, head = description[:60], description[:20]
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in _SKIP_TAGS:
            continue
        own = _norm(element.text or "")
        if not (own.startswith(head) or (len(own) >= 8 and probe.startswith(own))):
            continue
        if element.tag in _NOT_LEAD or any(a.tag in _NOT_LEAD for a in element.iterancestors()):
            continue
        node = element
        for _ in range(4):  # the text may start in an inline child (<strong>) of the lead
            if node is None or node.tag == "body":
                break
            text = _norm(node.text_content())
            if text.startswith(probe):
                if len(text) <= 2 * len(description) + 200:
                    return text
                # a container holding the lead and more: the description is the lead
                if description in text and not description.endswith(("…", "...")):
                    return description
                break
            node = node.getparent()
    return ""


def _link_texts(tree: Any, own_urls: set[str]) -> set[str]:
    """Texts of links to other pages (not in-page anchors, not the page itself)."""
    own = {u.rstrip("/") for u in own_urls}
    texts: set[str] = set()
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")) or href.rstrip("/") in own:
            continue
        text = _norm(anchor.text_content())
        if len(text) >= 12:
            texts.add(text)
    return texts


_LABEL_MAX = 40  # "Read also:", "Lesen Sie hier:", "PUEDES VER:" ...


def _is_teaser(paragraph: str, links: set[str]) -> bool:
    """Only a link to another page, or a short label and then such a link."""
    text = _norm(paragraph).lstrip("-–•>» ")
    if len(text) < 12:
        return False
    for start in [0, *(i + 1 for i, c in enumerate(text[: _LABEL_MAX + 1]) if c == " ")]:
        link = text[start:]
        if link in links:
            label = text[:start].strip()
            if not label or len(link) >= len(text) / 2 or label.endswith(":"):
                return True
    return False


_SOCIAL = re.compile(
    r"\b(facebook|twitter|instagram|telegram|whatsapp|youtube|tiktok|linkedin|pinterest)\b", re.I
)
_FOLLOW = re.compile(
    r"follow|share|folg|teilen|síg|sigue|suivez|partag|segui|condivid|compart|obserwuj|udostępnij",
    re.I,
)
_SIGNUP = re.compile(r"sign up|subscribe|suscrib|abonn|inscreva|iscriviti|anmelden|zapisz", re.I)
_NEWSLETTER = re.compile(r"newsletter|by e-?mail|por e-?mail|per e-?mail|inbox|boletín", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_DISCLOSURE = re.compile(r"advertis\w*.*\b(compensation|commission)\b", re.I)
_CREDIT_START = re.compile(
    r"^[(\[]?\s*(?:(?:photos?|fotos?|credits?|crédits?(?: photos?)?|bild(?:er)?|image|imagen"
    r"|picture|copyright)\s*[:.]|fot\.|©)",
    re.I,
)
_CREDIT_END = re.compile(
    r"\((?:photo|foto|fot\.|credit|crédit|bild|imagen|image)\s*:[^()]{1,120}\)\.?$", re.I
)
_AD_OR_COUNTER = re.compile(
    r"^(advertisement|anzeige|werbung|publicidad|publicité|publicidade|pubblicità|reklama)$"
    r"|^\d+(/\d+)?$",
    re.I,
)
_SIGNATURE = re.compile(r"^[\w.]{1,12}(/[\w.]{1,12})+$")  # dpa/lnw, aja/PAP
_SEE_ALSO = re.compile(
    r"^(see also|related( (stories|articles|content|news))?|read more|more on this( story)?"
    r"|siehe auch|mehr zum thema|lesen sie auch|das könnte sie auch interessieren"
    r"|voir aussi|à lire aussi|lire aussi|sur le même sujet|leia também|veja também"
    r"|lea también|te puede interesar|le puede interesar|noticias relacionadas|más noticias"
    r"|czytaj także|czytaj też|zobacz też|leggi anche|potrebbe interessarti)\s*:?$",
    re.I,
)


def _follow_line(text: str) -> bool:
    """ "Follow us on Facebook, X and Instagram": networks named with a call to follow or
    share, or a short line made mostly of their names; a news paragraph about two
    networks ("Facebook and Instagram were down for six hours") is kept."""
    names = _SOCIAL.findall(text)
    if len({name.lower() for name in names}) < 2:
        return False
    return bool(_FOLLOW.search(text)) or sum(map(len, names)) >= 0.3 * len(text)


def _is_boilerplate(paragraph: str) -> bool:
    """Follow/share, sign-up, contact, disclosure, credit, ad-label and signature lines."""
    text = _norm(paragraph)
    if len(text) <= 300:
        if _follow_line(text):
            return True
        if len(text) <= 200 and (
            (_SIGNUP.search(text) and _NEWSLETTER.search(text)) or _EMAIL.search(text)
        ):
            return True
        if _DISCLOSURE.search(text):
            return True
    if len(text) <= 120 and _CREDIT_START.match(text):
        return True
    if len(text) <= 250 and _CREDIT_END.search(text):
        return True
    return len(text) <= 25 and bool(_AD_OR_COUNTER.match(text) or _SIGNATURE.match(text))


def _drop_boilerplate(paragraphs: list[str], links: set[str]) -> list[str]:
    kept = [p for p in paragraphs if not _is_teaser(p, links) and not _is_boilerplate(p)]
    # a "see also" label in the second half starts the related-links block: cut it off
    for index, paragraph in enumerate(kept):
        if index >= len(kept) / 2 and _SEE_ALSO.match(_norm(paragraph)):
            return kept[:index]
    return kept


# --- date -----------------------------------------------------------------------------

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


def _iso_day(value: str) -> str:
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
            title = _norm(meta.get("content") or "")
            break
    if not title:
        element = tree.find(".//title")
        title = _norm(element.text_content()) if element is not None else ""
    words = set(title.casefold().split())
    best, best_score = None, -1.0
    for h1 in tree.iter("h1"):
        h1_words = set(_norm(h1.text_content()).casefold().split())
        if h1_words:
            score = len(h1_words & words) / len(h1_words)
            if score > best_score:
                best, best_score = h1, score
    return best


def _dateline(tree: Any, texts: int = 12, max_len: int = 60) -> str:
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
        elif not isinstance(element.tag, str) or element.tag in _SKIP_TAGS:
            parts = [element.tail]  # comments, scripts: only the text after them
        else:
            parts = [element.text, element.tail]
        for part in parts:
            text = _clean(part)
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


def _microdata_date(tree: Any) -> str:
    """``itemprop="datePublished"`` on a visible element (htmldate reads it on meta only)."""
    for element in tree.iterfind(".//*[@itemprop]"):
        if element.tag != "meta" and element.get("itemprop", "").lower() == "datepublished":
            found = _iso_day(element.get("content") or element.get("datetime") or "")
            if found:
                return found
    return ""
