"""BM25 over the chunks, kept in memory and on disk, updated per article, never per question.

A sparse document-term matrix of raw term counts, stored by column (a term's postings), is
the state and the only matrix held: a question reads the few columns of its terms and weighs
their counts there (BM25 needs only each chunk's length norm beside them), so a million
chunks cost one matrix in memory, not a second one of precomputed weights. The state is
saved next to the index (or, for a Chroma server, in the local index folder as a cache) with
the index generation it matches, so a new process loads it instead of re-reading every
chunk, and catches up by re-reading only changed articles.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from assistant.text.terms import terms

K1 = 1.2
B = 0.75
_FORMAT = 7  # bump whenever the tokenizer, the text or the file changes: counts depend on it
_FILE = "bm25.npz"  # arrays and metadata in one file (7: "-ings"; 6: wire words, headlines)


@dataclass(frozen=True)
class KeywordHit:
    """One chunk's BM25 score; ``row`` indexes the index's arrays."""

    chunk_id: str
    score: float
    row: int


@dataclass(frozen=True)
class ChunkRow:
    """What the keyword index keeps per chunk: text for terms, metadata for filters."""

    chunk_id: str
    article_id: str
    text: str
    date_key: int
    source: str


class KeywordIndex:
    """BM25 as Lucene scores it (k1=1.2, b=0.75), with date and source masks."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.generation = ""
        self.article_hashes: dict[str, str] = {}
        self.chunk_ids: list[str] = []
        self.article_of: list[str] = []
        self.date_keys = np.zeros(0, dtype=np.int64)
        self.sources: list[str] = []
        self.source_codes = np.zeros(0, dtype=np.int32)
        self.vocabulary: dict[str, int] = {}
        self.counts = sparse.csc_matrix((0, 0), dtype=np.float32)  # chunks x terms
        self._norm = np.zeros(0, dtype=np.float64)  # per chunk: k1 * (1 - b + b * len / avg)
        self.idf = np.zeros(0, dtype=np.float32)
        self._row_of: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.chunk_ids)

    # -- building --------------------------------------------------------------

    def replace_articles(
        self,
        remove: Iterable[str],
        rows: Iterable[ChunkRow],
        hashes: dict[str, str],
        generation: str,
    ) -> None:
        """Drop every chunk of ``remove`` and of re-added articles, then add ``rows``."""
        rows = list(rows)
        gone = set(remove) | {row.article_id for row in rows}
        with self._lock:
            keep = [i for i, a in enumerate(self.article_of) if a not in gone]
            counts = self.counts[keep] if len(keep) != len(self.article_of) else self.counts
            chunk_ids = [self.chunk_ids[i] for i in keep]
            article_of = [self.article_of[i] for i in keep]
            date_keys = self.date_keys[keep]
            source_names = [self.sources[c] for c in self.source_codes[keep]]
            new_counts = self._count_rows(row.text for row in rows)
            width = max(counts.shape[1], new_counts.shape[1])
            counts = _widened(counts, width)
            new_counts = _widened(new_counts, width)
            self.counts = sparse.vstack([counts, new_counts], format="csc", dtype=np.float32)
            self.chunk_ids = chunk_ids + [row.chunk_id for row in rows]
            self.article_of = article_of + [row.article_id for row in rows]
            self.date_keys = np.concatenate(
                [date_keys, np.asarray([row.date_key for row in rows], dtype=np.int64)]
            )
            self._set_sources(source_names + [row.source for row in rows])
            for article_id in gone:
                self.article_hashes.pop(article_id, None)
            self.article_hashes.update(hashes)
            self.generation = generation
            self._reweight()
            self._row_of = {cid: row for row, cid in enumerate(self.chunk_ids)}

    def _count_rows(self, texts: Iterable[str]) -> sparse.csr_matrix:
        indptr, indices, data = [0], [], []
        for text in texts:
            for term, count in Counter(terms(text)).items():
                column = self.vocabulary.setdefault(term, len(self.vocabulary))
                indices.append(column)
                data.append(count)
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32), indptr),
            shape=(len(indptr) - 1, len(self.vocabulary)),
        )

    def _set_sources(self, names: list[str]) -> None:
        self.sources = sorted(set(names))
        code = {name: i for i, name in enumerate(self.sources)}
        self.source_codes = np.asarray([code[n] for n in names], dtype=np.int32)

    def _reweight(self) -> None:
        """Derive what BM25 needs beside the counts: each term's idf, each chunk's norm."""
        counts = self.counts
        n_docs = counts.shape[0]
        if n_docs == 0:
            self._norm = np.zeros(0, dtype=np.float64)
            self.idf = np.zeros(counts.shape[1], dtype=np.float32)
            return
        lengths = np.asarray(counts.sum(axis=1), dtype=np.float64).ravel()
        average = float(lengths.mean()) or 1.0
        df = np.diff(counts.indptr).astype(np.float32)  # by column: a term's postings
        self.idf = np.log1p((n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        self._norm = K1 * (1 - B + B * lengths / average)

    # -- searching -------------------------------------------------------------

    def query_columns(self, question: str) -> list[int]:
        """Vocabulary columns of the question's terms (unknown terms are dropped)."""
        seen = dict.fromkeys(terms(question))
        return [self.vocabulary[t] for t in seen if t in self.vocabulary]

    def scores(self, question: str) -> np.ndarray:
        """BM25 score of every chunk for ``question`` (zeros where no term matches)."""
        with self._lock:
            columns = self.query_columns(question)
            if not columns or not self.chunk_ids:
                return np.zeros(len(self.chunk_ids), dtype=np.float32)
            counts, scores = self.counts, np.zeros(len(self.chunk_ids), dtype=np.float32)
            for column in columns:  # a term's postings: the chunks it occurs in, its counts
                first, last = counts.indptr[column], counts.indptr[column + 1]
                rows, tf = counts.indices[first:last], counts.data[first:last]
                weight = self.idf[column] * tf / (tf + self._norm[rows])  # Lucene: no (k1 + 1)
                scores[rows] += weight.astype(np.float32)
            return scores

    def mask(
        self, date_from: int = 0, date_to: int = 0, sources: Iterable[str] = ()
    ) -> np.ndarray | None:
        """Rows that pass the filters, or None when there are no filters."""
        wanted = set(sources)
        if not (date_from or date_to or wanted):
            return None
        keep = np.ones(len(self.chunk_ids), dtype=bool)
        if date_from:
            keep &= self.date_keys >= date_from
        if date_to:
            keep &= (self.date_keys <= date_to) & (self.date_keys > 0)
        if wanted:
            codes = [i for i, name in enumerate(self.sources) if name in wanted]
            keep &= np.isin(self.source_codes, codes)
        return keep

    def admitted(self, chunk_ids: Iterable[str], mask: np.ndarray) -> list[bool]:
        """Whether ``mask`` (from ``mask``) admits each chunk; a chunk it does not hold is not."""
        with self._lock:
            rows = [self._row_of.get(cid, -1) for cid in chunk_ids]
            return [row >= 0 and bool(mask[row]) for row in rows]

    def search(self, question: str, k: int, mask: np.ndarray | None = None) -> list[KeywordHit]:
        """The ``k`` best-scoring chunks with a score above zero, best first."""
        with self._lock:
            scores = self.scores(question)
            if mask is not None:
                scores = np.where(mask, scores, 0.0)
            positive = int(np.count_nonzero(scores > 0))
            k = min(k, positive)
            if k <= 0:
                return []
            top = np.argpartition(-scores, k - 1)[:k]
            top = top[np.argsort(-scores[top], kind="stable")]
            return [KeywordHit(self.chunk_ids[i], float(scores[i]), int(i)) for i in top]

    def idf_of(self, term: str) -> float:
        """Inverse document frequency of a stemmed term; unseen terms count as rare."""
        column = self.vocabulary.get(term)
        if column is None or column >= len(self.idf):
            return float(np.log1p(len(self.chunk_ids) + 0.5)) if self.chunk_ids else 1.0
        return float(self.idf[column])

    # -- persistence -----------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Write the state as one file, atomically: a reader sees the old state or the new.

        One file (arrays and metadata together) under a temporary name of its own, then
        renamed: two processes saving at once (the app and a CLI ingest) cannot mix their
        halves, and neither can overwrite the other's half-written file.
        """
        folder.mkdir(parents=True, exist_ok=True)
        with self._lock:
            meta = {
                "format": _FORMAT,
                "generation": self.generation,
                "article_hashes": self.article_hashes,
                "chunk_ids": self.chunk_ids,
                "article_of": self.article_of,
                "sources": self.sources,
                "vocabulary": list(self.vocabulary),
            }
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".bm25-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    np.savez(
                        out,
                        data=self.counts.data,
                        indices=self.counts.indices,
                        indptr=self.counts.indptr,
                        shape=np.asarray(self.counts.shape),
                        date_keys=self.date_keys,
                        source_codes=self.source_codes,
                        meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
                    )
                os.replace(temporary, folder / _FILE)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex | None:
        """The saved state, or None when there is none or it cannot be read whole (it is
        then rebuilt from the index)."""
        try:
            with np.load(folder / _FILE) as arrays:
                meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
                if meta.get("format") != _FORMAT:
                    return None
                index = cls()
                index.counts = sparse.csc_matrix(
                    (arrays["data"], arrays["indices"], arrays["indptr"]),
                    shape=tuple(arrays["shape"]),
                )
                index.date_keys = arrays["date_keys"]
                index.source_codes = arrays["source_codes"]
            index.generation = meta["generation"]
            index.article_hashes = meta["article_hashes"]
            index.chunk_ids = meta["chunk_ids"]
            index.article_of = meta["article_of"]
            index.sources = meta["sources"]
            index.vocabulary = {term: i for i, term in enumerate(meta["vocabulary"])}
        except Exception:  # missing, truncated, not a zip, bad JSON: rebuild, never crash
            return None
        rows, columns = index.counts.shape
        if len(index.chunk_ids) != rows or len(index.vocabulary) > columns:
            return None
        if len(index.date_keys) != rows or len(index.source_codes) != rows:
            return None
        index._reweight()
        index._row_of = {cid: row for row, cid in enumerate(index.chunk_ids)}
        return index


def _widened(matrix: sparse.spmatrix, columns: int) -> sparse.csc_matrix:
    """``matrix`` by column with ``columns`` columns (new terms add empty ones on the right)."""
    matrix = matrix.tocsc()
    if matrix.shape[1] == columns:
        return matrix
    indptr = np.concatenate(
        [matrix.indptr, np.full(columns - matrix.shape[1], matrix.indptr[-1], matrix.indptr.dtype)]
    )
    return sparse.csc_matrix(
        (matrix.data, matrix.indices, indptr), shape=(matrix.shape[0], columns)
    )
