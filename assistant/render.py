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

from assistant.models import Answer, Article, Citation

# Characters Markdown, Gradio's LaTeX and HTML give meaning to, as numeric entities.
_ENTITIES = {ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]()#+-!|~$:=@^"}
_ENTITIES.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
_TABLE = str.maketrans(_ENTITIES)


def inert(text: str) -> str:
    """``text`` as HTML that displays it literally; blank lines become ``<br>`` pairs."""
    escaped = str(text).translate(_TABLE)
    return escaped.replace("\r", "").replace("\n\n", "<br><br>").replace("\n", "<br>")


def _meta_line(title: str, date: str | None, source: str) -> str:
    parts = [f"<strong>{inert(title)}</strong>", inert(date or "undated")]
    if source:
        parts.append(inert(source))
    return " · ".join(parts)


def highlighted(text: str, start: int, end: int) -> str:
    """``text`` with ``text[start:end]`` in a ``<mark>``, all of it inert."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    return (
        inert(text[:start])
        + '<mark class="support">'
        + inert(text[start:end])
        + "</mark>"
        + inert(text[end:])
    )


def citation_html(citation: Citation) -> str:
    """One numbered citation: article title, date and source, the passage, the quote marked."""
    local_start = citation.start - citation.chunk_start
    local_end = citation.end - citation.chunk_start
    return (
        f'<div class="citation" data-n="{citation.n}">'
        f'<div class="citation-head">[{citation.n}] '
        f"{_meta_line(citation.title, citation.date, citation.source)}</div>"
        f'<div class="citation-text">{highlighted(citation.text, local_start, local_end)}</div>'
        "</div>"
    )


def answer_html(answer: Answer) -> str:
    """The whole reply: the answer with its markers, then the cited passages."""
    if answer.abstained:
        head = f'<p class="answer abstained">{inert(answer.text)}</p>'
    else:
        head = f'<p class="answer">{inert(answer.short_answer)} <sup>[1]</sup></p>'
    parts = [head]
    if answer.standalone_question and answer.standalone_question != answer.question:
        parts.append(
            f'<p class="standalone">Understood as: <em>{inert(answer.standalone_question)}</em></p>'
        )
    if answer.citations:
        label = "Nearest passages" if answer.abstained else "Sources"
        parts.append(f'<div class="citations"><div class="citations-label">{label}</div>')
        parts.extend(citation_html(c) for c in answer.citations)
        parts.append("</div>")
    return "".join(parts)


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
        f"{_meta_line(article.title, article.date, article.source)}{url}</div>"
        f'<div class="article-text">{body}</div>'
        "</div>"
    )
