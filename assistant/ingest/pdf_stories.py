"""Several stories on a page kept apart: a newspaper page sets each under its own headline.

A document is read as stories when one of its pages holds two headlines (type at least
``pdf_layout.HEADLINE`` times the body's) with a story's worth of text after each; then
every headline starts a story, and the text a page opens with before its first headline
goes on with the story before (a story turned to the next page). What the first page
holds above its first headline (the masthead, the edition's date) belongs to no story;
the date read there is every story's. A large line whose words the page's body repeats
is a pull quote, not a headline. Documents without such a page stay one article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.ingest.documents import Record, id_prefix
from assistant.ingest.pdf_layout import Box, body_size, box_text, is_headline, page_text
from assistant.text.dates import date_in_lines

MIN_STORY_WORDS = 30  # a headline with fewer words under it is a kicker or a deck


@dataclass(frozen=True)
class Story:
    """One story of a paged document: its headline and its text on each page it is on
    (empty for the pages before it starts, so page numbers stay the document's)."""

    title: str
    pages: tuple[str, ...]
    page: int  # 1-based: the page it starts on
    number: int  # 1-based: its place among the stories that start on that page


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _heads(boxes: Sequence[Box], body: float) -> list[int]:
    """Indexes of the page's headlines: large type not repeated from the page's body, with
    at least ``MIN_STORY_WORDS`` words of body text before the next large type."""
    large = [i for i, b in enumerate(boxes) if is_headline(b, body)]
    prose = " ".join(" ".join(_words(b.text)) for b in boxes if not is_headline(b, body))
    heads = []
    for n, i in enumerate(large):
        if " ".join(_words(boxes[i].text)) in prose:
            continue  # a pull quote
        end = large[n + 1] if n + 1 < len(large) else len(boxes)
        if sum(len(_words(b.text)) for b in boxes[i + 1 : end]) >= MIN_STORY_WORDS:
            heads.append(i)
    return heads


def stories(pages: Sequence[Sequence[Box]]) -> tuple[list[Story], str]:
    """The document's stories and its front matter (short text above the first headline;
    longer text there is a story of its own), or no stories when no page holds two."""
    body = body_size([b for boxes in pages for b in boxes])
    heads = [_heads(boxes, body) for boxes in pages]
    if not any(len(found) > 1 for found in heads):
        return [], ""
    found: list[tuple[str, int, list[list[str]]]] = [("", 1, [[] for _ in pages])]  # the front
    for p, boxes in enumerate(pages):
        for i, box in enumerate(boxes):
            if i in heads[p]:
                found.append((box_text(box.text), p + 1, [[] for _ in pages]))
            else:
                found[-1][2][p].append(box_text(box.text))
    front = "\n".join(found[0][2][0])
    if _last(found[0][2]) == 0 and len(_words(front)) < MIN_STORY_WORDS:
        found = found[1:]
    else:
        front = ""
    out: list[Story] = []
    for title, page, per_page in found:
        texts = tuple(page_text(t) for t in per_page[: _last(per_page) + 1])
        out.append(Story(title, texts, page, 1 + sum(1 for s in out if s.page == page)))
    return out, front


def _last(per_page: list[list[str]]) -> int:
    return max((p for p, texts in enumerate(per_page) if texts), default=0)


def story_records(ordered: Sequence[Sequence[Box]], whole: Record) -> list[Record]:
    """The document's stories as records of their own (``file.pdf#page3-story2``), or the
    whole document when it is one story; ``ordered`` is each page's paragraphs in order."""
    found, front = stories(ordered)
    if not found:
        return [whole]
    edition = date_in_lines(front) if front else None
    out = []
    for story in found:
        key = f"page{story.page}-story{story.number}"
        out.append(replace(
            whole, text="\n\n".join(t for t in story.pages if t), title=story.title,
            pages=story.pages, ocr=whole.ocr[: len(story.pages)], page_story=story.number,
            path=f"{whole.path}#{key}", record_id=key, id_prefix=id_prefix(Path(whole.path)),
            date=whole.date or (edition.isoformat() if edition else ""),
        ))  # fmt: skip
    return out
