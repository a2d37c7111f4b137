"""The ``Assistant``: one object per index that the CLI, the API and the UI share.

It opens the index and loads the models on first use (so building one is free), keeps
them for the life of the process, and is safe to call from many threads at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from time import perf_counter
from typing import Any

from assistant.answering.answerer import ReaderAnswerer, shared_reader
from assistant.answering.dating import dated
from assistant.answering.offers import offers
from assistant.answering.timeline import (
    Timeline,
    asks_for_timeline,
    build_timeline,
    timeline_answer,
)
from assistant.config import RetrievalMode, Settings, TimeMode
from assistant.errors import InvalidInput, NotFound
from assistant.facade.parts import Parts, answerer_factory
from assistant.facade.plugins import after_ingest, before_write, load_plugins
from assistant.facade.question_reading import (
    PreparedQuestion,
    plan_for,
    prepare_question,
    time_asked,
)
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
    Offer,
    Partial,
    Passage,
    Retrieved,
)
from assistant.retrieval.retriever import HybridRetriever
from assistant.text.user_input import clean_question, make_filters

TIMELINE_PASSAGES = 60  # passages a timeline is built from (one per story)


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
        retriever: Retriever | None = None,
        answerer: Answerer | None = None,
        **overrides: Any,
    ) -> None:
        load_plugins()  # formats, answerers and embedders installed as plugins
        self.settings = (settings or Settings.from_env()).with_overrides(**overrides)
        self._lock = threading.Lock()
        self._embedder = embedder
        self._store: Store | None = None
        self._retriever: Retriever | None = retriever
        self._answerer: Answerer | None = answerer

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
                self._answerer = answerer_factory(self.settings.answerer)(parts)
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
        as_of: Any = None,
        time: TimeMode | str | None = None,
    ) -> Answer:
        """Answer ``question`` from the index, citing the passages it rests on.

        ``as_of`` answers from what was published up to that day (the newest report then);
        ``time="off"`` ignores the question's time words (by default a window it names
        filters, and "latest" prefers the newest reports).
        """
        filters = make_filters(date_from, date_to, sources)
        return self.run(question, history, filters, mode, as_of=as_of, time=time)[0]

    def timeline(
        self,
        query: str,
        *,
        date_from: Any = None,
        date_to: Any = None,
        sources: Iterable[str] | str | None = None,
        as_of: Any = None,
        time: TimeMode | str | None = None,
    ) -> Timeline:
        """The dated events that match ``query``, in order, and matching articles per period
        (``answering.timeline``); time words in the query narrow it as in ``ask``."""
        filters = make_filters(date_from, date_to, sources)
        asked = time_asked(as_of, time)
        text = clean_question(query, self.settings.max_question_chars)
        subject = asks_for_timeline(text) or text
        plan = plan_for(self, subject, filters, asked)
        retrieved = self.retriever.retrieve(plan.query, k=TIMELINE_PASSAGES, filters=plan.filters)
        return build_timeline(plan.query, retrieved.passages, plan.filters.date_from,
                              plan.filters.date_to)  # fmt: skip

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
        prepared = prepare_question(self, question, None, filters, mode=mode, for_reading=False)
        return prepared.retrieved.passages[:k]

    def offers(self, question: str, *, date_from: Any = None, date_to: Any = None) -> list[Offer]:
        """Every span the span reader finds for ``question`` in the passages dated in the
        window, each with its citation and confidence, the reader's choice first: what a
        watch weighs (``watching.reports``). The question's time words are not read; the
        reader reads even when another answerer answers."""
        filters = make_filters(date_from, date_to, None)
        prepared = prepare_question(self, question, None, filters, time=TimeMode.OFF)
        answerer = self.answerer
        if not isinstance(answerer, ReaderAnswerer):
            reader = shared_reader(self.settings.reader_dir, self.settings.device)
            answerer = ReaderAnswerer(reader, self.settings)
        reading = answerer.read(prepared.standalone, prepared.retrieved, {})
        return offers(prepared.standalone, reading)

    def reading_windows(self, question: str) -> list[Passage]:
        """The passages the reader would read for ``question``, as it reads them (joined
        neighbours, whole paragraphs), then the rest: what the tuning scripts replay."""
        return prepare_question(self, question).retrieved.passages

    def run(
        self,
        question: str,
        history: Sequence[Any] | None = None,
        filters: Filters | None = None,
        mode: RetrievalMode | str | None = None,
        as_of: Any = None,
        time: TimeMode | str | None = None,
        reference: Any = None,
    ) -> tuple[Answer, Retrieved]:
        """``ask``, also returning every retrieved passage (the evaluation scores them all);
        ``reference`` fixes the day relative time words are read against ("today")."""
        started = perf_counter()
        prepared = prepare_question(self, question, history, filters, mode=mode, as_of=as_of,
                                    time=time, reference=reference)  # fmt: skip
        *_, last = self._answers(prepared, started)
        assert last.answer is not None
        return last.answer, prepared.retrieved

    def stream(
        self,
        question: str,
        history: Sequence[Any] | None = None,
        *,
        date_from: Any = None,
        date_to: Any = None,
        sources: Iterable[str] | str | None = None,
        mode: RetrievalMode | str | None = None,
        as_of: Any = None,
        time: TimeMode | str | None = None,
    ) -> Iterator[Partial]:
        """``ask`` as it happens (the same arguments): partial text (LLM answers) and then
        the final ``Answer``."""
        started = perf_counter()
        filters = make_filters(date_from, date_to, sources)
        prepared = prepare_question(self, question, history, filters, mode=mode, as_of=as_of,
                                    time=time)  # fmt: skip
        yield from self._answers(prepared, started)

    def _answers(self, prepared: PreparedQuestion, started: float) -> Iterator[Partial]:
        """The answerer's partial replies; the last one carries the ``Answer``, timed and
        dated (what it is as of, how the question's time was read)."""
        text, standalone, time_read = prepared.question, prepared.standalone, prepared.time
        retrieved, timings = prepared.retrieved, prepared.timings
        t0 = perf_counter()
        if (subject := asks_for_timeline(standalone)) is not None:  # "Timeline of the CMA"
            window = time_read.plan.filters
            found = build_timeline(subject, retrieved.passages, window.date_from, window.date_to)
            answer = dated(timeline_answer(text, found), time_read)
            timings["total_ms"] = (perf_counter() - started) * 1000
            yield Partial(answer.text, answer.citations, replace(answer, timings=timings))
            return
        for partial in self.answerer.stream(text, standalone, retrieved, timings):
            if partial.answer is not None:
                timings["answer_ms"] = (perf_counter() - t0) * 1000
                timings["total_ms"] = (perf_counter() - started) * 1000
                answer = dated(partial.answer, time_read)
                if not retrieved.passages:
                    answer = replace(answer, text=self._nothing_found(prepared.filters))
                partial = Partial(answer.text, answer.citations, answer)
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
            before_write=None if rebuild else (lambda ids: before_write(self, ids)),
        )
        with self._lock:
            if rebuild:
                self._store = None
                self._retriever = None
                self._answerer = None
        if self._retriever is not None:
            self._retriever.refresh(force=True)
        after_ingest(self, replace(report, written=()) if rebuild else report)  # nothing new
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
            raise NotFound(f"No article {article_id!r} in the index.")
        return found

    def delete(self, article_id: str, wait: float = 10.0) -> int:
        """Remove an article from the index; returns how many chunks went with it."""
        with writer_lock(self.settings, wait):
            self.store.catch_up()
            entry = self.store.entry(article_id)
            if entry is None:
                raise NotFound(f"No article {article_id!r} in the index.")
            removed = self.store.delete_articles([article_id])
            if entry.story:  # only its own story can change
                assign_stories(self.store, entry.story)
            self.store.bump_generation()
        if self._retriever is not None:
            self._retriever.refresh(force=True)
        return removed
