"""Read what belongs together: neighbouring chunks as one window, whole paragraphs.

Chunks hold at most 800 characters of whole sentences, so what one sentence says can
depend on the chunk before it: "The Coordination of Azawad Movements (CMA) ..." ends one
chunk and "It had signed a peace agreement ... in 2015" opens the next. Before reading,
passages to be read that are neighbouring chunks of one article become one window, and
each window grows to the whole paragraphs it touches (paragraph breaks: a blank line, or
a new line indented as wire copy indents), within ``MAX_WINDOW`` characters. The text is
the article's own (chunk offsets are exact), so every offset stays true.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.index.store import Store
from assistant.records import Passage, StoredChunk

PARAGRAPH = re.compile(r"\n\s*\n|\n[ \t]{2,}")
MAX_WINDOW = 1600  # characters; a longer paragraph is read as its chunk alone


def _neighbour_ids(passage: Passage) -> list[str]:
    article, _, number = passage.chunk_id.rpartition(":")
    if not number.isdigit():
        return []
    n = int(number)
    return [f"{article}:{n - 1}", f"{article}:{n + 1}"] if n else [f"{article}:{n + 1}"]


def _joined(pieces: Sequence[StoredChunk | Passage]) -> tuple[int, str]:
    """The article text the (overlapping, exact) pieces cover: (start offset, text)."""
    ordered = sorted(pieces, key=lambda p: p.start)
    start, text = ordered[0].start, ordered[0].text
    for piece in ordered[1:]:
        end = start + len(text)
        if piece.start > end:
            break  # a gap: not neighbours after all
        text += piece.text[end - piece.start :]
    return start, text


def whole_paragraph(passage: Passage, neighbours: Sequence[StoredChunk]) -> Passage:
    """``passage`` grown to the paragraphs it touches, within its neighbours."""
    if not neighbours:
        return passage
    low, text = _joined([passage, *neighbours])
    local_start, local_end = passage.start - low, passage.end - low
    first = max((m.end() for m in PARAGRAPH.finditer(text, 0, local_start + 1)), default=0)
    after = PARAGRAPH.search(text, max(local_end - 1, local_start))
    last = after.start() if after else len(text)
    first, last = min(first, local_start), max(last, local_end)
    for a, b in ((first, last), (local_start, last), (first, local_end)):  # both, then one
        if b - a <= MAX_WINDOW and (a, b) != (local_start, local_end):
            return replace(passage, text=text[a:b], start=low + a, end=low + b)
    return passage


def _number(passage: Passage) -> int | None:
    number = passage.chunk_id.rpartition(":")[2]
    return int(number) if number.isdigit() else None


def neighbours_joined(passages: Sequence[Passage]) -> list[Passage]:
    """Passages that are consecutive chunks of one article, read as one window (in the
    place of the better-ranked one, which keeps its scores)."""
    out: list[Passage] = []
    for passage in passages:
        n = _number(passage)
        mate = next(
            (
                i
                for i, kept in enumerate(out)
                if kept.article_id == passage.article_id
                and n is not None
                and (k := _number(kept)) is not None
                and abs(k - n) == 1
                and kept.start <= passage.end
                and passage.start <= kept.end
                and max(kept.end, passage.end) - min(kept.start, passage.start) <= MAX_WINDOW
            ),
            None,
        )
        if mate is None:
            out.append(passage)
            continue
        start, text = _joined([out[mate], passage])
        out[mate] = replace(out[mate], text=text, start=start, end=start + len(text))
    return out


def whole_paragraphs(passages: Sequence[Passage], store: Store) -> list[Passage]:
    """The windows to read: neighbouring chunks joined, each grown to its whole
    paragraphs (one lookup for all the chunks around them)."""
    passages = neighbours_joined(passages)
    wanted = {i for p in passages for i in _neighbour_ids(p)}
    if not wanted:
        return list(passages)
    found = {c.id: c for c in store.get_chunks(sorted(wanted), embeddings=False)}
    return [
        whole_paragraph(p, [found[i] for i in _neighbour_ids(p) if i in found]) for p in passages
    ]
