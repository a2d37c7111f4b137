"""The ``Assistant`` facade: one object per index that the CLI, the API and the UI share.

It opens the index and loads the models on first use (so building one is free), keeps
them for the life of the process, and is safe to call from many threads at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from assistant.answering.answerer import ReaderAnswerer, shared_reader
from assistant.answering.followup import condense
from assistant.answering.reader import SpanReader
from assistant.config import AnswererKind, RetrievalMode, Settings, parse_enum
from assistant.errors import InvalidInput
from assistant.index.embeddings import get_embedder
from assistant.index.indexer import Progress, ingest
from assistant.index.locking import writer_lock
from assistant.index.store import Store
from assistant.index.stories import assign_stories
from assistant.protocols import Answerer, Embedder, Retriever
from assistant.records import (
    Answer,
    Article,
    ArticleEntry,
    Filters,
    IngestReport,
    Partial,
    Passage,
    Retrieved,
)
from assistant.retrieval.retriever import HybridRetriever
from assistant.text.user_input import clean_question, make_filters


@dataclass(frozen=True)
class Parts:
    """What an answerer may be built from: the loaded models and the settings."""

    embedder: Embedder
    reader: SpanReader
    settings: Settings


def _reader_answerer(parts: Parts) -> Answerer:
    return ReaderAnswerer(parts.reader, parts.settings)


def _llm_answerer(parts: Parts) -> Answerer:
    from assistant.llm.answerer import LLMAnswerer  # the LLM libraries load only when chosen

    return LLMAnswerer(parts.embedder, parts.reader, parts.settings)


# A new answerer is a class with ``answer`` and ``stream`` (``protocols.Answerer``), an
# ``AnswererKind`` member, and one line here.
ANSWERERS: dict[AnswererKind, Callable[[Parts], Answerer]] = {
    AnswererKind.EXTRACTIVE: _reader_answerer,
    AnswererKind.LLM: _llm_answerer,
}


class Assistant:
    """Ask questions of one index; ingest into it; list and delete its articles.

    ``embedder`` stands in for the settings' sentence-transformers model (the fast tests
    pass a deterministic one); an index remembers which model built it.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        **overrides: Any,
    ) -> None:
        self.settings = (settings or Settings.from_env()).with_overrides(**overrides)
        self._lock = threading.Lock()
        self._embedder = embedder
        self._store: Store | None = None
        self._retriever: HybridRetriever | None = None
        self._answerer: Answerer | None = None

    # -- lazily opened parts ---------------------------------------------------------

    @property
    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = Store.open(self.settings)
            return self._store

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = get_embedder(
                    self.settings.embedding_model,
                    self.settings.embedding_backend,
                    self.settings.device,
                )
            return self._embedder

    @property
    def retriever(self) -> Retriever:
        store, embedder = self.store, self.embedder
        with self._lock:
            if self._retriever is None:
                store.check_model(embedder.name, embedder.dimension)
                self._retriever = HybridRetriever(store, embedder, self.settings)
            return self._retriever

    @property
    def answerer(self) -> Answerer:
        embedder = self.embedder
        with self._lock:
            if self._answerer is None:
                reader = shared_reader(self.settings.reader_dir, self.settings.device)
                parts = Parts(embedder, reader, self.settings)
                self._answerer = ANSWERERS[self.settings.answerer](parts)
            return self._answerer

    def warm_up(self) -> None:
        """Open the index and load every model now rather than on the first question."""
        from assistant.text.nlp import pipeline

        self.retriever.refresh(force=True)
        self.embedder.encode_one("warm up")  # ONNX Runtime loads with the first question
        _ = self.answerer
        pipeline()

    # -- asking ------------------------------------------------------------------------

    def ask(
        self,
        question: str,
        history: Sequence[Any] | None = None,
        *,
        date_from: Any = None,
        date_to: Any = None,
        sources: Iterable[str] | str | None = None,
        mode: RetrievalMode | str | None = None,
    ) -> Answer:
        """Answer ``question`` from the index, citing the passages it rests on."""
        filters = make_filters(date_from, date_to, sources)
        return self.run(question, history, filters, mode)[0]

    def search(
        self,
        question: str,
        k: int = 5,
        *,
        date_from: Any = None,
        date_to: Any = None,
        sources: Iterable[str] | str | None = None,
        mode: RetrievalMode | str | None = None,
    ) -> list[Passage]:
        """The ``k`` best passages for ``question``, best first, without answering it."""
        if not isinstance(k, int) or not 1 <= k <= self.settings.candidates:
            raise InvalidInput(f"k must be a whole number from 1 to {self.settings.candidates}.")
        filters = make_filters(date_from, date_to, sources)
        _, _, retrieved, _ = self._retrieve(question, None, filters, mode)
        return retrieved.passages[:k]

    def run(
        self,
        question: str,
        history: Sequence[Any] | None = None,
        filters: Filters | None = None,
        mode: RetrievalMode | str | None = None,
    ) -> tuple[Answer, Retrieved]:
        """``ask``, also returning every retrieved passage (the evaluation scores them all)."""
        started = time.perf_counter()
        prepared = self._retrieve(question, history, filters, mode)
        *_, last = self._answers(*prepared, filters or Filters(), started)
        assert last.answer is not None
        return last.answer, prepared[2]

    def stream(
        self,
        question: str,
        history: Sequence[Any] | None = None,
        *,
        date_from: Any = None,
        date_to: Any = None,
        sources: Iterable[str] | str | None = None,
    ) -> Iterator[Partial]:
        """``ask`` as it happens: partial text (LLM answers) and then the final ``Answer``."""
        started = time.perf_counter()
        filters = make_filters(date_from, date_to, sources)
        prepared = self._retrieve(question, history, filters, None)
        yield from self._answers(*prepared, filters, started)

    def _answers(
        self,
        text: str,
        standalone: str,
        retrieved: Retrieved,
        timings: dict[str, float],
        filters: Filters,
        started: float,
    ) -> Iterator[Partial]:
        """The answerer's partial replies; the last one carries the ``Answer``, timed."""
        t0 = time.perf_counter()
        for partial in self.answerer.stream(text, standalone, retrieved, timings):
            if partial.answer is not None:
                timings["answer_ms"] = (time.perf_counter() - t0) * 1000
                timings["total_ms"] = (time.perf_counter() - started) * 1000
                if not retrieved.passages:
                    answer = replace(partial.answer, text=self._nothing_found(filters))
                    partial = Partial(answer.text, (), answer)
            yield partial

    def _nothing_found(self, filters: Filters) -> str:
        """Why no passage came back: the filters, an empty index, or no shared words."""
        if filters != Filters():
            parts = [f"source {', '.join(filters.sources)}" if filters.sources else "",
                     f"from {filters.date_from}" if filters.date_from else "",
                     f"to {filters.date_to}" if filters.date_to else ""]  # fmt: skip
            wanted = "; ".join(p for p in parts if p)
            return f"No indexed article matches the filters ({wanted}). Clear or widen them."
        if self.stats()[0] == 0:
            return "The index holds no articles yet. Add some first (assistant ingest, or Library)."
        return "The articles do not answer this: no passage shares its words or meaning."

    def _retrieve(
        self,
        question: str,
        history: Sequence[Any] | None,
        filters: Filters | None,
        mode: RetrievalMode | str | None,
    ) -> tuple[str, str, Retrieved, dict[str, float]]:
        """Check the question, make it standalone, and find its passages."""
        text = clean_question(question, self.settings.max_question_chars)
        retrieval_mode = parse_enum(RetrievalMode, mode, "mode") if mode else None
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        standalone = condense(text, history) if history else text
        timings["condense_ms"] = (time.perf_counter() - t0) * 1000
        retrieved = self.retriever.retrieve(standalone, filters=filters, mode=retrieval_mode)
        timings.update(retrieved.timings)
        timings["retrieve_ms"] = sum(retrieved.timings.values())
        return text, standalone, retrieved, timings

    # -- the index ---------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[Path | str],
        progress: Progress | None = None,
        rebuild: bool = False,
        wait: float = 0.0,
    ) -> IngestReport:
        """Index files or folders; questions asked meanwhile keep being answered."""
        report = ingest(
            paths,
            self.settings,
            progress=progress,
            rebuild=rebuild,
            wait=wait,
            embedder=self._embedder,
        )
        with self._lock:
            if rebuild:
                self._store = None
                self._retriever = None
                self._answerer = None
        if self._retriever is not None:
            self._retriever.refresh(force=True)
        return report

    def stats(self) -> tuple[int, int]:
        """(articles, chunks) in the index."""
        return self.store.counts()

    def articles(self) -> list[ArticleEntry]:
        """Every indexed article, newest first (undated last)."""
        entries = [e for e in self.store.manifest().values() if e.ready]
        return sorted(entries, key=lambda e: (e.date or "", e.title), reverse=True)

    def sources(self) -> list[str]:
        return sorted({e.source for e in self.articles() if e.source})

    def article(self, article_id: str) -> Article:
        """The full text of an indexed article."""
        found = self.store.get_article(article_id)
        if found is None:
            raise InvalidInput(f"No article {article_id!r} in the index.")
        return found

    def delete(self, article_id: str, wait: float = 10.0) -> int:
        """Remove an article from the index; returns how many chunks went with it."""
        with writer_lock(self.settings, wait):
            self.store.catch_up()
            entry = self.store.entry(article_id)
            if entry is None:
                raise InvalidInput(f"No article {article_id!r} in the index.")
            removed = self.store.delete_articles([article_id])
            if entry.story:  # only its own story can change
                assign_stories(self.store, entry.story)
            self.store.bump_generation()
        if self._retriever is not None:
            self._retriever.refresh(force=True)
        return removed


_DEFAULT: dict[tuple[Any, ...], Assistant] = {}
_DEFAULT_LOCK = threading.Lock()


def default_assistant() -> Assistant:
    """One shared ``Assistant`` per environment configuration."""
    settings = Settings.from_env()
    key = tuple(sorted((k, str(v)) for k, v in settings.__dict__.items()))
    with _DEFAULT_LOCK:
        if key not in _DEFAULT:
            _DEFAULT[key] = Assistant(settings)
        return _DEFAULT[key]


def ask(question: str, history: Sequence[Any] | None = None, **filters: Any) -> Answer:
    """Answer ``question`` from the index the environment names (``ASSISTANT_INDEX_DIR``)."""
    return default_assistant().ask(question, history, **filters)
