"""A window's dense search, filtered after a wide plain search (issue 31): the same chunks
Chroma's filtered search gives, whether the wide fetch holds enough (a wide window) or the
search falls back to Chroma's filter (a narrow window, a rare source). A real Chroma
index; vectors from the hashing embedder the tests share (no model needed)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import FAKE_EMBEDDER

from assistant.config import Settings
from assistant.facade import Assistant
from assistant.records import Filters
from assistant.retrieval.filtered_search import WIDEN, dense_search, where_of

TOPICS = ["harbour strike", "grain exports", "oil prices", "bank rates", "election results"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    corpus = tmp_path_factory.mktemp("filtered-corpus")
    records = [
        {"id": f"a{n}", "title": f"Report {n}", "source": "Rare" if n % 97 == 0 else "Wire",
         "date": (dt.date(1987, 1, 1) + dt.timedelta(days=n % 300)).isoformat() if n % 11
         else None,
         "text": f"The {TOPICS[n % 5]} were reported on day {n}. Officials said more about the "
                 f"{TOPICS[(n + 1) % 5]} would follow in report {n}."}
        for n in range(400)
    ]  # fmt: skip
    (corpus / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    settings = Settings.from_env(index_dir=tmp_path_factory.mktemp("filtered-index"),
                                 corpus_dir=corpus, embedding_model=FAKE_EMBEDDER.name)  # fmt: skip
    assistant = Assistant(settings, embedder=FAKE_EMBEDDER)
    assistant.ingest([corpus])
    return assistant


@pytest.mark.parametrize(
    "filters",
    [
        Filters(dt.date(1987, 1, 1), dt.date(1987, 10, 31)),  # wide: the plain fetch suffices
        Filters(dt.date(1987, 3, 1), dt.date(1987, 3, 3)),  # narrow: Chroma's filter
        Filters(date_from=dt.date(1987, 6, 1)),
        Filters(sources=("Rare",)),
        Filters(dt.date(1987, 1, 1), dt.date(1987, 12, 31), ("Wire", "Rare")),
    ],
)
def test_the_same_chunks_as_chromas_filtered_search(archive: Assistant, filters: Filters) -> None:
    store = archive.store
    assert archive.stats()[1] > 20 * WIDEN  # the wide fetch does not hold the whole index
    for topic in TOPICS:
        vector = FAKE_EMBEDDER.encode_one(f"What about the {topic}?")
        exact = store.query(vector, 20, where_of(filters))
        found = dense_search(store, vector, 20, filters)
        # as near, one by one (chunks at the same distance may come in either order)
        assert [round(c.distance or 0, 5) for c in found] == [
            round(c.distance or 0, 5) for c in exact
        ]
        assert all(chunk.id in {c.id for c in exact} or chunk.distance == found[-1].distance
                   for chunk in found)  # fmt: skip


def test_a_wide_window_is_served_by_one_plain_search(
    archive: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    query = archive.store.query

    def counted(vector: object, k: int, where: object = None) -> object:
        calls.append(where)
        return query(vector, k, where)  # type: ignore[arg-type]

    monkeypatch.setattr(archive.store, "query", counted)
    vector = FAKE_EMBEDDER.encode_one("What about the oil prices?")
    dense_search(archive.store, vector, 20, Filters(dt.date(1987, 1, 1), dt.date(1987, 10, 31)))
    assert calls == [None]  # no filtered search
    calls.clear()
    dense_search(archive.store, vector, 20, Filters(dt.date(1987, 3, 1), dt.date(1987, 3, 3)))
    assert calls[0] is None and calls[1] is not None  # too few passed: Chroma's filter
