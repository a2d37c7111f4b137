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
from collections.abc import Sequence
from urllib.parse import quote

from assistant.records import Answer, Article, Citation, Filters, Partial, Reprint
from assistant.text.invisible import visible
from assistant.text.markers import escaped_marker
from assistant.timeline_records import Timeline
from assistant.watching.digest import Digest, DigestLine
from assistant.watching.watches import Alert, AlertKind, Quote, also_published

OPEN_PREFIX = "#open-article:"
WATCH_PREFIX = "#watch-answer:"  # "Watch this" under a reply
READ_PREFIX = "#alert-read:"  # "Mark read" on an alert

# Characters Markdown, Gradio's LaTeX and HTML give meaning to, as numeric entities.
_ENTITIES = {ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]()#+-!|~$:=@^"}
_ENTITIES.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
_TABLE = str.maketrans(_ENTITIES)
_MARKERS = escaped_marker(_ENTITIES["["], _ENTITIES["]"], most_digits=3)  # as ``inert`` has them


def inert(text: str) -> str:
    """``text`` as HTML that displays it literally; blank lines become ``<br>`` pairs.

    Invisible format characters go too (``invisible``): a bidi override in a title must
    not reverse the app's own text after it.
    """
    escaped = visible(str(text)).translate(_TABLE)
    return escaped.replace("\r", "").replace("\n\n", "<br><br>").replace("\n", "<br>")


def _meta_line(title: str, date: str | None, source: str, author: str = "", where: str = "") -> str:
    parts = [
        f"<strong>{inert(title)}</strong>",
        f'<span class="citation-date">{inert(date or "undated")}</span>',
    ]
    if source:
        parts.append(inert(source))
    if author and author != source:
        parts.append(f"by {inert(author)}")
    if where:  # "page 2", or with OCR's confidence (our own words and numbers)
        parts.append(f'<span class="citation-page">{inert(where)}</span>')
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
    return open_link_to(citation.article_id, citation.start, citation.end)


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
    c = citation
    meta = _meta_line(c.title, c.date, c.source, c.author, c.where)
    return (
        f'<div class="{kind}" data-n="{citation.n}">'
        f'<div class="citation-head">{link}[{citation.n}] {tag}'
        f"{meta}</div>"
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
    if answer.time_note:  # how the question's time was read, and one click to undo it
        undo = ' <a href="#time-off">Search every date instead</a>' if answer.time_read else ""
        parts.append(f'<p class="time-note">{inert(answer.time_note)}{undo}</p>')
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


def filters_html(filters: Filters, as_of: str = "", read_time: bool = True) -> str:
    """The banner over the chat while filters are on; empty when none are."""
    parts = []
    if as_of:
        parts.append(f"published up to {inert(as_of)} (as of that day)")
    if filters.sources:
        parts.append("source " + ", ".join(inert(s) for s in filters.sources))
    if filters.date_from:
        parts.append(f"from {filters.date_from.isoformat()}")
    if filters.date_to:
        parts.append(f"to {filters.date_to.isoformat()}")
    off = "" if read_time else " Dates in questions are not read."
    if not parts:
        return f'<div class="filters-on">{off.strip()}</div>' if off else ""
    return (
        '<div class="filters-on">Answers only from articles with '
        f"{' · '.join(parts)} (Filters tab: Clear to search everything).{off}</div>"
    )


TIMELINE_PREFIX = "#timeline-period:"
_CHART_W, _CHART_H, _GAP = 640, 140, 2


def timeline_html(timeline: Timeline) -> str:
    """The timeline view: a bar chart of matching articles per period (each bar a link that
    lists its articles) and the dated events in order, each with its source."""
    if not timeline.events and not timeline.counts:
        return "<p>No dated events match; try other words or a wider window.</p>"
    return _chart(timeline) + _events_list(timeline)


def _chart(timeline: Timeline) -> str:
    counts = timeline.counts
    if not counts:
        return ""
    most = max(c.count for c in counts)
    width = max(4.0, (_CHART_W - _GAP * len(counts)) / len(counts))
    bars = []
    for n, period in enumerate(counts):
        height = max(3.0, (_CHART_H - 20) * period.count / most)
        x, y = n * (width + _GAP), _CHART_H - height
        label = f"{period.label}: {period.count} article{'s' if period.count != 1 else ''}"
        bars.append(
            f'<a href="{TIMELINE_PREFIX}{n}" class="timeline-bar"><rect x="{x:.1f}" '
            f'y="{y:.1f}" width="{width:.1f}" height="{height:.1f}"><title>{inert(label)}'
            "</title></rect></a>"
        )
    first, last = inert(counts[0].label), inert(counts[-1].label)
    unit = {"day": "day", "week": "week", "month": "month"}.get(timeline.granularity, "period")
    return (
        f'<figure class="timeline-chart"><svg viewBox="0 0 {_CHART_W} {_CHART_H}" '
        f'role="img" aria-label="Matching articles per {unit}">{"".join(bars)}</svg>'
        f"<figcaption>Matching articles per {unit}, {first} to {last}; click a bar for its "
        "articles.</figcaption></figure>"
    )


def _events_list(timeline: Timeline) -> str:
    items = []
    for event in timeline.events:
        link = open_link_to(event.article_id, event.start, event.end)
        where = " · ".join(inert(p) for p in (event.source or event.title, event.date or "") if p)
        items.append(
            f'<li><span class="citation-date">{inert(event.label)}</span> — '
            f'{inert(event.sentence)} <span class="timeline-source">({where})</span> '
            f"{link}{reprints_html(event.also)}</li>"
        )
    return f'<ol class="timeline-events">{"".join(items)}</ol>' if items else ""


def period_html(timeline: Timeline, index: int) -> str:
    """The articles behind one bar of the chart."""
    if not 0 <= index < len(timeline.counts):
        return "<p>Pick a bar of the chart.</p>"
    period = timeline.counts[index]
    rows = "".join(
        f"<li><strong>{inert(title)}</strong> · {inert(date or 'undated')} · {inert(source)} "
        f"{open_link_to(article_id, 0, 0)}</li>"
        for article_id, title, date, source in period.articles
    )
    return f"<p><strong>{inert(period.label)}</strong>: {period.count} articles</p><ul>{rows}</ul>"


def open_link_to(article_id: str, start: int, end: int) -> str:
    """``open_link`` for an article and offsets that are not a citation's."""
    return f'<a href="{OPEN_PREFIX}{quote(article_id, safe="")}:{start}:{end}">open article</a> '


# -- watched questions -----------------------------------------------------------------


def watch_link(answer: Answer) -> str:
    """ "Watch this" under a reply: the page's script saves a watch of its question (the
    standalone one when the question was rewritten). The link carries only that question,
    percent-encoded, as ``open_link`` carries an article id."""
    question = (answer.standalone_question or answer.question).strip()
    if not question:
        return ""
    href = WATCH_PREFIX + quote(question, safe="")
    return f'<p class="watch-this"><a href="{href}">Watch this</a></p>'


def quote_html(cited: Quote, label: str) -> str:
    """One citation of an alert: title, date, source and byline, its sentence, a link to
    the article (opened in the Article tab) and to the original page where there is one."""
    original = ""
    if cited.url.lower().startswith(("http://", "https://")):
        original = " · " + _web_link(cited.url, "original")
    head = _meta_line(cited.title, cited.date, cited.source, cited.author)
    return (
        f'<div class="citation alert-citation"><div class="citation-head">'
        f'{open_link_to(cited.article_id, 0, 0)}<span class="tag">{inert(label)}</span> '
        f'{head}{original}</div><div class="citation-text">{inert(cited.quote)}</div></div>'
    )


def alert_html(alert: Alert) -> str:
    """One alert: its message, when it was raised, the citation of the new answer (or the
    new story) and of the one before; an unread one is marked and can be marked read."""
    new = alert.kind is AlertKind.NEW_STORY
    flag, read = "", ""
    if not alert.read:
        flag = '<span class="tag unread-tag">unread</span> '
        read = f' <a href="{READ_PREFIX}{quote(alert.id, safe="")}">Mark read</a>'
    raised = inert(alert.raised[:16].replace("T", " ") + " UTC" if alert.raised else "")
    cited = quote_html(alert.citation, "new story" if new else "now")
    if alert.previous_citation is not None:
        cited += quote_html(alert.previous_citation, "before")
    return (
        f'<div class="alert{"" if alert.read else " unread"}" data-alert="{inert(alert.id)}">'
        f'<div class="alert-head">{flag}<span class="alert-when">{raised}</span>{read}</div>'
        f'<p class="alert-message">{inert(alert.message)}</p>{cited}{reprints_html(alert.also)}'
        "</div>"
    )


def alerts_html(alerts: Sequence[Alert], shown: int = 50) -> str:
    """The inbox: the alerts newest first (the ``shown`` newest), or what to do for some."""
    if not alerts:
        return (
            '<p class="alerts-empty">No alerts yet. Click "Watch this" under an answer, or '
            "watch a query for new stories below.</p>"
        )
    more = len(alerts) - shown
    older = f'<p class="alerts-more">and {more} older alerts</p>' if more > 0 else ""
    return f'<div class="alerts">{"".join(alert_html(a) for a in alerts[:shown])}{older}</div>'


def digest_html(found: Digest) -> str:
    """What's new: a heading per day, under it one line per story (its sentence, where and
    when it ran, how many others ran it too, "open article"); the note when nothing is."""
    if not found.days:
        return f'<p class="digest-empty">{inert(found.note)}</p>'
    days = "".join(
        f'<h4 class="digest-day">{inert(day.day)}</h4><ul class="digest-lines">'
        f"{''.join(_digest_line(line) for line in day.lines)}</ul>"
        for day in found.days
    )
    return f'<div class="digest">{days}</div>'


def _digest_line(line: DigestLine) -> str:
    others = f"; {also_published(line.also)}" if line.also else ""
    return (
        f'<li class="digest-line">{inert(line.sentence)} <span class="digest-where">'
        f"({inert(line.citation.where + others)})</span> "
        f"{open_link_to(line.citation.article_id, 0, 0)}</li>"
    )
