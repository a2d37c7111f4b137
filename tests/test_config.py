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
    assert Settings.from_env().answerer is AnswererKind.LLM  # naming a model selects it


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ASSISTANT_READ_PASSAGES", "0", "passages to read"),
        ("ASSISTANT_ABSTAIN_BELOW", "high", "not a number"),
        ("ASSISTANT_RETRIEVAL", "magic", "not one of"),
    ],
)
def test_bad_values_are_named(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(InvalidInput, match=message):
        Settings.from_env()
