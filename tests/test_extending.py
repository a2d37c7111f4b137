"""The seams a contributor extends, used as the README's architecture section says.

A file format is one reader and one entry in ``ingest.formats.FORMATS``; an answerer is a
class with ``answer`` and ``stream`` and one entry in ``facade.ANSWERERS``. The classes
the product ships satisfy the Protocols the stages depend on.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FAKE_EMBEDDER

from assistant import facade
from assistant.answering.answerer import ReaderAnswerer
from assistant.config import AnswererKind, Settings
from assistant.facade import Assistant, Parts
from assistant.index.embeddings import SentenceEmbedder
from assistant.ingest.documents import Record
from assistant.ingest.formats import FORMATS, supported_suffixes, whole_file
from assistant.ingest.loaders import find_files
from assistant.llm.answerer import LLMAnswerer
from assistant.protocols import Answerer, Embedder, Retriever
from assistant.records import Answer, Partial, Problem, Retrieved
from assistant.retrieval.retriever import HybridRetriever


def _csv_rows(text: str, path: Path) -> Iterator[Record | Problem]:
    """A CSV with ``title,date,text`` columns: one article per row."""
    for number, row in enumerate(csv.DictReader(io.StringIO(text))):
        yield Record(
            text=row.get("text", ""),
            path=f"{path}#{number}",
            file_stem=path.stem,
            collection=path.stem,
            title=row.get("title", ""),
            date=row.get("date", ""),
            record_id=str(number),
        )


def test_a_new_format_is_one_reader_and_one_entry(
    fake_fresh: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(FORMATS, ".csv", whole_file(_csv_rows))
    corpus = Path(fake_fresh.corpus_dir)
    (corpus / "wire.csv").write_text(
        "title,date,text\n"
        'Port strike ends,2024-03-02,"Dockers in Tema voted on Friday to end the strike."\n'
        'Cocoa harvest,2024-03-04,"Ghana expects a cocoa harvest of 650,000 tonnes."\n',
        encoding="utf-8",
    )
    assert ".csv" in supported_suffixes()
    assert [p for p in find_files([corpus]) if isinstance(p, Path)] == [
        (corpus / "wire.csv").resolve()
    ]
    assistant = Assistant(fake_fresh, embedder=FAKE_EMBEDDER)
    report = assistant.ingest([corpus])
    assert (report.added, report.problems) == (2, ())
    assert {(a.title, a.date) for a in assistant.articles()} == {
        ("Port strike ends", "2024-03-02"),
        ("Cocoa harvest", "2024-03-04"),
    }
    answer = assistant.ask("Where did dockers vote to end the strike?")
    assert answer.citations[0].title == "Port strike ends"


def test_without_its_entry_the_format_is_refused_by_name(fake_fresh: Settings) -> None:
    (Path(fake_fresh.corpus_dir) / "wire.csv").write_text("title,text\na,b\n", encoding="utf-8")
    report = Assistant(fake_fresh, embedder=FAKE_EMBEDDER).ingest([fake_fresh.corpus_dir])
    assert report.added == 0
    assert "unsupported type .csv; use one of .txt, .md" in str(report.problems[0])


class FirstSentence:
    """An answerer that quotes the best passage's opening words (for this test only)."""

    def __init__(self, parts: Parts) -> None:
        self.parts = parts
        self.quoted = ""

    def answer(
        self, question: str, standalone: str, retrieved: Retrieved, timings: dict[str, float]
    ) -> Answer:
        self.quoted = retrieved.passages[0].text.split(".")[0]
        return Answer(question, self.quoted, (), False, timings, standalone)

    def stream(
        self, question: str, standalone: str, retrieved: Retrieved, timings: dict[str, float]
    ) -> Iterator[Partial]:
        answer = self.answer(question, standalone, retrieved, timings)
        yield Partial(answer.text, (), answer)


def test_a_new_answerer_is_one_class_and_one_entry(
    fake_seed_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(facade.ANSWERERS, AnswererKind.LLM, FirstSentence)
    settings = fake_seed_settings.with_overrides(answerer="llm", llm="any")
    assistant = Assistant(settings, embedder=FAKE_EMBEDDER)
    answer = assistant.ask("Who claimed the Lere attack?")
    answerer = assistant.answerer
    assert isinstance(answerer, FirstSentence) and isinstance(answerer, Answerer)
    assert answer.text == answerer.quoted and len(answer.text) > 20
    assert answer.timings["total_ms"] > 0  # the facade timed it like any answerer


def test_the_shipped_classes_satisfy_the_protocols() -> None:
    assert isinstance(FAKE_EMBEDDER, Embedder)
    for cls, protocol in [
        (SentenceEmbedder, Embedder),
        (HybridRetriever, Retriever),
        (ReaderAnswerer, Answerer),
        (LLMAnswerer, Answerer),
    ]:
        members = [n for n in vars(protocol) if not n.startswith("_")]
        members += list(protocol.__annotations__)
        missing = [
            name
            for name in members
            if not hasattr(cls, name) and name not in getattr(cls, "__dataclass_fields__", {})
        ]
        assert not missing, f"{cls.__name__} lacks {missing} of {protocol.__name__}"
