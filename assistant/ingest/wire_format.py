"""Wire-service XML as IPTC specifies it: NITF 3.x and NewsML-G2 news items.

NITF (``<nitf><head>...<body><body.head><hedline><hl1>``): the headline, byline,
dateline, the issue date (``date.issue@norm``), the copyright holder or publisher as
source, the place (``location``), and the paragraphs of ``body.content``. NewsML-G2
(``newsItem``, alone or in a ``newsMessage``): ``contentMeta``'s headline, by-line,
dateline, located and creditline, ``itemMeta``'s or ``contentMeta``'s dates, and the
text of ``contentSet`` (inline NITF or XHTML, or plain text). A ``.xml`` file is read as
whichever of the two its root element names.

XML is parsed by defusedxml: a document with entity declarations (billion laughs, an
external entity reaching for a file or URL) is refused, nothing is fetched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from assistant.ingest.decoding import Unreadable
from assistant.ingest.documents import Record
from assistant.records import Problem

_NORM_DATE = re.compile(r"^(\d{4})-?(\d\d)-?(\d\d)")


def _local(tag: Any) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _all(root: Element, name: str) -> list[Element]:
    return [e for e in root.iter() if _local(e.tag) == name]


def _first(root: Element, *names: str) -> Element | None:
    for name in names:
        if found := _all(root, name):
            return found[0]
    return None


def _text(element: Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _day(value: str) -> str:
    """``20240527T101500Z`` or ``2024-05-27T10:15:00Z`` as ``2024-05-27``."""
    match = _NORM_DATE.match(value.strip())
    return f"{match[1]}-{match[2]}-{match[3]}" if match else value.strip()


def _paragraphs(root: Element) -> str:
    """The text of each paragraph-like element, in order, blank lines between."""
    blocks = [e for e in root.iter() if _local(e.tag) in ("p", "h2", "h3", "li", "pre")]
    texts = [_text(b) for b in blocks] if blocks else [_text(root)]
    return "\n\n".join(t for t in texts if t)


def parse_xml(data: bytes) -> Element:
    """The document's root, or ``Unreadable`` (entities and external references refused)."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise Unreadable(
            f"declares XML entities ({type(error).__name__}); refused unread"
        ) from None
    except (ParseError, ValueError, RecursionError) as error:
        raise Unreadable(f"is not well-formed XML ({error})") from None
    return root


def nitf_record(nitf: Element, path: Path, key: str = "") -> Record:
    """One NITF document as a record."""
    body = _first(nitf, "body.content")
    issue = _first(nitf, "date.issue")
    source = _first(nitf, "doc.copyright")
    holder = source.get("holder", "") if source is not None else ""
    doc_id = _first(nitf, "doc-id")
    dateline = _text(_first(nitf, "dateline"))
    text = _paragraphs(body) if body is not None else ""
    if dateline and text:
        text = f"{dateline}\n\n{text}"
    return Record(
        text=text,
        path=f"{path}#{key}" if key else str(path),
        file_stem=path.stem,
        title=_text(_first(nitf, "hl1", "hedline")) or _text(_first(nitf, "title")),
        date=_day(issue.get("norm", "")) if issue is not None else "",
        source=holder or _text(_first(nitf, "distributor", "copyrite")),
        author=re.sub(r"^by\s+", "", _text(_first(nitf, "byline")), flags=re.IGNORECASE),
        record_id=(doc_id.get("id-string", "") if doc_id is not None else "") or key,
    )


def _item_text(item: Element) -> str:
    content = _first(item, "contentSet")
    if content is None:
        return ""
    nitf = _first(content, "nitf")
    if nitf is not None:
        body = _first(nitf, "body.content")
        return _paragraphs(body if body is not None else nitf)
    html_body = _first(content, "body")
    return _paragraphs(html_body if html_body is not None else content)


def newsml_record(item: Element, path: Path, key: str) -> Record:
    """One NewsML-G2 newsItem as a record."""
    meta = _first(item, "contentMeta")
    dated = _first(item, "contentCreated", "firstCreated", "versionCreated")
    by = _text(_first(meta, "by")) if meta is not None else ""
    dateline = _text(_first(meta, "dateline")) if meta is not None else ""
    text = _item_text(item)
    if dateline and text and not text.startswith(dateline):
        text = f"{dateline}\n\n{text}"
    credit = _first(item, "creditline", "provider")
    source = _text(credit) or (credit.get("literal", "") if credit is not None else "")
    return Record(
        text=text,
        path=f"{path}#{key}",
        file_stem=path.stem,
        title=_text(_first(meta, "headline")) if meta is not None else "",
        date=_day(_text(dated)),
        source=source or (credit.get("qcode", "") if credit is not None else ""),
        author=re.sub(r"^by\s+", "", by, flags=re.IGNORECASE),
        record_id=item.get("guid", "") or key,
    )


def read_wire_xml(path: Path, max_bytes: int) -> Iterator[Record | Problem]:
    """A NITF document, a NewsML-G2 item or message; another XML file is one problem."""
    size = path.stat().st_size
    if size > max_bytes:
        raise Unreadable(f"is {size:,} bytes, over the {max_bytes:,}-byte limit; split it")
    root = parse_xml(path.read_bytes())
    kind = _local(root.tag)
    if kind == "nitf":
        yield nitf_record(root, path)
        return
    items = [root] if kind == "newsItem" else _all(root, "newsItem")
    if not items:
        raise Unreadable(f"is XML of another kind (<{kind}>), not NITF or NewsML-G2")
    for number, item in enumerate(items, start=1):
        yield newsml_record(item, path, str(number))


def _html_paragraphs(markup: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fromstring(markup)
    except (ValueError, lxml.etree.ParserError):
        return ""
    blocks = [e for e in root.iter() if e.tag in ("p", "h2", "h3", "li", "pre")]
    texts = [" ".join(b.text_content().split()) for b in blocks or [root]]
    return "\n\n".join(t for t in texts if t)


def _values(items: Any, key: str) -> list[str]:
    """ninjs 2's lists of objects (``headlines``, ``bodies``, ``bylines``): their values."""
    if not isinstance(items, list):
        return []
    return [str(i[key]) for i in items if isinstance(i, dict) and isinstance(i.get(key), str)]


def is_ninjs(obj: dict[str, Any]) -> bool:
    """IPTC ninjs (1.x or 2.x): a ``uri`` and a headline or body of its own names."""
    named = ("headline", "headlines", "body_text", "body_html", "bodies")
    return isinstance(obj.get("uri"), str) and any(k in obj for k in named)


def ninjs_fields(obj: dict[str, Any]) -> dict[str, str]:
    """A ninjs object's article in the plain keys every JSON record uses."""
    bodies = [b for b in obj.get("bodies") or [] if isinstance(b, dict)]
    values = [(str(b.get("contentType", "")), b.get("value")) for b in bodies]
    plain = [v for kind, v in values if kind.startswith("text/plain") and isinstance(v, str)]
    html = [v for kind, v in values if "html" in kind and isinstance(v, str)]
    text = str(obj.get("body_text") or "") or (plain[0] if plain else "")
    if not text:
        markup = str(obj.get("body_html") or "") or (html[0] if html else "")
        text = _html_paragraphs(markup) if markup else ""
    located = obj.get("located")
    if isinstance(located, str) and located.strip() and text:
        text = f"{located.strip()}\n\n{text}"
    bylines = _values(obj.get("bylines"), "byline")
    headlines = _values(obj.get("headlines"), "value")
    return {
        "title": str(obj.get("headline") or "") or ", ".join(headlines[:1]),
        "text": text,
        "date": str(obj.get("firstcreated") or obj.get("versioncreated") or ""),
        "source": str(obj.get("copyrightholder") or obj.get("copyrightnotice") or ""),
        "author": str(obj.get("byline") or "") or ", ".join(bylines),
        "id": str(obj.get("guid") or obj.get("uri") or ""),
    }
