"""Ingest into a real persistent Chroma in a temporary folder, with the hashing embedder
(tests/fakes.py): what is embedded, kept and removed does not depend on the model."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import FAKE_EMBEDDER, SEED

from assistant.config import Settings
from assistant.errors import IndexBusy, IndexProblem
from assistant.facade import Assistant
from assistant.index import indexer
from assistant.index.locking import writer_lock
from assistant.index.same_text import same_source
from assistant.index.store import Store
from assistant.records import IngestReport


def ingest(paths: list[Path], settings: Settings) -> IngestReport:
    return indexer.ingest(paths, settings, embedder=FAKE_EMBEDDER)


@pytest.fixture
def fresh(fake_fresh: Settings) -> Settings:
    return fake_fresh


def chunk_ids(settings: Settings) -> list[str]:
    store = Store.open(settings)
    return sorted(store.chunks.get(include=[])["ids"])


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ingest_is_idempotent(fresh: Settings) -> None:
    shutil.copy(SEED, fresh.corpus_dir)
    first = ingest([fresh.corpus_dir], fresh)
    assert (first.added, first.updated, first.removed, first.unchanged) == (1, 0, 0, 0)
    assert first.chunks_embedded == first.chunks > 3
    ids = chunk_ids(fresh)
    second = ingest([fresh.corpus_dir], fresh)
    assert (second.added, second.updated, second.removed, second.unchanged) == (0, 0, 0, 1)
    assert second.chunks_embedded == 0
    assert chunk_ids(fresh) == ids
    assert "0 added, 0 updated, 0 removed, 1 unchanged" in second.summary()


def test_changed_article_reembeds_only_itself_and_removed_leaves(fresh: Settings) -> None:
    corpus = fresh.corpus_dir
    write(corpus, "one.txt", "Floods hit the valley on Monday. Rain fell for three days.")
    two = write(corpus, "two.txt", "The port strike ended. Dockers voted to return to work.")
    three = write(corpus, "three.txt", "Cocoa prices rose. Farmers sold their crop early.")
    assert ingest([corpus], fresh).added == 3

    two.write_text(
        "The port strike ended after nine days. Dockers voted to return. "
        "Ships queued outside the harbour. Unions claimed a pay rise.",
        encoding="utf-8",
    )
    three.unlink()
    report = ingest([corpus], fresh)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 1, 1, 1)
    assert report.chunks_embedded == report.chunks - 1  # one.txt kept its single chunk
    store = Store.open(fresh)
    titles = {e.title for e in store.manifest().values()}
    assert titles == {"One", "Two"}
    assert not [c for c in store.chunks.get(include=["documents"])["documents"] if "Cocoa" in c]


def test_bad_files_are_skipped_and_the_rest_ingested(fresh: Settings) -> None:
    corpus = fresh.corpus_dir
    shutil.copy(SEED, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.html").write_bytes(b"\x00\x01\x02" * 100)
    (corpus / "broken.json").write_text("{oops", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 30)
    (corpus / "mixed.jsonl").write_text(
        '{"id": "ok", "text": "A fine story about rain."}\nnot json\n', encoding="utf-8"
    )
    report = ingest([corpus], fresh)
    assert report.added == 2
    skipped = {Path(p.path.split(":")[0]).name for p in report.skipped}
    assert skipped == {"empty.txt", "binary.html", "broken.json", "bad.txt", "mixed.jsonl"}


def test_a_file_that_turns_bad_keeps_its_old_articles(fresh: Settings) -> None:
    path = write(fresh.corpus_dir, "feed.json", '[{"id": "1", "text": "Rates were cut."}]')
    ingest([fresh.corpus_dir], fresh)
    path.write_text("[{broken", encoding="utf-8")
    report = ingest([fresh.corpus_dir], fresh)
    assert report.removed == 0 and report.articles == 1
    assert report.skipped and "not valid JSON" in report.skipped[0].message


def test_ingesting_another_folder_leaves_the_first_alone(fresh: Settings, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    write(fresh.corpus_dir, "a.txt", "Alpha story text.")
    write(other, "b.txt", "Beta story text.")
    ingest([fresh.corpus_dir], fresh)
    report = ingest([other], fresh)
    assert (report.added, report.removed, report.articles) == (1, 0, 2)


def test_index_built_with_another_model_is_refused(fresh: Settings) -> None:
    write(fresh.corpus_dir, "a.txt", "Alpha story text.")
    ingest([fresh.corpus_dir], fresh)
    other = fresh.with_overrides(embedding_model=str(fresh.index_dir / "some-other-model"))
    expected = "built with the embedding model 'test-hashing-embedder'"
    with pytest.raises(IndexProblem, match=expected):
        Store.open(other)


def test_second_writer_is_refused_with_a_message(fresh: Settings) -> None:
    write(fresh.corpus_dir, "a.txt", "Alpha story text.")
    with writer_lock(fresh), pytest.raises(IndexBusy, match="Another process is writing"):
        ingest([fresh.corpus_dir], fresh)


def test_corrupted_index_folder_gets_a_clear_error(fresh: Settings) -> None:
    fresh.index_dir.mkdir(parents=True)
    (fresh.index_dir / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(IndexProblem, match=r"rebuild|not a readable Chroma index"):
        Store.open(fresh)


def test_asking_an_unbuilt_index_creates_nothing(fresh: Settings) -> None:
    with pytest.raises(IndexProblem, match="No index"):
        Store.open(fresh)
    assert not fresh.index_dir.exists()


def test_a_folder_of_other_things_is_not_written_into(fresh: Settings, tmp_path: Path) -> None:
    home = tmp_path / "somebodys-folder"
    home.mkdir()
    (home / "thesis.docx").write_bytes(b"precious")
    write(fresh.corpus_dir, "a.txt", "Alpha story text.")
    with pytest.raises(IndexProblem, match="refusing to write there"):
        ingest([fresh.corpus_dir], fresh.with_overrides(index_dir=home))
    assert sorted(p.name for p in home.iterdir()) == ["thesis.docx"]


def test_a_chroma_index_written_by_something_else_is_refused(fresh: Settings) -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(
        path=str(fresh.index_dir), settings=ChromaSettings(anonymized_telemetry=False)
    )
    client.create_collection("news-chunks", embedding_function=None)
    client.create_collection("news-articles", embedding_function=None)
    with pytest.raises(IndexProblem, match="did not write"):
        Store.open(fresh)


def test_the_same_story_under_two_names_is_one_article(fresh: Settings, tmp_path: Path) -> None:
    text = "Port strike\n\nDockers in Rotterdam voted on Tuesday to end a nine-day strike."
    write(fresh.corpus_dir, "b-wire.txt", text)
    first = ingest([fresh.corpus_dir], fresh)
    write(fresh.corpus_dir, "a-copy.txt", text)  # sorts first, but the indexed one stays
    second = ingest([fresh.corpus_dir], fresh)
    assert (first.added, second.added, second.unchanged, second.articles) == (1, 0, 1, 1)
    [note] = second.problems
    assert note.path.endswith("a-copy.txt") and not note.skipped
    assert note.message.startswith("has the same text as another article; indexed once, as b-wire-")
    other = tmp_path / "elsewhere"
    other.mkdir()
    write(other, "third.txt", text)  # the same text from another folder is not added either
    assert ingest([other], fresh).articles == 1
    (fresh.corpus_dir / "b-wire.txt").unlink()  # the kept one goes: its twin takes its place
    third = ingest([fresh.corpus_dir], fresh)
    assert (third.articles, third.added, third.removed) == (1, 1, 1)
    [entry] = Store.open(fresh).manifest().values()
    assert entry.path.endswith("a-copy.txt")


def test_progress_moves_within_one_long_article(fresh: Settings) -> None:
    """A single 5 MB upload is one article: its progress counts chunks, not articles, and
    the vectors are those of one encoder call."""
    long = "Storm season\n\n" + "\n\n".join(
        f"Report {n}: the harbour of town {n} reopened after {n} days of storms."
        for n in range(4000)
    )
    (Path(fresh.corpus_dir) / "storms.txt").write_text(long, encoding="utf-8")
    seen: list[tuple[int, int]] = []
    indexer.ingest([fresh.corpus_dir], fresh, progress=lambda d, t: seen.append((d, t)),
                   embedder=FAKE_EMBEDDER)  # fmt: skip
    total = seen[-1][1]
    assert total > 2 * indexer.PROGRESS_TEXTS and seen[-1][0] == total
    between = {d for d, _ in seen if 0 < d < total}
    assert len(between) >= total // indexer.PROGRESS_TEXTS - 1
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


STRIKE = (
    "Dockers in Rotterdam voted on Tuesday to end a nine-day strike that had left more than "
    "forty container ships waiting outside the harbour.\n\n"
    "The port authority agreed to a pay rise of four percent and to hire two hundred more "
    "crane operators by the end of the year, the union said.\n\n"
    "Shipping lines warned that clearing the backlog could take until the middle of next "
    "month, and some cargo was diverted to Antwerp and Hamburg."
)


def wire(folder: Path, name: str, *records: tuple[str, str, str, str]) -> None:
    """A JSONL feed of (id, source, date, title) records that all carry ``STRIKE``."""
    lines = [
        json.dumps({"id": rid, "source": source, "date": date, "title": title, "text": STRIKE})
        for rid, source, date, title in records
    ]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_the_same_text_from_two_outlets_is_one_story_naming_both(fresh: Settings) -> None:
    corpus = Path(fresh.corpus_dir)
    wire(corpus, "wire.jsonl", ("r1", "Reuters", "2024-05-27", "Rotterdam strike ends"),
         ("a1", "AP", "2024-05-28", "Rotterdam strike ends"))  # fmt: skip
    assistant = Assistant(fresh, embedder=FAKE_EMBEDDER)
    first = assistant.ingest([corpus])
    assert (first.added, first.articles, first.problems) == (2, 2, ())
    assert first.chunks_embedded == first.chunks // 2  # the copy borrowed the vectors
    manifest = assistant.store.manifest()
    assert sorted(manifest) == ["wire/a1", "wire/r1"]
    assert {e.story for e in manifest.values()} == {"wire/r1"}  # the earliest
    reuters, ap = (assistant.store.chunks_of([a]) for a in ("wire/r1", "wire/a1"))
    assert [c.text for c in reuters] == [c.text for c in ap]

    question = "How long did the dockers' strike in Rotterdam last?"
    cited = assistant.ask(question).citations[0]
    assert (cited.source, [r.source for r in cited.also]) == ("Reuters", ["AP"])

    again = assistant.ingest([corpus])
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 2)
    assert (again.chunks_embedded, again.articles, again.problems) == (0, 2, ())

    rebuilt = assistant.ingest([corpus], rebuild=True)
    assert (rebuilt.added, rebuilt.articles, rebuilt.chunks) == (2, 2, first.chunks)

    assistant.delete("wire/r1")  # the one cited: the copy still answers, alone
    assert [e.story for e in assistant.store.manifest().values()] == [""]
    cited = assistant.ask(question).citations[0]
    assert (cited.article_id, cited.source, cited.also) == ("wire/a1", "AP", ())
    assert len(list(assistant.store.chunks_of(["wire/a1"]))) == first.chunks // 2


def test_an_identical_short_text_under_other_headlines_joins_the_story(fresh: Settings) -> None:
    """A short body is fingerprinted with its headline; the same text is one story anyway."""
    text = "Dockers in Rotterdam voted on Tuesday to end a nine-day strike."
    records = [
        {"id": "r1", "source": "Reuters", "title": "Strike ends", "text": text},
        {"id": "a1", "source": "AP", "title": "Dockers go back to work", "text": text},
    ]
    (fresh.corpus_dir / "wire.jsonl").write_text("\n".join(map(json.dumps, records)) + "\n")
    report = ingest([fresh.corpus_dir], fresh)
    assert (report.added, report.chunks_embedded, report.chunks) == (2, 2, 2)  # other titles
    manifest = Store.open(fresh).manifest()
    assert {e.story for e in manifest.values()} == {"wire/a1"}  # undated: the first by id


def test_the_same_text_from_the_same_outlet_is_indexed_once(fresh: Settings) -> None:
    corpus = Path(fresh.corpus_dir)
    wire(corpus, "feed-a.jsonl", ("r1", "Reuters", "2024-05-27", "Rotterdam strike ends"))
    wire(corpus, "feed-b.jsonl", ("r1", " reuters ", "2024-05-27", "Rotterdam strike ends"))
    report = ingest([corpus], fresh)
    assert (report.added, report.articles) == (1, 1)
    [note] = report.problems
    assert note.path.startswith(str(corpus / "feed-b.jsonl")) and not note.skipped
    assert note.message == "has the same text as another article; indexed once, as feed-a/r1"
    again = ingest([corpus], fresh)
    assert (again.added, again.unchanged, again.articles, again.problems) == (0, 1, 1, (note,))


def test_a_kept_copy_outlives_the_file_it_borrowed_vectors_from(fresh: Settings) -> None:
    corpus = Path(fresh.corpus_dir)
    wire(corpus, "reuters.jsonl", ("r1", "Reuters", "2024-05-27", "Rotterdam strike ends"))
    first = ingest([corpus], fresh)
    wire(corpus, "ap.jsonl", ("a1", "AP", "2024-05-28", "Rotterdam strike ends"),
         ("a2", "ap", "2024-05-28", "Rotterdam strike ends"))  # fmt: skip
    second = ingest([corpus], fresh)
    assert (second.added, second.unchanged, second.chunks_embedded) == (1, 1, 0)
    assert [p.message.rsplit(" ", 1)[-1] for p in second.problems] == ["ap/a1"]
    (corpus / "reuters.jsonl").unlink()
    third = ingest([corpus], fresh)
    assert (third.removed, third.unchanged, third.articles, third.chunks) == (1, 1, 1, first.chunks)
    store = Store.open(fresh)
    [entry] = store.manifest().values()
    assert (entry.id, entry.story, entry.chunks) == ("ap/a1", "", first.chunks)
    article = store.get_article("ap/a1")
    assert article is not None
    stored = store.get_chunks(chunk_ids(fresh), embeddings=True)
    expected = FAKE_EMBEDDER.encode([f"{article.title}\n{c.text}" for c in stored])
    assert np.allclose([c.embedding for c in stored], expected)  # its own chunks, whole


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [("Reuters", " reuters ", True), ("", "AP", True), ("AP", "", True), ("AP", "Reuters", False)],
)
def test_an_unknown_source_is_the_same_as_any(first: str, second: str, same: bool) -> None:
    assert same_source(first, second) is same


def test_chunks_are_upserted_in_the_batches_chroma_allows(
    fresh: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(fresh, create=True)
    assert store.write_batch() == store.client.get_max_batch_size() > 1000  # Chroma's own size
    sizes: list[int] = []
    original = Store.write_articles

    def spied(self: Store, batch, replacing) -> None:  # type: ignore[no-untyped-def]
        self._write_batch = 3  # a small client limit, so one write needs several calls
        upsert = self.chunks.upsert

        def counted(**kwargs):  # type: ignore[no-untyped-def]
            sizes.append(len(kwargs["ids"]))
            return upsert(**kwargs)

        monkeypatch.setattr(self.chunks, "upsert", counted)
        original(self, batch, replacing)

    monkeypatch.setattr(Store, "write_articles", spied)
    shutil.copy(SEED, fresh.corpus_dir)
    report = ingest([fresh.corpus_dir], fresh)
    assert sum(sizes) == report.chunks > 3 and max(sizes) == 3  # by id, in order, none twice


def test_the_manifest_is_written_in_the_client_s_batches_too(
    fresh: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Ray job's batch holds thousands of articles: their manifest lines go in parts too."""
    calls: list[tuple[str, int]] = []
    original = Store._call

    def counted(self: Store, method, **kwargs):  # type: ignore[no-untyped-def]
        if getattr(method, "__name__", "") in {"upsert", "update"}:
            calls.append((method.__name__, len(kwargs.get("ids", ()))))
        return original(self, method, **kwargs)

    monkeypatch.setattr(Store, "write_batch", lambda self: 2)
    monkeypatch.setattr(Store, "_call", counted)
    for n in range(5):
        write(fresh.corpus_dir, f"{n}.txt", f"Report {n}. The port of town {n} reopened today.")
    assert ingest([fresh.corpus_dir], fresh).added == 5
    assert calls and max(size for _, size in calls) == 2
    assert sum(size for name, size in calls if name == "update") >= 5  # every article's line
