"""Bring the index in line with a set of article files, embedding only what changed.

Two streaming passes over the files: the first reads and fingerprints every article to
plan the work and chunks the new ones (the chunks go to shards on disk, ``chunk_shards``;
only ids and hashes stay in memory), the second embeds and writes only the new and changed
articles, in batches, while a progress bar counts chunks. Then articles
whose files are gone leave the index, and the keyword index catches up. The same text
from the same source is indexed once; from another outlet it is kept, and borrows the
vectors already computed for it (``same_text``).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.config import IngestEngine, Settings
from assistant.errors import InvalidInput
from assistant.index.chroma_client import check_index_folder
from assistant.index.chunk_shards import ChunkShards, chunk_folder
from assistant.index.embeddings import get_embedder
from assistant.index.engines import encoder_for
from assistant.index.keyword_index import KeywordIndex
from assistant.index.keyword_sync import keyword_cache_dir, sync_keyword_index
from assistant.index.locking import writer_lock
from assistant.index.same_text import Donors, Found, file_of, twins, under
from assistant.index.store import Store
from assistant.index.stories import assign_stories
from assistant.index.vector_shards import EmbeddingStage, VectorShards, shard_folder
from assistant.ingest.chunking import chunk_article
from assistant.ingest.loaders import find_files, load_file
from assistant.protocols import Embedder
from assistant.records import Article, ArticleEntry, Chunk, IngestReport, Problem

Progress = Callable[[int, int], None]  # (chunks embedded so far, chunks to embed)
_BATCH_CHUNKS = 256
RAY_BATCHES = 64  # local batches in one Ray job (16,384 chunks): its start-up is paid once
PROGRESS_TEXTS = 128  # chunks embedded between two progress reports, within an article too


@dataclass
class _Plan:
    todo: dict[str, int] = field(default_factory=dict)  # article id -> chunk count
    seen: set[str] = field(default_factory=set)  # articles kept (not duplicates)
    unchanged: int = 0
    moved: dict[str, str] = field(default_factory=dict)  # unchanged articles with a new path
    read_files: set[str] = field(default_factory=set)  # files that were read (maybe in part)
    problems: list[Problem] = field(default_factory=list)


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


def _chunked(article: Article, settings: Settings) -> list[Chunk]:
    return chunk_article(article, settings.chunk_max_chars, settings.chunk_overlap_sentences)


def _chunk_count(article: Article, settings: Settings, shards: ChunkShards) -> int:
    """How many chunks the article has: from its shard, or chunked now and staged for one."""
    known = shards.count(article.id)
    if known is None:
        pieces = _chunked(article, settings)
        shards.stage(article.id, pieces)
        known = len(pieces)
    return known


def _plan(
    files: Sequence[Path],
    settings: Settings,
    manifest: dict[str, ArticleEntry],
    roots: Sequence[Path],
    shards: ChunkShards,
) -> _Plan:
    """What to embed, what is unchanged, and which articles are another's copy (the same
    text from the same source, ``same_text.twins``); new articles' chunks go to ``shards``."""
    plan = _Plan()
    found: dict[str, Found] = {}
    for article in _articles(files, settings, plan):
        if article.id in found:
            continue  # the same article twice (duplicate files or records): index it once
        entry = manifest.get(article.id)
        current = _is_current(entry, article)
        chunks = 0 if current else _chunk_count(article, settings, shards)
        moved = current and entry is not None and entry.path != article.path
        found[article.id] = Found(article.id, article.text_hash, article.source, article.path,
                                  current, moved, chunks)  # fmt: skip
    shards.flush()
    copies = twins(list(found.values()), manifest, roots)
    for item in found.values():
        if item.id in copies:
            note = f"has the same text as another article; indexed once, as {copies[item.id]}"
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
        if article_id in plan.seen or not entry.path or not under(entry.path, roots):
            continue
        file = Path(file_of(entry.path))
        if not file.exists() or str(file) in plan.read_files:
            doomed.append(article_id)
    return doomed


def embedding_text(article: Article, chunk: Chunk) -> str:
    """What is embedded for a chunk: its article's title gives the passage its context."""
    return f"{article.title}\n{chunk.text}"


def _embed_batch(
    stage: EmbeddingStage,
    batch: list[tuple[Article, list[Chunk]]],
    settings: Settings,
    embedded: Callable[[int], None] | None = None,
    donors: Donors | None = None,
) -> tuple[list[tuple[Article, list[Chunk], np.ndarray]], int]:
    """The batch's vectors, and how many texts were encoded for them.

    Encoded a slice at a time so that ``embedded`` (the count so far) moves within one
    long article too; slices are whole encoder batches, so the vectors are those of one
    call. An article whose embedded texts are all another's (an outlet's verbatim copy
    under the same title) takes that article's vectors: from the index (``donors``) or
    from earlier in the batch.
    """
    keys = [tuple(embedding_text(article, chunk) for chunk in chunks) for article, chunks in batch]
    takes: list[int] = []  # per article: the article of the batch whose vectors it takes
    borrowed: dict[int, np.ndarray] = {}
    first_with: dict[tuple[str, ...], int] = {}
    for n, ((article, chunks), key) in enumerate(zip(batch, keys, strict=True)):
        if key in first_with:
            takes.append(first_with[key])
            continue
        vectors = donors.vectors(article, chunks) if donors else None
        if vectors is not None:
            borrowed[n] = vectors
        first_with[key] = n
        takes.append(n)
    encode = [n for n in range(len(batch)) if takes[n] == n and n not in borrowed]
    texts = [text for n in encode for text in keys[n]]
    per_call = getattr(stage.encoder, "texts_per_call", PROGRESS_TEXTS)
    step = settings.embed_batch_size * max(1, per_call // settings.embed_batch_size)
    parts = []
    encoded_before = stage.encoded
    for first in range(0, len(texts), step):
        parts.append(
            stage.encode(texts[first : first + step], batch_size=settings.embed_batch_size)
        )
        if embedded:
            embedded(min(first + step, len(texts)))
    vectors = np.concatenate(parts) if parts else np.zeros((0, stage.dimension))
    own, first = dict(borrowed), 0
    for n in encode:
        own[n] = vectors[first : first + len(keys[n])]
        first += len(keys[n])
    out = [(article, chunks, own[takes[n]]) for n, (article, chunks) in enumerate(batch)]
    return out, stage.encoded - encoded_before


def ingest(
    paths: Iterable[Path | str],
    settings: Settings,
    progress: Progress | None = None,
    rebuild: bool = False,
    wait: float = 0.0,
    embedder: Embedder | None = None,
    before_write: Callable[[list[str]], object] | None = None,
) -> IngestReport:
    """Index the articles under ``paths``; idempotent, incremental, safe to interrupt.

    ``embedder`` replaces the settings' model (the fast tests pass a deterministic one);
    ``before_write`` hears the ids of each batch of articles before it is written.
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
        chunk_shards = ChunkShards(
            chunk_folder(settings.index_dir, settings.chunk_max_chars,
                         settings.chunk_overlap_sentences)
        )  # fmt: skip
        plan = _plan(files, settings, manifest, resolved, chunk_shards)
        plan.problems[:0] = [p for p in found if isinstance(p, Problem)]

        doomed = _to_remove(plan, manifest, resolved)
        if plan.todo or doomed:
            store.bump_generation()  # readers elsewhere learn of the write before it starts
        total = sum(plan.todo.values())
        done = 0
        loaded: Embedder | None = None
        stage: EmbeddingStage | None = None
        # a Ray job has a start-up cost: it gets larger batches (the shards still save each)
        batch_chunks = _BATCH_CHUNKS * (RAY_BATCHES if settings.engine == IngestEngine.RAY else 1)
        batch: list[tuple[Article, list[Chunk]]] = []
        pending = 0

        donors = Donors(store, manifest)
        reused = 0  # chunks whose vectors were copied from an identical text's

        def flush() -> None:
            nonlocal done, pending, loaded, reused, stage
            if not batch:
                return
            if loaded is None:  # the model loads only when something needs embedding
                loaded = embedder or get_embedder(
                    settings.embedding_model, settings.embedding_backend, settings.device
                )
                store.check_model(loaded.name, loaded.dimension)
                store.set_dimension(loaded.dimension)
                shards = VectorShards(shard_folder(settings.index_dir, loaded.name))
                encoder = encoder_for(settings.engine, settings, loaded)
                stage = EmbeddingStage(encoder, shards, loaded.dimension)
            assert stage is not None
            so_far = done

            def embedded_now(count: int) -> None:
                if progress:
                    progress(so_far + count, total)

            embedded, encoded = _embed_batch(stage, batch, settings, embedded_now, donors)
            if before_write:
                before_write([a.id for a, _ in batch])
            store.write_articles(embedded, replacing={a.id for a, _ in batch if a.id in manifest})
            for article, _ in batch:
                donors.add(article)
            reused += pending - encoded
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
            pieces = chunk_shards.chunks(article.id)
            if pieces is None:  # no shard holds it (unreadable, or it has no chunks)
                pieces = _chunked(article, settings)
            batch.append((article, pieces))
            pending += len(pieces)
            if pending >= batch_chunks:
                flush()
        flush()
        if stage is not None:
            stage.shards.clear()  # every vector is in the index: nothing is left to resume
        chunk_shards.clear()

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
        chunks_embedded=done - reused,
        articles=articles,
        chunks=chunks,
        seconds=time.perf_counter() - started,
        problems=tuple(plan.problems),
        written=tuple(written),
    )
