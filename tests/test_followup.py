"""Follow-up rewriting on real multi-turn conversations about the founding article."""

import pytest

from assistant.chat import Assistant
from assistant.followup import condense, is_follow_up, rewrite, short_answer_of, turns

pytestmark = pytest.mark.slow

CMA = "The Coordination of Azawad Movements (CMA) [1]"


def test_pronoun_becomes_the_previous_answer() -> None:
    rewritten = rewrite("When did they sign a peace deal?", "Who claimed the Lere attack?", CMA)
    assert rewritten == "When did the Coordination of Azawad Movements (CMA) sign a peace deal?"


def test_there_becomes_the_place_of_the_previous_question() -> None:
    rewritten = rewrite("How many soldiers died there?", "Who claimed the Lere attack?", CMA)
    assert rewritten == "How many soldiers died in Lere?"


def test_it_refers_to_the_topic_when_the_answer_names_no_one() -> None:
    rewritten = rewrite(
        "Who claimed it?", "How many soldiers were killed in the Lere attack?", "five [1]"
    )
    assert rewritten == "Who claimed the Lere attack?"


def test_standalone_questions_are_left_alone() -> None:
    assert not is_follow_up("How many soldiers were killed?")
    assert rewrite("How many soldiers were killed?", "Who claimed the Lere attack?", CMA) == (
        "How many soldiers were killed?"
    )


def test_elliptic_question_carries_the_topic() -> None:
    rewritten = rewrite("And the army?", "Who claimed the Lere attack?", "The CMA [1]")
    assert "Lere attack" in rewritten or "CMA" in rewritten


def test_abstentions_and_markers_are_not_referents() -> None:
    assert short_answer_of("The articles do not answer this. The nearest passages...") == ""
    assert short_answer_of("five [1]\n\n[1] Lere attack ...") == "five"


def test_history_messages_are_read_in_order_and_chains_resolve() -> None:
    history = [
        {"role": "user", "content": "Who claimed the Lere attack?"},
        {"role": "assistant", "content": CMA},
        {"role": "user", "content": "When did they sign a peace deal?"},
        {"role": "assistant", "content": "2015 [1]"},
    ]
    assert turns(history)[1] == ("When did they sign a peace deal?", "2015 [1]")
    # "it" in the third turn still leads back to the group named in the first
    assert "Azawad" in condense("What did they take control of?", history[:2])


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        ("When did they sign a peace deal?", "2015"),
        ("How many soldiers died there?", "five"),
        ("What did they shoot down?", "plane"),
    ],
)
def test_real_conversation_over_the_founding_article(
    seed_assistant: Assistant, follow_up: str, expected: str
) -> None:
    first = seed_assistant.ask("Who claimed the Lere attack?")
    history = [
        {"role": "user", "content": "Who claimed the Lere attack?"},
        {"role": "assistant", "content": first.text},
    ]
    answer = seed_assistant.ask(follow_up, history)
    assert answer.standalone_question != follow_up
    assert expected in answer.short_answer, answer
