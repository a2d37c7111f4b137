"""The Python API: ask(), history, filters, a missing index (the input checks: text/)."""

import os
import subprocess
import sys

import pytest

from assistant.config import Settings
from assistant.errors import IndexProblem, InvalidInput
from assistant.facade import Assistant


def test_date_and_source_filters_restrict_the_evidence(fake_seed_assistant: Assistant) -> None:
    seed_assistant = fake_seed_assistant
    inside = seed_assistant.ask("Who claimed the Lere attack?", date_from="2024-05-01")
    assert inside.citations and not inside.abstained
    outside = seed_assistant.ask("Who claimed the Lere attack?", date_to="2020-01-01")
    assert outside.abstained and not outside.citations
    other = seed_assistant.ask("Who claimed the Lere attack?", sources=["Reuters"])
    assert other.abstained and not other.citations


def test_offers_are_the_reader_s_spans_in_the_window_each_cited(
    fake_seed_assistant: Assistant,
) -> None:
    """What a watch weighs (``watching.reports``): the reader's choice and its runners-up,
    from the window's articles only, each with its sentence and its own confidence."""
    question = "Who claimed the Lere attack?"
    answer = fake_seed_assistant.ask(question, date_from="2024-05-01", time="off")
    inside = fake_seed_assistant.offers(question, date_from="2024-05-01")
    assert len(inside) > 1 and inside[0].text == answer.short_answer  # the choice first
    assert inside[0].confidence == answer.confidence
    assert all(o.citation.date and o.citation.date >= "2024-05-01" for o in inside)
    for offer in inside:
        quote, at = offer.citation.quote, offer.citation.answer_start
        assert at is not None and quote[at - offer.citation.start :].startswith(offer.text)
    assert not fake_seed_assistant.offers(question, date_to="2020-01-01")


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


def test_stream_takes_the_same_arguments_as_ask(fake_seed_assistant: Assistant) -> None:
    """Issue 26: ``stream`` took no ``mode`` while ``ask`` did."""
    question = "Who claimed responsibility for the attack?"
    for mode in ("bm25", "dense"):
        asked = fake_seed_assistant.ask(question, mode=mode)
        *_, last = fake_seed_assistant.stream(question, mode=mode)
        assert last.answer is not None
        assert [c.chunk_start for c in last.answer.citations] == [
            c.chunk_start for c in asked.citations
        ]
        assert last.answer.short_answer == asked.short_answer
