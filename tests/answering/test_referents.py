"""Who "it" is (issue 28, item 3): an answer whose sentence names its actor by a pronoun
or a description is the actor named before, with both sentences as support; where no
name agrees, the reader's answer stays with a lower confidence. spaCy's real parse; the
reader's candidates are placed by hand, then the whole assistant on the founding article."""

from __future__ import annotations

import pytest
from test_answerer import check_offsets

from assistant.answering.candidates import Candidate
from assistant.answering.choice import UNRESOLVED, confidence_of
from assistant.answering.referents import _same_name, resolved
from assistant.facade import Assistant
from assistant.records import Passage

pytestmark = pytest.mark.integration  # spaCy's packaged pipeline


def reading(text: str, answer: str) -> Candidate:
    """The reader's candidate ``answer`` (its first occurrence) in a one-passage article."""
    passage = Passage(
        chunk_id="c:0",
        article_id="a",
        title="t",
        date=None,
        source="",
        text=text,
        start=100,
        end=100 + len(text),
        score=1.0,
    )
    start = 100 + text.index(answer)
    return Candidate(passage, answer, start, start + len(answer), 9.0, 1.0)


def answered(question: str, text: str, answer: str) -> Candidate:
    best = reading(text, answer)
    return resolved(question, best)


LERE = ("The Coordination of Azawad Movements (CMA), an alliance of armed groups dominated by "
        "Tuaregs, had already claimed responsibility for the attack. It also said it took "
        "control of two military camps in Lere and shot down an army plane.")  # fmt: skip


def test_it_is_the_alliance_named_in_the_sentence_before() -> None:
    found = answered("Who shot down an army plane?", LERE, "Tuaregs")
    assert found.text == "The Coordination of Azawad Movements (CMA)"
    assert found.passage.text[found.start - 100 : found.end - 100] == found.text
    assert found.evidence_end == 100 + len(LERE)  # the support runs through "It ... shot down"


@pytest.mark.parametrize(
    ("question", "text", "reader", "actor"),
    [
        ("Which company said it would buy 2.5 mln shares of Lincoln National?",
         "Acme Holdings Inc reported higher profits on Monday. The company said it would buy "
         "2.5 mln shares of Lincoln National from American General.", "American General",
         "Acme Holdings Inc"),
        ("Who resigned as finance minister on Tuesday?",
         "Peter Walsh criticised the budget in parliament. He resigned as finance minister on "
         "Tuesday, aides said.", "parliament", "Peter Walsh"),
        ("Who shot down an army plane?",
         "The CMA resumed its operations this month. It had signed a peace agreement in 2015. "
         "It also said it shot down an army plane.", "2015", "The CMA"),
        ("Which company said it would buy back debentures at 1,105 dlrs?",  # a wire dateline
         "NEW YORK, March 3 - Aluminum Co of America said it called its debentures for "
         "redemption.\n    It said it will buy back the debentures at 1,105 dlrs per 1,000 "
         "dlr principal amount.", "1,105 dlrs", "Aluminum Co of America"),
        ("Who said fines of up to 2,500 pounds would be levied on employers?",  # as news names him
         "Mr McConnell announced the plan in Edinburgh on Monday. He said fines of up to 2,500 "
         "pounds would be levied on employers who do not comply.", "employers", "Mr McConnell"),
    ],
)  # fmt: skip
def test_pronouns_and_descriptions_are_the_actor_named_before(
    question: str, text: str, reader: str, actor: str
) -> None:
    assert answered(question, text, reader).text == actor


def test_a_sentence_that_names_its_actor_keeps_the_readers_answer() -> None:
    text = "Citibank said on Monday it would raise its prime rate to 7.75 pct from 7.5 pct."
    best = reading(text, "Citibank")
    assert resolved("Which bank said it would raise its prime rate to 7.75 pct?", best) == best


def test_no_name_that_agrees_means_the_readers_answer_less_sure() -> None:
    text = ("Prices rose sharply in March. She said the council would close the port on "
            "Friday, despite protests.")  # fmt: skip
    best = reading(text, "the council")
    found = resolved("Who said the council would close the port on Friday?", best)
    assert found.text == "the council" and found.unresolved  # no person named before "she"
    sure = confidence_of("Who said the council would close the port?", best, (best,))
    assert confidence_of("Who said the council would close the port?", found, (found,)) == (
        pytest.approx(sure * UNRESOLVED, abs=1e-4)
    )
    assert resolved("How many ports closed?", best) == best  # not a question about an actor


def test_an_object_or_the_questions_own_subject_is_not_the_answer() -> None:
    text = "ABC unveiled its new look on Monday. It was hired to make ABC's identity, they said."
    best = reading(text, "they")
    assert resolved("Who was hired to make ABC's identity?", best) == best  # not ABC
    mass = "Luther wrote a new mass. It was intended for simple people, he said."
    best = reading(mass, "simple people")
    assert resolved("For whom was this new mass intended?", best) == best
    delta = ("The deal would see pilots accept a 32% pay cut, unions said. The airline also "
             "said it had agreed the terms of a $600m loan from American Express.")  # fmt: skip
    best = reading(delta, "American Express")
    found = resolved("Which company agreed the terms of a $600m loan to Delta?", best)
    assert found.text == "American Express"  # "unions" is no name to answer with


def test_the_founding_article_answers_the_cma(seed_assistant: Assistant) -> None:
    answer = seed_assistant.ask("Who shot down an army plane?")
    assert not answer.abstained
    assert "Coordination of Azawad Movements" in answer.short_answer
    quote = answer.citations[0].quote
    assert "had already claimed responsibility" in quote and "shot down an army plane" in quote
    check_offsets(seed_assistant, answer)


def test_the_readers_own_fuller_name_stays() -> None:
    """The parser may cut a name short ("Bell" of "Bell and Howell"); the reader's answer
    that holds it, or is held by it, stays (its sentence still quoted with the answer's)."""
    assert _same_name("Bell", "Bell and Howell") and _same_name("Patricio Quevedo", "Quevedo")
    assert not _same_name("Tuaregs", "The Coordination of Azawad Movements (CMA)")
