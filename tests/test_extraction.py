"""Answer phrases read from single sentences with the packaged spaCy pipeline."""

import pytest

from assistant.extraction import FEATURES, WEIGHTS, best_span, question_shape
from assistant.nlp import parse
from assistant.question import analyse

pytestmark = pytest.mark.slow


def answer(question: str, sentence: str) -> str:
    question_doc, sentence_doc = parse([question, sentence])
    span = best_span(analyse(question), sentence_doc, question_shape(question_doc))
    assert span is not None
    assert sentence[span.start : span.end] == span.text
    return span.text


def test_the_weights_match_the_features() -> None:
    assert len(WEIGHTS) == len(FEATURES)


def test_question_shape_finds_the_role_of_the_wh_phrase() -> None:
    who, year = parse(["Who claimed the attack?", "In what year did the rebels sign a deal?"])
    shape = question_shape(who)
    assert shape is not None and shape.dep == "nsubj" and "claim" in shape.anchor
    shape = question_shape(year)
    assert shape is not None and shape.prep == "in" and "sign" in shape.anchor
    assert question_shape(parse(["The army lost a plane."])[0]) is None


def test_a_count_is_the_number_not_the_noun() -> None:
    sentence = "An attack on two camps killed five soldiers, while 11 others are missing."
    assert answer("How many soldiers were killed?", sentence) == "five"


def test_a_name_keeps_its_acronym_and_the_question_words_stay_out() -> None:
    sentence = (
        "The Coordination of Azawad Movements (CMA), an alliance of armed groups, "
        "had already claimed responsibility for the attack."
    )
    assert answer("Who claimed the attack?", sentence) == (
        "The Coordination of Azawad Movements (CMA)"
    )


def test_a_date_answers_when() -> None:
    sentence = "It had signed a peace agreement with the central state in 2015."
    assert answer("When did the CMA sign a peace agreement?", sentence) == "2015"
