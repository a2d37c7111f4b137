"""HTML for answers, citations and articles, with every article-derived string made inert.

Articles are untrusted: their text can hold ``<script>``, ``onerror=`` attributes,
``javascript:`` links, or Markdown and LaTeX that a chat widget would render. Everything
that came from an article (or a user) passes through ``inert`` before it meets markup:
HTML special characters become entities, and so do the characters Markdown and LaTeX
act on, so the browser shows the text exactly as written and runs none of it. This
module is the only place that builds HTML from article text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from urllib.parse import quote

from assistant.records import Answer, Article, Citation, Filters, Partial, Reprint
from assistant.text.invisible import visible

OPEN_PREFIX = "#open-article:"
_MARKERS = re.compile(r"&#91;(\d{1,3})&#93;")

# Characters Markdown, Gradio's LaTeX and HTML give meaning to, as numeric entities.
_ENTITIES = {ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]()#+-!|~$:=@^"}
_ENTITIES.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
_TABLE = str.maketrans(_ENTITIES)


def inert(text: str) -> str:
    """``text`` as HTML that displays it literally; blank lines become ``<br>`` pairs.

    Invisible format characters go too (``invisible``): a bidi override in a title must
    not reverse the app's own text after it.
    """
    escaped = visible(str(text)).translate(_TABLE)
    return escaped.replace("\r", "").replace("\n\n", "<br><br>").replace("\n", "<br>")


def _meta_line(title: str, date: str | None, source: str, author: str = "") -> str:
    parts = [f"<strong>{inert(title)}</strong>", inert(date or "undated")]
    if source:
        parts.append(inert(source))
    if author and author != source:
        parts.append(f"by {inert(author)}")
    return " · ".join(parts)


def _clamp(value: int, text: str) -> int:
    return max(0, min(value, len(text)))


def highlighted(text: str, start: int, end: int, answer: tuple[int, int] | None = None) -> str:
    """``text`` with ``text[start:end]`` in a ``<mark>``, all of it inert.

    ``answer`` (offsets into ``text``, inside the marked part) is marked again within it.
    """
    start, end = _clamp(start, text), _clamp(end, text)
    inside = inert(text[start:end])
    if answer is not None:
        a, b = max(start, _clamp(answer[0], text)), min(end, _clamp(answer[1], text))
        if a < b:
            inside = (
                inert(text[start:a])
                + f'<mark class="answer-span">{inert(text[a:b])}</mark>'
                + inert(text[b:end])
            )
    return inert(text[:start]) + '<mark class="support">' + inside + "</mark>" + inert(text[end:])


def open_link(citation: Citation) -> str:
    """A link the page's script turns into "show this article, this passage marked".

    Its fragment carries only the percent-encoded article id and two numbers (the chat's
    sanitiser keeps fragment links but drops data- attributes).
    """
    request = f"{quote(citation.article_id, safe='')}:{citation.start}:{citation.end}"
    return f'<a href="{OPEN_PREFIX}{request}">open article</a> '


def _in_context(text: str, start: int, end: int, context: int) -> tuple[str, int, int]:
    """``text`` cut to ``context`` characters either side of [start, end), at word breaks."""
    left = max(0, start - context)
    if left > 0:
        left = text.find(" ", left, start) + 1 or start
    right = min(len(text), end + context)
    if right < len(text):
        right = max(end, text.rfind(" ", end, right))
    before = ("… " if left > 0 else "") + text[left:start].lstrip()
    after = text[end:right].rstrip() + (" …" if right < len(text) else "")
    return before + text[start:end] + after, len(before), len(before) + end - start


def citation_html(citation: Citation, openable: bool = True, context: int = 120) -> str:
    """One numbered citation: title, date and source, and its sentence in context.

    A supporting citation has its sentence highlighted and the answer marked inside it; a
    related one is labelled so and shows its passage unmarked.
    """
    local_start = citation.start - citation.chunk_start
    local_end = citation.end - citation.chunk_start
    piece, start, end = _in_context(citation.text, local_start, local_end, context)
    if citation.supports:
        answer = None
        if citation.answer_start is not None and citation.answer_end is not None:
            shift = start - citation.start
            answer = (citation.answer_start + shift, citation.answer_end + shift)
        body, kind, tag = highlighted(piece, start, end, answer), "citation", ""
    else:
        body, kind, tag = inert(piece), "citation related", '<span class="tag">related</span> '
    link = open_link(citation) if openable else ""
    return (
        f'<div class="{kind}" data-n="{citation.n}">'
        f'<div class="citation-head">{link}[{citation.n}] {tag}'
        f"{_meta_line(citation.title, citation.date, citation.source, citation.author)}</div>"
        f'<div class="citation-text">{body}</div>'
        f"{reprints_html(citation.also)}"
        "</div>"
    )


def _web_link(url: str, label: str) -> str:
    """``label`` linked to ``url`` when it is a web address; plain text otherwise."""
    if not url.lower().startswith(("http://", "https://")):
        return inert(label)
    return (
        f'<a href="{inert(url)}" target="_blank" rel="noopener noreferrer nofollow">'
        f"{inert(label)}</a>"
    )


def reprints_html(also: Sequence[Reprint], shown: int = 5) -> str:
    """ "also published by N others", each linked to its article's page where it has one."""
    if not also:
        return ""
    others = "other" if len(also) == 1 else "others"
    links = [
        _web_link(r.url, " ".join(p for p in (r.source or r.title, r.date or "") if p))
        for r in also[:shown]
    ]
    more = f" and {len(also) - shown} more" if len(also) > shown else ""
    listed = ", ".join(links)
    return f'<div class="also">also published by {len(also)} {others}: {listed}{more}</div>'


def with_markers(text: str) -> str:
    """``text`` made inert, with its [n] citation markers shown as superscripts."""
    return _MARKERS.sub(r"<sup>[\1]</sup>", inert(text))


def _citations_block(citations: Sequence[Citation], label: str) -> str:
    if not citations:
        return ""
    items = "".join(citation_html(c) for c in citations)
    return f'<div class="citations"><div class="citations-label">{label}</div>{items}</div>'


def answer_html(answer: Answer) -> str:
    """The whole reply: the answer with its markers, notes, then the cited passages."""
    css = "answer abstained" if answer.abstained else "answer"
    parts = [f'<p class="{css}">{with_markers(answer.text)}</p>']
    if answer.standalone_question and answer.standalone_question != answer.question:
        parts.append(
            f'<p class="standalone">Understood as: <em>{inert(answer.standalone_question)}</em></p>'
        )
    if answer.notes:
        notes = "".join(f"<li>{inert(note)}</li>" for note in answer.notes)
        parts.append(f'<div class="notes">Checked against the passages:<ul>{notes}</ul></div>')
    parts.append(
        _citations_block(answer.citations, "Nearest passages" if answer.abstained else "Sources")
    )
    return "".join(parts)


def partial_html(partial: Partial) -> str:
    """A reply still being written: its words so far and the passages it may cite."""
    head = f'<p class="answer streaming">{with_markers(partial.text)} …</p>'
    status = '<p class="standalone">Writing from these passages; every claim is checked.</p>'
    return head + status + _citations_block(partial.citations, "Passages")


def article_html(article: Article, start: int | None = None, end: int | None = None) -> str:
    """A whole article, with an optional passage marked (and scrolled to)."""
    if start is not None and end is not None:
        body = highlighted(article.text, start, end).replace(
            '<mark class="support">', '<mark class="support" id="quoted">', 1
        )
    else:
        body = inert(article.text)
    url = ""
    if article.url.startswith(("http://", "https://")):
        url = (
            f' · <a href="{html.escape(article.url, quote=True)}" target="_blank" '
            'rel="noopener noreferrer nofollow">original</a>'
        )
    return (
        '<div class="article">'
        f'<div class="article-head">'
        f"{_meta_line(article.title, article.date, article.source, article.author)}{url}</div>"
        f'<div class="article-text">{body}</div>'
        "</div>"
    )


def filters_html(filters: Filters) -> str:
    """The banner over the chat while filters are on; empty when none are."""
    parts = []
    if filters.sources:
        parts.append("source " + ", ".join(inert(s) for s in filters.sources))
    if filters.date_from:
        parts.append(f"from {filters.date_from.isoformat()}")
    if filters.date_to:
        parts.append(f"to {filters.date_to.isoformat()}")
    if not parts:
        return ""
    return (
        '<div class="filters-on">Answers only from articles with '
        f"{' · '.join(parts)} (Filters tab: Clear to search everything).</div>"
    )
