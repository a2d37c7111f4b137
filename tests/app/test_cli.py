"""The assistant command, run as a user runs it: a separate process (a session's later
commands in the test's own process, ``cli_inline``: the same ``main``, the models loaded
once)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_inline import run_inline
from conftest import SEED

from assistant.config import Settings

pytestmark = pytest.mark.integration


def run(*args: str, index: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(index)}
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def then(*args: str, index: Path) -> subprocess.CompletedProcess[str]:
    """A later command of the same session, in this process."""
    return run_inline(*args, env={"ASSISTANT_INDEX_DIR": str(index)})


def test_ask_prints_the_answer_and_its_passages(seed_settings: Settings) -> None:
    out = run("ask", "Who claimed responsibility for the attack?", index=seed_settings.index_dir)
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
    out = then("ingest", str(corpus), "--quiet", index=tmp_path / "index")
    assert "0 added, 0 updated, 0 removed, 1 unchanged" in out.stdout
    stats = then("stats", index=tmp_path / "index")
    assert stats.stdout.startswith("1 articles,")


@pytest.mark.parametrize(
    "args",
    [
        ("ask", "Who claimed responsibility for the attack?"),  # no index yet
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


def test_one_hostile_file_never_stops_an_ingest(tmp_path: Path) -> None:
    """Deep JSON and a link out of the corpus are skipped by name; the rest goes in."""
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    shutil.copy(SEED, corpus)
    (corpus / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (corpus / "deep2.json").write_text('{"a":' * 50_000 + "1" + "}" * 50_000)
    (outside / "secret.txt").write_text("The vault code is 4242.", encoding="utf-8")
    (corpus / "notes.txt").symlink_to(outside / "secret.txt")
    for command in (run, then):  # and the next run (make run's) still works
        out = command("ingest", str(corpus), "--quiet", index=tmp_path / "index")
        assert out.returncode == 0, out.stderr
        assert "Traceback" not in out.stderr
        assert "deep.json: is nested too deeply" in out.stderr
        assert "deep2.json: is nested too deeply" in out.stderr
        assert "notes.txt: points outside" in out.stderr
        assert "Index: 1 articles" in out.stdout
    answer = then("ask", "What is the vault code?", "--json", index=tmp_path / "index")
    shown = json.loads(answer.stdout)
    shown.pop("timings")  # milliseconds may hold the digits by chance
    assert "4242" not in json.dumps(shown)


def test_a_question_with_bytes_that_are_not_utf8(seed_settings: Settings) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", b"Who claimed \xff the attack?"],
        env={**os.environ, "ASSISTANT_INDEX_DIR": str(seed_settings.index_dir)},
        capture_output=True, timeout=300,
    )  # fmt: skip
    assert out.returncode == 2
    assert out.stderr.decode() == (
        "error: The question has bytes that are not UTF-8; retype it, or set the terminal "
        "to UTF-8.\n"
    )


def test_filters_that_match_nothing_say_so(seed_settings: Settings) -> None:
    out = run("ask", "Who claimed the attack?", "--source", "Nobody Weekly",
              index=seed_settings.index_dir)  # fmt: skip
    assert out.returncode == 0
    assert out.stdout.startswith(
        "No indexed article matches the filters (source Nobody Weekly). Clear or widen them."
    )
    assert "nearest passages" not in out.stdout


def test_invisible_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "feed.jsonl").write_text(
        json.dumps({"title": "Flood \u202e2024-06-05\u202c", "source": "Wire\u2066",
                    "text": "Water rose two metres in Porto on Monday."}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    index = tmp_path / "index"
    run("ingest", str(corpus), "--quiet", index=index)
    shown = then("ask", "How much did the water rise in Porto?", index=index).stdout
    shown += then("articles", index=index).stdout
    assert "Flood 2024-06-05" in shown
    assert not any(ch in shown for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_many_copies_of_one_story_are_summarised_not_listed(tmp_path: Path) -> None:
    corpus = tmp_path / "copies"
    corpus.mkdir()
    for n in range(30):
        (corpus / f"copy-{n:02}.txt").write_text(
            "Port strike\n\nDockers in Rotterdam voted on Tuesday to end a nine-day strike.\n",
            encoding="utf-8",
        )
    out = run("ingest", str(corpus), "--quiet", index=tmp_path / "index")
    assert out.returncode == 0, out.stderr
    notes = out.stderr.splitlines()
    assert sum(line.startswith("note: ") for line in notes) == 20
    assert "... and 9 more: has the same text as another article" in notes
    assert len(notes) <= 22
