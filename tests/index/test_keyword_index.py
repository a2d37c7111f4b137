import numpy as np
import pytest

from assistant.index.keyword_index import ChunkRow, KeywordIndex
from assistant.text.terms import plain_terms, stem, terms

DOCS = [
    ("a:0", "a", "The army said five soldiers were killed in the attack on Lere.", 20240527, "AFP"),
    (
        "a:1",
        "a",
        "Rebels claimed responsibility for the attack on two military camps.",
        20240527,
        "AFP",
    ),
    ("b:0", "b", "Cocoa prices rose as showers eased the drought in Bahia.", 19870226, "Reuters"),
    ("b:1", "b", "Farmers sold cocoa held on consignment; prices rose again.", 19870226, "Reuters"),
    ("c:0", "c", "The central bank kept interest rates unchanged.", 0, "BBC"),
]


def build(docs=DOCS) -> KeywordIndex:
    index = KeywordIndex()
    rows = [ChunkRow(cid, aid, text, date, source) for cid, aid, text, date, source in docs]
    index.replace_articles([], rows, {aid: "h" for _, aid, _, _, _ in docs}, "g1")
    return index


def test_scores_match_bm25s_lucene() -> None:
    """Parity with a peer implementation (bm25s, Lucene variant) on the same tokens."""
    bm25s = pytest.importorskip("bm25s")
    index = build()
    peer = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
    peer.index([terms(text) for _, _, text, _, _ in DOCS], show_progress=False)
    for question in ("soldiers killed attack", "cocoa prices", "interest rates bank", "drought"):
        ours = index.scores(question)
        theirs = peer.get_scores(list(dict.fromkeys(terms(question))))
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)


def test_search_ranks_and_filters() -> None:
    index = build()
    assert [h.chunk_id for h in index.search("cocoa prices", 5)] == ["b:1", "b:0"]
    assert index.search("unseen words", 5) == []
    only_2024 = index.mask(date_from=20240101)
    assert {h.chunk_id for h in index.search("attack cocoa", 5, only_2024)} == {"a:0", "a:1"}
    undated_excluded = index.mask(date_to=20991231)
    assert "c:0" not in {h.chunk_id for h in index.search("bank rates", 5, undated_excluded)}
    bbc = index.mask(sources=["BBC"])
    assert [h.chunk_id for h in index.search("bank cocoa", 5, bbc)] == ["c:0"]


def test_admitted_answers_by_chunk_id_after_updates_and_a_reload(tmp_path) -> None:
    """What the window's dense search asks of ids it found in Chroma (filtered_search)."""
    index = build()
    ids = ["c:0", "a:1", "unknown:0", "b:0"]
    assert index.admitted(ids, index.mask(date_from=20240101)) == [False, True, False, False]
    assert index.admitted(ids, index.mask(sources=["BBC", "Reuters"])) == [True, False, False, True]
    index.replace_articles(["a"], [], {}, "g2")  # rows move: the map follows them
    assert index.admitted(ids, index.mask(sources=["BBC", "Reuters"])) == [True, False, False, True]
    index.save(tmp_path)
    loaded = KeywordIndex.load(tmp_path)
    assert loaded is not None
    assert loaded.admitted(ids, loaded.mask(date_to=19991231)) == [False, False, False, True]


def test_incremental_update_equals_full_rebuild() -> None:
    index = build()
    changed = ChunkRow("b:0", "b", "Cocoa arrivals fell sharply this week.", 19870226, "Reuters")
    index.replace_articles(["c"], [changed], {"b": "h2"}, "g2")
    rebuilt = build([("a:0", *DOCS[0][1:]), ("a:1", *DOCS[1][1:]),
                     ("b:0", "b", changed.text, 19870226, "Reuters")])  # fmt: skip
    assert sorted(index.chunk_ids) == sorted(rebuilt.chunk_ids) == ["a:0", "a:1", "b:0"]
    for question in ("cocoa arrivals", "attack", "bank"):
        ours = dict(zip(index.chunk_ids, index.scores(question), strict=True))
        theirs = dict(zip(rebuilt.chunk_ids, rebuilt.scores(question), strict=True))
        assert ours == pytest.approx(theirs)
    assert index.article_hashes == {"a": "h", "b": "h2"}


def test_save_and_load_round_trip(tmp_path) -> None:
    index = build()
    index.save(tmp_path)
    loaded = KeywordIndex.load(tmp_path)
    assert loaded is not None
    assert loaded.generation == "g1" and loaded.chunk_ids == index.chunk_ids
    np.testing.assert_allclose(loaded.scores("cocoa"), index.scores("cocoa"))
    saved = (tmp_path / "bm25.npz").read_bytes()
    (tmp_path / "bm25.npz").write_bytes(saved[: len(saved) // 2])  # a torn write
    assert KeywordIndex.load(tmp_path) is None  # rebuilt from the index, never a crash
    (tmp_path / "bm25.npz").write_bytes(b"{not a zip")
    assert KeywordIndex.load(tmp_path) is None


def test_two_processes_saving_at_once_leave_one_whole_file(tmp_path) -> None:
    """The app and a CLI ingest save the BM25 state at the same moment (issue 21): each
    writes its own temporary file and renames it, so the result is one writer's, whole."""
    import threading

    first, second = build(), build()
    second.generation = "g2"
    barrier = threading.Barrier(2)

    def save(index: KeywordIndex) -> None:
        barrier.wait()
        for _ in range(20):
            index.save(tmp_path)

    threads = [threading.Thread(target=save, args=(i,)) for i in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    loaded = KeywordIndex.load(tmp_path)
    assert loaded is not None and loaded.generation in ("g1", "g2")
    assert [p.name for p in tmp_path.iterdir()] == ["bm25.npz"]  # no temporary file left


def test_light_stemmer() -> None:
    assert stem("soldiers") == stem("soldier") == "soldier"
    assert stem("killed") == stem("killing") == "kill"
    assert stem("glass") == "glass" and stem("status") == "status"
    assert stem("postings") == stem("posting") == stem("posted") == "post"
    assert stem("things") == "thing" and stem("kings") == "king"  # too short a stem
    assert terms("The soldiers were killed") == ["soldier", "kill"]


def test_plain_terms_take_a_possessive_as_its_name_and_terms_keep_it() -> None:
    assert plain_terms("OPEC’s Hughes's ceilings") == terms("OPEC Hughes ceiling")
    assert terms("OPEC's ceiling") == ["opec's", "ceil"]  # BM25 counts the word as written


def test_the_wires_abbreviations_are_the_words_they_stand_for() -> None:
    wire = "Qtly div 20 cts vs 20 cts prior"
    spelled = "quarterly dividend 20 cents vs 20 cents prior"
    assert terms(wire) == terms(spelled)
    assert stem("dlrs") == stem("dollars") and stem("pct") == stem("percent")
    assert stem("shrs") == stem("shares") == "share" and stem("mln") == "million"
