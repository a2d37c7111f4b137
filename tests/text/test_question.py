"""Question analysis: the type a question asks for, its labels and its key words."""

import pytest

from assistant.text.question import QuestionType, analyse


@pytest.mark.parametrize(
    ("question", "qtype"),
    [
        ("Who claimed the Lere attack?", QuestionType.WHO),
        ("How many soldiers were killed?", QuestionType.HOW_MANY),
        ("When did the CMA sign a peace agreement?", QuestionType.WHEN),
        ("In what year did the rebels take up arms?", QuestionType.WHEN),
        ("Which city was attacked?", QuestionType.WHICH),
        ("What did the army say it lost?", QuestionType.WHAT),
        ("How old was the president?", QuestionType.HOW_MUCH),
        ("Why did the talks fail?", QuestionType.WHY),
        ("Did the army confirm it?", QuestionType.YES_NO),
    ],
)
def test_types(question: str, qtype: QuestionType) -> None:
    assert analyse(question).qtype is qtype


def test_the_first_wh_word_decides() -> None:
    # "Doctor Who" and the "when" clause are not what the question asks for
    assert analyse("What Doctor Who story had no Doctor?").qtype is QuestionType.WHICH
    assert analyse("What did the army do when the camp fell?").qtype is QuestionType.WHAT
    assert analyse("What did the WHO say about the outbreak?").qtype is QuestionType.WHAT


def test_labels_and_focus() -> None:
    info = analyse("How many soldiers were killed?")
    assert info.focus == "soldier"
    assert "CARDINAL" in info.labels
    assert analyse("Which country hosted the talks?").labels >= {"GPE"}
    assert analyse("Who claimed the attack?").terms == ("claim", "attack")
