"""Say who, by name: a described actor gives way to the name the passages give it."""

import pytest

from assistant.answering.candidates import Alternative, Candidate
from assistant.answering.names import NAME_MARGIN, named_answer
from assistant.facade import Assistant
from assistant.records import Passage

TEXT = (
    "An attack on two camps claimed by armed rebel groups killed five soldiers. "
    "The Coordination of Azawad Movements (CMA) had already claimed responsibility "
    "for the attack."
)
NAME = "The Coordination of Azawad Movements (CMA)"


def candidate(text: str, span: str, margin: float = 5.0, others: tuple[str, ...] = ()) -> Candidate:
    passage = Passage(chunk_id="a:0", article_id="a", title="T", date=None, source="S",
                      url="", text=text, start=0, end=len(text), score=0.5, rank=1)  # fmt: skip
    start = text.index(span)
    alternatives = tuple(
        Alternative(o, text.index(o), text.index(o) + len(o), margin - 1.0) for o in others
    )
    return Candidate(passage, span, start, start + len(span), margin, 0.0, alternatives)


def test_a_description_gives_way_to_the_named_claimant() -> None:
    best = candidate(TEXT, "armed rebel groups", others=("Coordination of Azawad Movements",))
    named = named_answer("Who claimed the Lere attack?", best, (best,))
    assert named.text == NAME
    assert TEXT[named.start : named.end] == named.text


def test_the_name_must_be_one_the_reader_itself_found_plausible() -> None:
    """No span of the reader's over the name, or one with too small a margin: no change."""
    alone = candidate(TEXT, "armed rebel groups")
    assert named_answer("Who claimed the Lere attack?", alone, (alone,)) is alone
    weak = candidate(TEXT, "armed rebel groups", margin=NAME_MARGIN - 0.5,
                     others=("Coordination of Azawad Movements",))  # fmt: skip
    assert named_answer("Who claimed the Lere attack?", weak, (weak,)) is weak


def test_only_who_questions_and_the_question_s_own_subject_is_not_the_answer() -> None:
    best = candidate(TEXT, "five soldiers", others=("Coordination of Azawad Movements",))
    assert named_answer("What did the attack kill?", best, (best,)) is best
    own = candidate(TEXT, "armed rebel groups", others=("Coordination of Azawad Movements",))
    asked = "Who did the Coordination of Azawad Movements say claimed the attack?"
    assert named_answer(asked, own, (own,)).text != NAME


def test_a_name_s_trailing_description_is_cut_and_a_list_of_names_is_not() -> None:
    described = f"{NAME}, an alliance of armed groups"
    best = candidate(f"{described}, claimed it.", described)
    assert named_answer("Who claimed it?", best, (best,)).text == NAME
    listed = "Temujin's brothers were Hasar, Hachiun, and Temuge."
    brothers = candidate(listed, "Hasar, Hachiun, and Temuge")
    assert named_answer("Who were his brothers?", brothers, (brothers,)) is brothers


@pytest.mark.integration
@pytest.mark.parametrize(
    "question", ["Who claimed the Lere attack?", "Who claimed responsibility for the attack?"]
)
def test_the_founding_question_is_answered_by_name(
    seed_assistant: Assistant, question: str
) -> None:
    answer = seed_assistant.ask(question)
    assert answer.short_answer == NAME
    assert "had already claimed responsibility" in answer.citations[0].quote
