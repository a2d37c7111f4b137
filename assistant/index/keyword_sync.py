"""Keep the BM25 index in step with Chroma: by the index generation, article by article.

Ingest calls it after writing and retrieval before searching; a question only compares
generations, and a changed index is caught up per article, never rebuilt per question.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from assistant.config import Settings
from assistant.index.keyword_index import ChunkRow, KeywordIndex
from assistant.index.store import Store


def keyword_cache_dir(settings: Settings) -> Path:
    """Where the BM25 state is saved: the index folder, per server when using one."""
    base = Path(settings.index_dir)
    if settings.chroma_url:
        key = hashlib.sha256(settings.chroma_url.encode()).hexdigest()[:12]
        return base / "server-cache" / f"{key}-{settings.collection}"
    return base / f"keyword-{settings.collection}"


def sync_keyword_index(index: KeywordIndex, store: Store, folder: Path | None) -> bool:
    """Bring ``index`` in line with ``store``; True when anything changed."""
    generation = store.generation()
    if generation == index.generation:
        return False
    store.catch_up()
    manifest = store.manifest()
    current = {aid: e.content_hash for aid, e in manifest.items() if e.ready}
    stale = [aid for aid, h in current.items() if index.article_hashes.get(aid) != h]
    removed = [aid for aid in index.article_hashes if aid not in current]
    rows = [
        ChunkRow(c.id, c.article_id, c.searched_text, c.date_key, c.source)
        for c in store.chunks_of(stale)
    ]
    index.replace_articles(removed, rows, {aid: current[aid] for aid in stale}, generation)
    if folder is not None:
        index.save(folder)
    return True
