"""The founding article's questions, answered by the shipped reader over a real index."""

import itertools

import pytest

from assistant.facade import Assistant
from assistant.records import Answer

pytestmark = pytest.mark.integration


def check_offsets(assistant: Assistant, answer: Answer) -> None:
    """Every offset points into the article: chunk, quote and the answer inside the quote."""
    for citation in answer.citations:
        article = assistant.article(citation.article_id)
        assert article.text[citation.start : citation.end] == citation.quote
        chunk_end = citation.chunk_start + len(citation.text)
        assert article.text[citation.chunk_start : chunk_end] == citation.text
        assert citation.chunk_start <= citation.start < citation.end <= chunk_end
        if citation.answer_start is not None:
            assert citation.supports and citation.answer_end is not None
            assert citation.start <= citation.answer_start < citation.answer_end <= citation.end
    if not answer.abstained:
        first = answer.citations[0]
        text = assistant.article(first.article_id).text
        assert text[first.answer_start : first.answer_end] == answer.short_answer


def test_who_claimed_responsibility_for_the_attack(seed_assistant: Assistant) -> None:
    answer = seed_assistant.ask("Who claimed responsibility for the attack?")
    assert not answer.abstained and answer.confidence > 0.5
    assert "Coordination of Azawad Movements" in answer.short_answer
    assert answer.text == f"{answer.short_answer} [1]"
    first = answer.citations[0]
    assert first.n == 1 and first.supports
    assert "claimed responsibility for the attack" in first.quote
    assert first.title == "Lere attack" and first.date == "2024-05-27"
    assert first.source == "Agence France-Presse"
    check_offsets(seed_assistant, answer)


@pytest.mark.parametrize(
    ("question", "expected", "sentence"),
    [
        ("How many soldiers are missing after the Lere attack?", "11", "11 others are missing"),
        ("What ethnic group dominates the CMA?", "Tuaregs", "dominated by Tuaregs"),
        ("How many soldiers were killed?", "five", "killed five soldiers"),
        ("When did the CMA sign a peace agreement?", "2015", "2015"),
    ],
)
def test_short_answers_are_the_right_words(
    seed_assistant: Assistant, question: str, expected: str, sentence: str
) -> None:
    """The three a new user tried (the old answerer said "five", then declined) and more."""
    answer = seed_assistant.ask(question)
    assert not answer.abstained
    assert answer.short_answer == expected
    assert sentence in answer.citations[0].quote
    check_offsets(seed_assistant, answer)


def test_a_long_name_is_read_whole(seed_assistant: Assistant) -> None:
    answer = seed_assistant.ask(
        "Which alliance affiliated with Al-Qaeda has claimed actions against the army?"
    )
    assert "Support Group for Islam and Muslims" in answer.short_answer
    # neighbouring chunks share this sentence and both find the name in it: quoted once
    spans = sorted((c.start, c.end) for c in answer.citations)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_only_passages_that_support_the_answer_are_marked_so(seed_assistant: Assistant) -> None:
    answer = seed_assistant.ask("Who claimed the Lere attack?")
    related = [c for c in answer.citations if "MINUSMA transferred" in c.quote]
    assert all(not c.supports and c.answer_start is None for c in related)
    assert answer.citations[0].supports


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
    assert answer.abstained and answer.confidence < seed_assistant.settings.abstain_below
    assert answer.short_answer == ""
    assert "do not answer" in answer.text
    assert answer.citations  # the nearest passages are still shown, none as support
    assert not any(c.supports for c in answer.citations)
    check_offsets(seed_assistant, answer)


def test_citations_are_numbered_distinct_timed_and_serialised(seed_assistant: Assistant) -> None:
    answer = seed_assistant.ask("When did the CMA sign a peace agreement?")
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert len({(c.article_id, c.start) for c in answer.citations}) == len(answer.citations)
    for stage in ("retrieve_ms", "read_ms", "answer_ms", "total_ms", "embed_ms", "dense_ms"):
        assert answer.timings[stage] >= 0
    data = answer.to_dict()
    assert set(data) >= {"text", "short_answer", "citations", "abstained", "confidence"}
    first = data["citations"][0]
    assert set(first) >= {
        "n", "article_id", "title", "date", "source", "text", "quote", "start", "end", "score",
        "supports", "answer_start", "answer_end",
    }  # fmt: skip
    assert first["quote"][first["answer_start"] - first["start"] :].startswith("2015")
