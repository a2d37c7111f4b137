"""Fusion of the dense and BM25 lists: the pooled candidates re-ranked, or one list kept."""

import numpy as np

from assistant.records import StoredChunk
from assistant.retrieval.rerank import rank_candidates
from assistant.retrieval.retriever import rrf


def chunk(cid: str, text: str, similarity: float | None = None, title: str = "") -> StoredChunk:
    vector = np.array([similarity or 0.0, np.sqrt(1 - (similarity or 0.0) ** 2)])
    return StoredChunk(
        id=cid, article_id=cid, text=text, start=0, end=len(text), title=title, date=None,
        source="", url="", date_key=0, embedding=vector,
        distance=None if similarity is None else 1.0 - similarity,
    )  # fmt: skip


QUERY = np.array([1.0, 0.0])
CHUNKS = {
    "a": chunk("a", "The army said little about the weather.", 0.60),
    "b": chunk("b", "Rebels claimed the Lere attack on Sunday.", 0.50),
    "c": chunk("c", "Markets rose in Bamako.", 0.55),
}


def idf(term: str) -> float:
    return 1.0


def fetch(ids: list[str]) -> list[StoredChunk]:
    return [chunk(i, CHUNKS[i].text, 0.50) for i in ids]


def test_the_chunk_with_the_key_words_rises_to_the_top() -> None:
    dense = [CHUNKS["a"], CHUNKS["c"]]
    keyword = {"b": 4.0, "a": 1.0}
    fused = rrf([["a", "c"], ["b", "a"]])
    ranked = rank_candidates(
        fused, dense, keyword, "Who claimed the Lere attack?", QUERY, 3, fetch, idf
    )
    assert [r.chunk.id for r in ranked] == ["b", "a", "c"]
    assert ranked[0].dense == 0.5  # from the fetched vector: dense search did not find it
    assert ranked[0].bm25 == 4.0 and ranked[2].bm25 is None


def test_one_retriever_keeps_its_own_order() -> None:
    keyword = {"c": 3.0, "b": 2.0}
    ranked = rank_candidates(
        rrf([[], list(keyword)]), [], keyword, "Who claimed it?", QUERY, 1, fetch, idf
    )
    assert [r.chunk.id for r in ranked] == ["c"]


def test_the_headline_s_words_count_as_the_chunk_s() -> None:
    """A notice naming its company only in the headline meets a question naming it."""
    notices = {
        "air": chunk("air", "Qtly div 20 cts vs 20 cts prior", 0.50,
                     "AIR PRODUCTS AND CHEMICALS INC IN PAYOUT"),
        "dow": chunk("dow", "Qtly div 50 cts vs 50 cts prior", 0.52,
                     "DOW CHEMICAL REGULAR DIVIDEND"),
    }  # fmt: skip
    ranked = rank_candidates(
        rrf([["dow", "air"], ["air", "dow"]]), list(notices.values()), {"air": 5.0, "dow": 3.0},
        "What quarterly dividend does Air Products pay?", QUERY, 2, fetch, idf,
    )  # fmt: skip
    assert [r.chunk.id for r in ranked] == ["air", "dow"]  # "air", "products": the headline
