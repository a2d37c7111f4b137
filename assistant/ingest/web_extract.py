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

import logging
import re
from dataclasses import dataclass
from typing import Any

from assistant.ingest.html_text import html_to_document
from assistant.ingest.page_dates import (
    SKIP_TAGS,
    WS,
    clean,
    dateline,
    iso_day,
    microdata_date,
    norm,
)

# trafilatura and htmldate log every page they discard or find no date in; keep that noise
# out of our logs without touching the global logging configuration.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
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
    title = clean(doc.title)
    if len(paragraphs) > 1 and title and norm(paragraphs[0]) == norm(title):
        paragraphs = paragraphs[1:]  # the headline is the title, not the first paragraph
    if not paragraphs:
        return None
    return ExtractedPage(
        text="\n\n".join(paragraphs),
        title=title,
        author=clean(doc.author).strip("'\" "),
        date=dateline(tree) or microdata_date(tree) or iso_day(doc.date or ""),
        sitename=clean(doc.sitename),
        url=clean(doc.url) or url,
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
        date=iso_day(meta.get("date", "")),
        sitename=meta.get("source", ""),
        url=meta.get("url", "") or url,
    )


def _paragraphs(body: Any) -> list[str]:
    """trafilatura's body as plain-text paragraphs.

    The source's own line wrapping is folded first, so that a line break left in the
    output is a block (or ``<br>``) boundary and a paragraph is judged as a whole.
    """
    for element in body.iter():
        if element.text:
            element.text = WS.sub(" ", element.text)
        if element.tail:
            element.tail = WS.sub(" ", element.tail)
    from trafilatura.xml import xmltotxt

    return [line.strip() for line in xmltotxt(body, False).split("\n") if line.strip()]


def _descriptions(tree: Any) -> list[str]:
    found: list[str] = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in ("description", "og:description", "twitter:description"):
            value = norm(meta.get("content") or "")
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
    have = norm(" ".join(paragraphs))
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
        if not isinstance(element.tag, str) or element.tag in SKIP_TAGS:
            continue
        own = norm(element.text or "")
        if not (own.startswith(head) or (len(own) >= 8 and probe.startswith(own))):
            continue
        if element.tag in _NOT_LEAD or any(a.tag in _NOT_LEAD for a in element.iterancestors()):
            continue
        node = element
        for _ in range(4):  # the text may start in an inline child (<strong>) of the lead
            if node is None or node.tag == "body":
                break
            text = norm(node.text_content())
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
        text = norm(anchor.text_content())
        if len(text) >= 12:
            texts.add(text)
    return texts


_LABEL_MAX = 40  # "Read also:", "Lesen Sie hier:", "PUEDES VER:" ...


def _is_teaser(paragraph: str, links: set[str]) -> bool:
    """Only a link to another page, or a short label and then such a link."""
    text = norm(paragraph).lstrip("-–•>» ")
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
    text = norm(paragraph)
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
        if index >= len(kept) / 2 and _SEE_ALSO.match(norm(paragraph)):
            return kept[:index]
    return kept
