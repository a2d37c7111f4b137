"""The seams a contributor extends, without editing the package (issue 23).

A file format is one reader registered with ``register_format``; an answerer is a class
with ``answer`` and ``stream`` registered with ``register_answerer``; an embedder a
factory registered with ``register_embedder``. A plugin distribution does it from an
entry point (group ``news_archive_qa``), loaded when the first ``Assistant`` is built:
here a real dist-info folder on the path, in this process and in a CLI subprocess.
``Assistant(...)`` also takes a retriever and an answerer directly. The classes the
product ships satisfy the Protocols the stages depend on.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FAKE_EMBEDDER

from assistant import register_answerer, register_format
from assistant.answering.answerer import ReaderAnswerer
from assistant.config import Settings
from assistant.facade import Assistant, Parts, parts
from assistant.index.embeddings import SentenceEmbedder
from assistant.ingest.documents import Record
from assistant.ingest.formats import FORMATS, supported_suffixes
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


@pytest.fixture
def fresh_tables() -> Iterator[None]:
    """The registries as they were, after the test (registration is process-wide)."""
    saved = [(table, dict(table)) for table in (FORMATS, parts.ANSWERERS)]
    yield
    for table, before in saved:
        table.clear()
        table.update(before)


def test_a_new_format_is_one_reader_registered(fake_fresh: Settings, fresh_tables: None) -> None:
    register_format(".csv", _csv_rows)
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
        self.quoted = " ".join(retrieved.passages[0].text.split()[:8])  # its opening words
        return Answer(question, self.quoted, (), False, timings, standalone)

    def stream(
        self, question: str, standalone: str, retrieved: Retrieved, timings: dict[str, float]
    ) -> Iterator[Partial]:
        answer = self.answer(question, standalone, retrieved, timings)
        yield Partial(answer.text, (), answer)


def test_a_new_answerer_is_one_class_registered_by_name(
    fake_seed_settings: Settings, fresh_tables: None
) -> None:
    register_answerer("first-sentence", FirstSentence)
    settings = fake_seed_settings.with_overrides(answerer="first-sentence")
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


def test_an_unknown_answerer_is_named_with_the_known_ones(fake_seed_settings: Settings) -> None:
    from assistant.errors import InvalidInput

    assistant = Assistant(fake_seed_settings.with_overrides(answerer="oracle"),
                          embedder=FAKE_EMBEDDER)  # fmt: skip
    with pytest.raises(InvalidInput, match="'oracle' is not one of: extractive, llm"):
        assistant.ask("Who claimed the Lere attack?")


def test_the_assistant_takes_a_retriever_and_an_answerer(fake_seed_settings: Settings) -> None:
    seed = Assistant(fake_seed_settings, embedder=FAKE_EMBEDDER)
    answerer = FirstSentence(Parts(FAKE_EMBEDDER, None, fake_seed_settings))  # type: ignore[arg-type]
    assistant = Assistant(fake_seed_settings, embedder=FAKE_EMBEDDER, retriever=seed.retriever,
                          answerer=answerer)  # fmt: skip
    answer = assistant.ask("How many soldiers were killed?")
    assert assistant.retriever is seed.retriever and answer.text == answerer.quoted


PLUGIN = """
import csv, io
from assistant import register_format
from assistant.ingest.documents import Record


def rows(text, path):
    for number, row in enumerate(csv.DictReader(io.StringIO(text))):
        yield Record(text=row["text"], path=f"{path}#{number}", file_stem=path.stem,
                     collection=path.stem, title=row["title"], date=row["date"],
                     record_id=str(number))


def register():
    register_format(".csv", rows)
"""


def plugin_site(folder: Path) -> Path:
    """A plugin distribution as pip leaves it: a module and its dist-info entry point."""
    folder.mkdir()
    (folder / "news_csv.py").write_text(PLUGIN, encoding="utf-8")
    info = folder / "news_csv-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: news-csv\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[news_archive_qa]\ncsv = news_csv:register\n")
    return folder


CSV = (
    "title,date,text\n"
    'Port strike ends,2024-03-02,"Dockers in Tema voted on Friday to end the strike."\n'
    'Cocoa harvest,2024-03-04,"Ghana expects a cocoa harvest of 650,000 tonnes."\n'
)


def test_a_plugin_distribution_adds_a_format_without_touching_the_package(
    fake_fresh: Settings, fresh_tables: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from assistant.facade.plugins import load_plugins

    monkeypatch.syspath_prepend(str(plugin_site(tmp_path / "site")))
    assert ".csv" not in supported_suffixes()
    assert "csv" in load_plugins(force=True)
    (Path(fake_fresh.corpus_dir) / "wire.csv").write_text(CSV, encoding="utf-8")
    assistant = Assistant(fake_fresh, embedder=FAKE_EMBEDDER)
    assert assistant.ingest([fake_fresh.corpus_dir]).added == 2
    answer = assistant.ask("How big a cocoa harvest does Ghana expect?")
    assert answer.short_answer == "650,000 tonnes"
    assert answer.citations[0].title == "Cocoa harvest"


@pytest.mark.integration
def test_the_command_line_loads_the_plugin_too(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    site = plugin_site(tmp_path / "site")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "wire.csv").write_text(CSV, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ["PYTHONPATH"]])}
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "ingest", str(corpus), "--quiet",
         "--index-dir", str(tmp_path / "index")],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout.startswith("2 added"), done.stderr
