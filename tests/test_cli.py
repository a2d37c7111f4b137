"""The assistant command, run as a user runs it: a separate process."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED

from assistant.config import Settings

pytestmark = pytest.mark.slow


def run(*args: str, index: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(index)}
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_ask_prints_the_answer_and_its_passages(seed_settings: Settings) -> None:
    out = run("ask", "Who claimed the Lere attack?", index=seed_settings.index_dir)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("The Coordination of Azawad Movements (CMA) [1]")
    assert "[1] Lere attack | 2024-05-27 | Agence France-Presse" in out.stdout
    assert "claimed responsibility" in out.stdout


def test_ask_json_prints_answer_to_dict(seed_settings: Settings) -> None:
    out = run("ask", "How many soldiers were killed?", "--json", index=seed_settings.index_dir)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["short_answer"] == "five" and data["abstained"] is False
    assert data["citations"][0]["n"] == 1
    assert data["citations"][0]["quote"].startswith("An attack on two military camps")
    assert "total_ms" in data["timings"]


def test_ingest_prints_a_summary_and_problems(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    (corpus / "broken.json").write_text("{", encoding="utf-8")
    out = run("ingest", str(corpus), "--quiet", index=tmp_path / "index")
    assert out.returncode == 0, out.stderr
    assert "1 added, 0 updated, 0 removed, 0 unchanged" in out.stdout
    assert "broken.json: is not valid JSON" in out.stderr
    out = run("ingest", str(corpus), "--quiet", index=tmp_path / "index")
    assert "0 added, 0 updated, 0 removed, 1 unchanged" in out.stdout
    stats = run("stats", index=tmp_path / "index")
    assert stats.stdout.startswith("1 articles,")


@pytest.mark.parametrize(
    "args",
    [
        ("ask", "Who claimed the Lere attack?"),  # no index yet
        ("ask", "   "),
        ("ask", "x" * 5000),
        ("ingest", "/no/such/folder/at/all"),
        ("delete", "no-such-article"),
    ],
)
def test_user_errors_are_one_line_without_traceback(tmp_path: Path, args: tuple[str, ...]) -> None:
    out = run(*args, index=tmp_path / "index")
    assert "Traceback" not in out.stderr
    if args[0] == "ingest":  # a missing path is skipped with a message, not fatal
        assert "does not exist" in out.stderr
        return
    assert out.returncode == 2
    assert out.stderr.startswith("error: ")
