"""The founding article's questions, answered by the real pipeline over a real index."""

import pytest

from assistant.chat import Assistant
from assistant.models import Answer

pytestmark = pytest.mark.slow


def check_offsets(assistant: Assistant, answer: Answer) -> None:
    for citation in answer.citations:
        article = assistant.article(citation.article_id)
        assert article.text[citation.start : citation.end] == citation.quote
        chunk_end = citation.chunk_start + len(citation.text)
        assert article.text[citation.chunk_start : chunk_end] == citation.text
        assert citation.chunk_start <= citation.start < citation.end <= chunk_end


def test_who_claimed_the_lere_attack(seed_assistant: Assistant) -> None:
    answer = seed_assistant.ask("Who claimed the Lere attack?")
    assert not answer.abstained
    assert "Coordination of Azawad Movements" in answer.short_answer
    assert "(CMA)" in answer.short_answer
    assert answer.text.endswith("[1]")
    first = answer.citations[0]
    assert first.n == 1
    assert "claimed responsibility for the attack" in first.quote
    assert first.title == "Lere attack" and first.date == "2024-05-27"
    assert first.source == "Agence France-Presse"
    check_offsets(seed_assistant, answer)


def test_how_many_soldiers_were_killed(seed_assistant: Assistant) -> None:
    answer = seed_assistant.ask("How many soldiers were killed?")
    assert not answer.abstained
    assert answer.short_answer == "five"
    assert "killed five soldiers" in answer.citations[0].quote
    check_offsets(seed_assistant, answer)


def test_what_did_the_army_say_it_lost(seed_assistant: Assistant) -> None:
    answer = seed_assistant.ask("What did the army say it lost?")
    assert not answer.abstained
    assert "plane" in answer.short_answer
    assert "lost a plane" in answer.citations[0].quote


@pytest.mark.parametrize(
    "question",
    [
        "Who won the 2022 football World Cup?",
        "What is the capital of Australia?",
        "How much did Apple pay for Beats headphones?",
    ],
)
def test_questions_the_article_cannot_answer_abstain(
    seed_assistant: Assistant, question: str
) -> None:
    answer = seed_assistant.ask(question)
    assert answer.abstained
    assert answer.short_answer == ""
    assert "do not answer" in answer.text
    assert answer.citations  # the nearest passages are still shown
    check_offsets(seed_assistant, answer)


def test_citations_are_numbered_distinct_and_timed(seed_assistant: Assistant) -> None:
    answer = seed_assistant.ask("When did the CMA sign a peace agreement?")
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert len({(c.article_id, c.start) for c in answer.citations}) == len(answer.citations)
    assert answer.short_answer == "2015"
    for stage in ("retrieve_ms", "answer_ms", "total_ms", "embed_ms", "dense_ms", "bm25_ms"):
        assert answer.timings[stage] >= 0
    data = answer.to_dict()
    assert set(data) >= {"text", "citations", "abstained", "timings"}
    assert set(data["citations"][0]) >= {
        "n", "article_id", "title", "date", "source", "text", "quote", "start", "end", "score",
    }  # fmt: skip
