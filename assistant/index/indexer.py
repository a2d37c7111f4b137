"""Bring the index in line with a set of article files, embedding only what changed.

Two streaming passes over the files: the first reads and fingerprints every article to
plan the work (nothing is kept but ids and hashes), the second embeds and writes only the
new and changed articles, in batches, while a progress bar counts chunks. Then articles
whose files are gone leave the index, and the keyword index catches up.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.config import Settings
from assistant.errors import InvalidInput
from assistant.index.chroma_client import check_index_folder
from assistant.index.embeddings import get_embedder
from assistant.index.keyword_index import KeywordIndex
from assistant.index.keyword_sync import keyword_cache_dir, sync_keyword_index
from assistant.index.locking import writer_lock
from assistant.index.store import Store
from assistant.index.stories import assign_stories
from assistant.ingest.chunking import chunk_article
from assistant.ingest.loaders import find_files, load_file
from assistant.protocols import Embedder
from assistant.records import Article, ArticleEntry, Chunk, IngestReport, Problem

Progress = Callable[[int, int], None]  # (chunks embedded so far, chunks to embed)
_BATCH_CHUNKS = 256
PROGRESS_TEXTS = 128  # chunks embedded between two progress reports, within an article too


@dataclass
class _Plan:
    todo: dict[str, int] = field(default_factory=dict)  # article id -> chunk count
    seen: set[str] = field(default_factory=set)  # articles kept (not duplicates)
    unchanged: int = 0
    moved: dict[str, str] = field(default_factory=dict)  # unchanged articles with a new path
    read_files: set[str] = field(default_factory=set)  # files that were read (maybe in part)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class _Found:
    """What planning keeps of an article: no text, so a large corpus plans in little memory."""

    id: str
    text_hash: str
    path: str
    current: bool  # indexed, ready and unchanged
    moved: bool
    chunks: int


def _file_of(path: str) -> str:
    return path.split("#", 1)[0]


def _articles(files: Sequence[Path], settings: Settings, plan: _Plan | None) -> Iterator[Article]:
    for file in files:
        read = False
        for item in load_file(file, settings.max_file_bytes):
            if isinstance(item, Problem):
                if plan is not None:
                    plan.problems.append(item)
                # a whole-file failure keeps the file's old articles; a bad record does not
                read = read or item.path != str(file) or not item.skipped
                continue
            read = True
            yield item
        if plan is not None and read:
            plan.read_files.add(str(file))


def _is_current(entry: ArticleEntry | None, article: Article) -> bool:
    return entry is not None and entry.ready and entry.content_hash == article.content_hash


def _under(path: str, roots: Sequence[Path]) -> bool:
    file = Path(_file_of(path))
    return any(file == root or file.is_relative_to(root) for root in roots)


def _keepers(
    found: Sequence[_Found], manifest: dict[str, ArticleEntry], roots: Sequence[Path]
) -> dict[str, str]:
    """The one article kept for each text: the one already indexed, else the first found.

    A text already indexed from a file outside ``roots`` (another folder) keeps that article.
    """
    indexed = {aid for aid, entry in manifest.items() if entry.ready}
    keeper: dict[str, str] = {}
    for item in found:
        held = keeper.get(item.text_hash)
        if held is None or (item.id in indexed and held not in indexed):
            keeper[item.text_hash] = item.id
    for article_id in indexed - {item.id for item in found}:
        entry = manifest[article_id]
        elsewhere = not _under(entry.path, roots) and Path(_file_of(entry.path)).exists()
        if entry.text_hash in keeper and elsewhere:
            keeper[entry.text_hash] = article_id
    return keeper


def _plan(
    files: Sequence[Path],
    settings: Settings,
    manifest: dict[str, ArticleEntry],
    roots: Sequence[Path],
) -> _Plan:
    """What to embed, what is unchanged, and which articles are duplicates of another."""
    plan = _Plan()
    found: dict[str, _Found] = {}
    for article in _articles(files, settings, plan):
        if article.id in found:
            continue  # the same article twice (duplicate files or records): index it once
        entry = manifest.get(article.id)
        current = _is_current(entry, article)
        chunks = 0
        if not current:
            chunks = len(
                chunk_article(article, settings.chunk_max_chars, settings.chunk_overlap_sentences)
            )
        moved = current and entry is not None and entry.path != article.path
        found[article.id] = _Found(article.id, article.text_hash, article.path, current, moved,
                                   chunks)  # fmt: skip
    keeper = _keepers(list(found.values()), manifest, roots)
    for item in found.values():
        twin = keeper[item.text_hash]
        if twin != item.id:
            note = f"has the same text as another article; indexed once, as {twin}"
            plan.problems.append(Problem(item.path, note, skipped=False))
            continue
        plan.seen.add(item.id)
        if item.current:
            plan.unchanged += 1
            if item.moved:
                plan.moved[item.id] = item.path
        else:
            plan.todo[item.id] = item.chunks
    return plan


def _to_remove(plan: _Plan, manifest: dict[str, ArticleEntry], roots: Sequence[Path]) -> list[str]:
    """Indexed articles under ``roots`` whose file is gone, or was read and no longer has them."""
    doomed = []
    for article_id, entry in manifest.items():
        if article_id in plan.seen or not entry.path or not _under(entry.path, roots):
            continue
        file = Path(_file_of(entry.path))
        if not file.exists() or str(file) in plan.read_files:
            doomed.append(article_id)
    return doomed


def embedding_text(article: Article, chunk: Chunk) -> str:
    """What is embedded for a chunk: its article's title gives the passage its context."""
    return f"{article.title}\n{chunk.text}"


def _embed_batch(
    embedder: Embedder,
    batch: list[tuple[Article, list[Chunk]]],
    settings: Settings,
    embedded: Callable[[int], None] | None = None,
) -> list[tuple[Article, list[Chunk], np.ndarray]]:
    """The batch's vectors, encoded a slice at a time so that ``embedded`` (the count so
    far) moves within one long article too; slices are whole encoder batches, so the
    vectors are those of one call."""
    texts = [embedding_text(article, chunk) for article, chunks in batch for chunk in chunks]
    step = settings.embed_batch_size * max(1, PROGRESS_TEXTS // settings.embed_batch_size)
    parts = []
    for first in range(0, len(texts), step):
        parts.append(
            embedder.encode(texts[first : first + step], batch_size=settings.embed_batch_size)
        )
        if embedded:
            embedded(min(first + step, len(texts)))
    vectors = np.concatenate(parts) if parts else np.zeros((0, embedder.dimension))
    out, first = [], 0
    for article, chunks in batch:
        out.append((article, chunks, vectors[first : first + len(chunks)]))
        first += len(chunks)
    return out


def ingest(
    paths: Iterable[Path | str],
    settings: Settings,
    progress: Progress | None = None,
    rebuild: bool = False,
    wait: float = 0.0,
    embedder: Embedder | None = None,
) -> IngestReport:
    """Index the articles under ``paths``; idempotent, incremental, safe to interrupt.

    ``embedder`` replaces the settings' model (the fast tests pass a deterministic one).
    """
    started = time.perf_counter()
    roots = [Path(p) for p in paths]
    if not roots:
        raise InvalidInput("Nothing to ingest: give one or more files or folders.")
    if not settings.chroma_url:
        check_index_folder(settings, create=True)  # before the lock file is made in it
    with writer_lock(settings, wait):
        store = Store.open(settings, create=True)
        if rebuild:
            store.drop()
            shutil.rmtree(keyword_cache_dir(settings), ignore_errors=True)
            store = Store.open(settings, create=True)
        manifest = store.manifest()
        found = list(find_files(roots))
        files = [f for f in found if isinstance(f, Path)]
        resolved = [root.resolve() for root in roots]
        plan = _plan(files, settings, manifest, resolved)
        plan.problems[:0] = [p for p in found if isinstance(p, Problem)]

        doomed = _to_remove(plan, manifest, resolved)
        if plan.todo or doomed:
            store.bump_generation()  # readers elsewhere learn of the write before it starts
        total = sum(plan.todo.values())
        done = 0
        loaded: Embedder | None = None
        batch: list[tuple[Article, list[Chunk]]] = []
        pending = 0

        def flush() -> None:
            nonlocal done, pending, loaded
            if not batch:
                return
            if loaded is None:  # the model loads only when something needs embedding
                loaded = embedder or get_embedder(
                    settings.embedding_model, settings.embedding_backend, settings.device
                )
                store.check_model(loaded.name, loaded.dimension)
                store.set_dimension(loaded.dimension)
            so_far = done

            def embedded_now(count: int) -> None:
                if progress:
                    progress(so_far + count, total)

            embedded = _embed_batch(loaded, batch, settings, embedded_now)
            store.write_articles(embedded, replacing={a.id for a, _ in batch if a.id in manifest})
            done += pending
            if progress:
                progress(done, total)
            batch.clear()
            pending = 0

        if progress:
            progress(0, total)
        written: dict[str, str] = {}  # article id -> path
        for article in _articles(files, settings, None):
            if article.id not in plan.todo or article.id in written:
                continue
            written[article.id] = article.path
            pieces = chunk_article(
                article, settings.chunk_max_chars, settings.chunk_overlap_sentences
            )
            batch.append((article, pieces))
            pending += len(pieces)
            if pending >= _BATCH_CHUNKS:
                flush()
        flush()

        if doomed:
            store.delete_articles(doomed)
        store.update_article_paths(plan.moved)

        # a file whose text changed gets a new content id: count it as updated, not as
        # one article removed and another added
        replaced_paths = {manifest[a].path for a in doomed}
        new_ids = [a for a in written if a not in manifest or not manifest[a].ready]
        renamed = sum(1 for a in new_ids if written[a] in replaced_paths)
        updated = len(written) - len(new_ids) + renamed
        if written or doomed:
            assign_stories(store)
            store.bump_generation()
        keyword = KeywordIndex.load(keyword_cache_dir(settings)) or KeywordIndex()
        sync_keyword_index(keyword, store, keyword_cache_dir(settings))
        articles, chunks = store.counts()
    return IngestReport(
        added=len(new_ids) - renamed,
        updated=updated,
        removed=len(doomed) - renamed,
        unchanged=plan.unchanged,
        chunks_embedded=done,
        articles=articles,
        chunks=chunks,
        seconds=time.perf_counter() - started,
        problems=tuple(plan.problems),
        written=tuple(written),
    )
