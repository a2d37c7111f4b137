"""Sentence ranking features: key-word coverage and answer-type cues (no model needed)."""

import numpy as np

from assistant.evidence import WEIGHTS, answer_cue, coverage, rank_sentences
from assistant.models import Passage
from assistant.question import analyse


class FlatEmbedder:
    """Every text the same vector: the ranking then rests on the lexical features."""

    def encode_cached(self, texts: list[str]) -> np.ndarray:
        return np.ones((len(texts), 2)) / np.sqrt(2)


def passage(text: str, rank: int = 1) -> Passage:
    return Passage(f"a:{rank}", "a", "T", None, "", "", text, 0, len(text), 1.0, rank=rank)


def test_rare_words_weigh_more() -> None:
    idf = {"lere": 3.0, "attack": 1.0}.get
    assert coverage(["lere", "attack"], {"lere"}, idf) == 0.75
    assert coverage(["lere", "attack"], {"attack"}, idf) == 0.25
    assert coverage([], {"attack"}, idf) == 0.0


def test_answer_cues_follow_the_question_type() -> None:
    assert answer_cue(analyse("When did they sign?"), "They signed in 2015.") == 1.0
    assert answer_cue(analyse("When did they sign?"), "They signed it.") == 0.0
    assert answer_cue(analyse("How many died?"), "Five soldiers died.") == 1.0
    assert answer_cue(analyse("Who claimed it?"), "It was claimed by the CMA.") == 1.0
    assert answer_cue(analyse("What did they sign?"), "They signed in 2015.") == 0.0


def test_the_sentence_with_the_question_words_comes_first() -> None:
    text = "The weather was mild. The CMA claimed the Lere attack on Sunday. Markets rose."
    ranked = rank_sentences(
        analyse("Who claimed the Lere attack?"),
        np.ones(2) / np.sqrt(2),
        [passage(text)],
        FlatEmbedder(),
        lambda term: 1.0,
    )
    assert len(WEIGHTS) == 7
    assert ranked[0].text == "The CMA claimed the Lere attack on Sunday."
    assert text[ranked[0].start : ranked[0].end] == ranked[0].text
    assert ranked[0].coverage == 1.0
