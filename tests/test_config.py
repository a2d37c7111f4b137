"""Settings from the environment, and the README's configuration table kept true to them."""

import re
from pathlib import Path

import pytest

from assistant import config
from assistant.config import AnswererKind, Settings
from assistant.errors import InvalidInput

ROOT = Path(__file__).resolve().parents[1]


def _readme_variables() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `ASSISTANT_")]
    return {
        name for row in rows for name in re.findall(r"`(ASSISTANT_[A-Z_]+)`", row.split("|")[1])
    }


def test_the_readme_table_names_every_variable_the_package_reads_and_no_other() -> None:
    package = Path(config.__file__).parent
    sources = "".join(f.read_text(encoding="utf-8") for f in package.rglob("*.py"))
    read = set(re.findall(r'"(ASSISTANT_[A-Z_]+)"', sources))
    assert {"ASSISTANT_INDEX_DIR", "ASSISTANT_READER_DIR", "ASSISTANT_DEBUG"} <= read
    documented = _readme_variables()
    assert read == documented, (
        f"read by the package only: {sorted(read - documented)}; "
        f"in the README only: {sorted(documented - read)}"
    )


def test_the_readme_defaults_match_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _readme_variables():
        monkeypatch.delenv(name, raising=False)
    settings = Settings.from_env()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| `ASSISTANT_ABSTAIN_BELOW` | `{settings.abstain_below}` |" in readme
    assert f"| `ASSISTANT_READ_PASSAGES` | `{settings.read_passages}` |" in readme
    assert f"| `ASSISTANT_MAX_FILE_BYTES` | `{settings.max_file_bytes}` |" in readme
    assert f"`{settings.candidates}` / `{settings.citations}` |" in readme


def test_environment_and_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ASSISTANT_READ_PASSAGES", "3")
    monkeypatch.setenv("ASSISTANT_READER_DIR", str(tmp_path))
    settings = Settings.from_env(citations=2)
    assert settings.read_passages == 3 and settings.reader_dir == tmp_path
    assert settings.citations == 2
    monkeypatch.setenv("ASSISTANT_LLM", "smollm2")
    assert Settings.from_env().answerer == AnswererKind.LLM  # naming a model selects it


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ASSISTANT_READ_PASSAGES", "0", "passages to read"),
        ("ASSISTANT_ABSTAIN_BELOW", "high", "is not valid: give a number"),
        ("ASSISTANT_RETRIEVAL", "magic", "not one of"),
    ],
)
def test_bad_values_are_named(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(InvalidInput, match=message):
        Settings.from_env()


# One valid value per field as text (as the environment, a CLI flag or a request gives it),
# the typed value it must become, and a value the field cannot take.
EVERY_FIELD = {
    "index_dir": ("my-index", Path("my-index"), None),
    "corpus_dir": ("my-corpus", Path("my-corpus"), None),
    "web_dir": ("web-pages", Path("web-pages"), None),
    "chroma_url": ("http://10.0.0.5:8000", "http://10.0.0.5:8000", "ftp://x"),
    "collection": ("wire", "wire", None),
    "embedding_model": ("all-MiniLM-L6-v2", "all-MiniLM-L6-v2", None),
    "embedding_backend": ("ONNX", config.EmbeddingBackend.ONNX, "tensorflow"),
    "device": ("cpu", config.Device.CPU, "tpu"),
    "chunk_max_chars": ("600", 600, "wide"),
    "chunk_overlap_sentences": ("2", 2, "1.5"),
    "embed_batch_size": ("32", 32, "0"),
    "retrieval": ("bm25", config.RetrievalMode.BM25, "magic"),
    "candidates": ("25", 25, "twenty"),
    "citations": ("4", 4, "-1"),
    "answerer": ("extractive", "extractive", None),
    "reader_dir": ("build/reader", Path("build/reader"), None),
    "read_passages": ("4", 4, "all"),
    "llm": ("smollm2", "smollm2", None),
    "llm_base_url": ("http://gpu:8000/v1", "http://gpu:8000/v1", None),
    "llm_max_tokens": ("200", 200, "many"),
    "abstain_below": ("0.5", 0.5, "high"),
    "max_question_chars": ("1000", 1000, "long"),
    "max_file_bytes": ("1000000", 1000000, "1MB"),
    "host": ("0.0.0.0", "0.0.0.0", None),
    "port": ("8080", 8080, "http"),
    "auth": ("ana:correct-horse-battery", "ana:correct-horse-battery", None),
    "allowed_hosts": ("a.example, b.example", ("a.example", "b.example"), None),
    "feed_minutes": ("30", 30, "hourly"),
    "fetch_private": ("no", False, "maybe"),
    "watch_webhook": ("https://hooks.example/alerts", "https://hooks.example/alerts", None),
    "watch_notify": (
        "ntfy://alerts mailto://u:p@example.com",
        "ntfy://alerts mailto://u:p@example.com",
        None,
    ),
    "mcp_writes": ("yes", True, "sometimes"),
    "hemisphere": ("south", config.Hemisphere.SOUTH, "east"),
    "engine": ("ray", config.IngestEngine.RAY, "spark"),
    "ray_address": ("head-node:6379", "head-node:6379", None),
}


def test_the_table_covers_every_field() -> None:
    from dataclasses import fields

    assert set(EVERY_FIELD) == {f.name for f in fields(Settings)}
    assert set(config.ENV_NAMES) == {f.name for f in fields(Settings)} - {"max_question_chars"}


@pytest.mark.parametrize("name", sorted(EVERY_FIELD))
def test_every_setting_converts_the_same_way_from_every_door(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The environment, ``from_env(**overrides)``, ``with_overrides`` (CLI flags, the HTTP
    API's parameters) take the same text and give the same typed value (issue 23)."""
    text, typed, bad = EVERY_FIELD[name]
    extra = {"llm": "smollm2"} if name == "answerer" else {}
    by_override = Settings.from_env(**{name: text}, **extra)
    assert getattr(by_override, name) == typed
    assert getattr(Settings().with_overrides(**{name: typed}, **extra), name) == typed
    if env := config.ENV_NAMES.get(name):
        monkeypatch.setenv(env, text)
        assert getattr(Settings.from_env(**extra), name) == typed
        monkeypatch.delenv(env)
    if bad is not None:
        with pytest.raises(InvalidInput) as raised:
            Settings.from_env(**{name: bad})
        message = str(raised.value)
        assert name.split("_")[0] in message and "\n" not in message  # one line, named


def test_a_string_no_is_false_not_truthy() -> None:
    """The report: ``from_env(fetch_private="no")`` kept the truthy string "no"."""
    assert Settings.from_env(fetch_private="no").fetch_private is False
    assert Settings.from_env(candidates="20").candidates == 20
