"""Articles with the same text: one outlet's copy is indexed once, another outlet's is kept.

Two articles whose text is identical (``Article.text_hash``) are one publication when they
come from the same source (a file copied twice, one record in two feeds): the index keeps
one of them and notes the other. From two sources (compared case-insensitively; an empty
source is unknown and counts as the same as any), both are kept: they join one story
(``stories.assign_stories``) and a citation of one names the other under "also published
by". The copy's chunks are its own (deleting either article leaves the other whole), but
their vectors are borrowed from the other's when the embedded text is the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.index.store import Store
from assistant.ingest.chunking import chunk_id
from assistant.records import Article, ArticleEntry, Chunk


@dataclass(frozen=True)
class Found:
    """What planning keeps of an article: no text, so a large corpus plans in little memory."""

    id: str
    text_hash: str
    source: str
    path: str
    current: bool  # indexed, ready and unchanged
    moved: bool
    chunks: int


def file_of(path: str) -> str:
    return path.split("#", 1)[0]


def under(path: str, roots: Sequence[Path]) -> bool:
    file = Path(file_of(path))
    return any(file == root or file.is_relative_to(root) for root in roots)


def same_source(first: str, second: str) -> bool:
    """Whether two articles' sources may be one outlet: equal, or either one unknown."""
    a, b = first.strip().casefold(), second.strip().casefold()
    return not a or not b or a == b


def twins(
    found: Sequence[Found], manifest: dict[str, ArticleEntry], roots: Sequence[Path]
) -> dict[str, str]:
    """The found articles indexed once as another: id -> the id of the article kept.

    For each text, articles are taken in order: those indexed from files outside ``roots``
    (another folder), then those already indexed, then new ones, each in the order found;
    an article is kept unless one kept before it has the same source. Articles indexed
    in one run are taken first in the next, so a re-ingest keeps the same ones.
    """
    indexed = {aid for aid, entry in manifest.items() if entry.ready}
    found_ids = {item.id for item in found}
    texts = {item.text_hash for item in found}
    order = [
        (aid, entry.text_hash, entry.source)
        for aid, entry in sorted(manifest.items())
        if aid in indexed
        and aid not in found_ids
        and entry.text_hash in texts
        and not under(entry.path, roots)
        and Path(file_of(entry.path)).exists()
    ]
    order += [(f.id, f.text_hash, f.source) for f in found if f.id in indexed]
    order += [(f.id, f.text_hash, f.source) for f in found if f.id not in indexed]
    kept: dict[str, list[tuple[str, str]]] = {}  # text hash -> (id, source) of those kept
    twin: dict[str, str] = {}
    for article_id, text_hash, source in order:
        held = kept.setdefault(text_hash, [])
        match = next((aid for aid, other in held if same_source(source, other)), None)
        if match is None:
            held.append((article_id, source))
        elif article_id in found_ids:
            twin[article_id] = match
    return twin


class Donors:
    """Chunk vectors already in the index for the same embedded text (title and chunk), so
    a second outlet's verbatim copy is not embedded again.

    A donor is any ready article with the same text and title; its stored chunks are
    checked, one by one, to hold exactly the text being embedded before their vectors
    are taken, so a stale manifest line or other chunking settings only cost an encode.
    """

    def __init__(self, store: Store, manifest: dict[str, ArticleEntry]) -> None:
        self.store = store
        self.ids: dict[tuple[str, str], list[str]] = {}
        for article_id, entry in sorted(manifest.items()):
            if entry.ready and entry.text_hash:
                self.ids.setdefault((entry.text_hash, entry.title), []).append(article_id)

    def add(self, article: Article) -> None:
        """``article`` was written in this run: it can lend its vectors from now on."""
        self.ids.setdefault((article.text_hash, article.title), []).insert(0, article.id)

    def vectors(self, article: Article, chunks: Sequence[Chunk]) -> np.ndarray | None:
        """The vectors of ``chunks`` copied from another article's identical chunks, or None."""
        if not chunks or not article.text_hash:
            return None
        for donor in self.ids.get((article.text_hash, article.title), []):
            if donor == article.id:
                continue
            ids = [chunk_id(donor, chunk.chunk_no) for chunk in chunks]
            stored = self.store.get_chunks(ids, embeddings=True)
            if len(stored) == len(chunks) and all(
                s.embedding is not None and s.text == c.text and s.title == article.title
                for s, c in zip(stored, chunks, strict=True)
            ):
                return np.stack([s.embedding for s in stored if s.embedding is not None])
        return None
