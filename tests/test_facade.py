"""The Python API: ask(), history, filters and input checks."""

import os
import subprocess
import sys

import pytest

from assistant.config import Settings
from assistant.errors import IndexProblem, InvalidInput
from assistant.facade import Assistant, clean_question, make_filters


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("?!?", "no words"),
        ("x" * 100_000, "limit is 2,000"),
        (b"\xff\xfe\x00\x81", "not UTF-8"),
        (42, "must be text"),
    ],
)
def test_bad_questions_get_a_clear_message(question: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        clean_question(question, 2000)


def test_control_characters_are_dropped_from_questions() -> None:
    assert clean_question("Who\x00 claimed\x1b[31m it?", 2000) == "Who claimed [31m it?"


def test_filters_accept_loose_input_and_reject_nonsense() -> None:
    filters = make_filters("2024-05-01", "May 31, 2024", "AFP")
    assert str(filters.date_from) == "2024-05-01" and str(filters.date_to) == "2024-05-31"
    assert filters.sources == ("AFP",)
    with pytest.raises(InvalidInput, match="not a date"):
        make_filters("yesterday-ish")
    with pytest.raises(InvalidInput, match="after"):
        make_filters("2024-06-01", "2024-05-01")
    for nonsense in (5, [5], {"AFP": 1}, [None]):
        with pytest.raises(InvalidInput, match="sources must be a source name or a list"):
            make_filters(sources=nonsense)
    assert make_filters(sources=["AFP", " "]).sources == ("AFP",)


def test_a_question_with_undecodable_bytes_or_bidi_controls() -> None:
    with pytest.raises(InvalidInput, match="bytes that are not UTF-8"):
        clean_question("Who claimed \udcff the attack?", 2000)  # how argv keeps a bad byte
    assert clean_question("Who \u202eclaimed\u202c it?", 2000) == "Who claimed it?"


def test_date_and_source_filters_restrict_the_evidence(fake_seed_assistant: Assistant) -> None:
    seed_assistant = fake_seed_assistant
    inside = seed_assistant.ask("Who claimed the Lere attack?", date_from="2024-05-01")
    assert inside.citations and not inside.abstained
    outside = seed_assistant.ask("Who claimed the Lere attack?", date_to="2020-01-01")
    assert outside.abstained and not outside.citations
    other = seed_assistant.ask("Who claimed the Lere attack?", sources=["Reuters"])
    assert other.abstained and not other.citations


def test_history_turns_a_follow_up_into_a_standalone_question(
    fake_seed_assistant: Assistant,
) -> None:
    seed_assistant = fake_seed_assistant
    first = seed_assistant.ask("Who claimed responsibility for the attack?")
    history = [
        {"role": "user", "content": "Who claimed responsibility for the attack?"},
        {"role": "assistant", "content": first.text},
    ]
    answer = seed_assistant.ask("When did they sign a peace deal?", history)
    assert "CMA" in answer.standalone_question
    assert answer.short_answer == "2015"
    with pytest.raises(InvalidInput, match="history"):
        seed_assistant.ask("When?", [("user", "hi")])


def test_missing_index_says_how_to_build_it(fresh: Settings) -> None:
    with pytest.raises(IndexProblem, match="assistant ingest"):
        Assistant(fresh).ask("Who claimed the Lere attack?")


@pytest.mark.integration  # a new process: the real model
def test_module_level_ask_uses_the_environment(seed_settings: Settings) -> None:
    code = (
        "from assistant import ask; a = ask('How many soldiers were killed?'); "
        "print(a.short_answer, a.citations[0].title)"
    )
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(seed_settings.index_dir)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "five Lere attack"
