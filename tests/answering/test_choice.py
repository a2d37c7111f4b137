"""The span choice and the confidence's signals: agreement, key words, what is counted."""

import re

import numpy as np
import pytest

from assistant.answering import answerer
from assistant.answering.candidates import Candidate, counted_named, coverage
from assistant.answering.choice import choose, confidence_features
from assistant.answering.reader import PassageReading, Span
from assistant.config import Settings
from assistant.facade import Assistant
from assistant.records import Passage, Retrieved

SENTENCE = "An attack on two camps claimed by armed rebel groups killed five soldiers."


def candidate(n: int, text: str, span: str, margin: float, title: str = "T") -> Candidate:
    passage = Passage(chunk_id=f"a{n}:0", article_id=f"a{n}", title=title, date=None,
                      source="S", url="", text=text, start=0, end=len(text), score=0.5,
                      rank=1)  # fmt: skip
    start = text.index(span)
    return Candidate(passage, span, start, start + len(span), margin, 0.0)


def test_what_a_count_counts_is_read_from_the_words_after_it() -> None:
    at = SENTENCE.index("five")
    assert counted_named("How many soldiers were killed?", SENTENCE, at, at + 4) == 1.0
    assert counted_named("How many civilians were killed?", SENTENCE, at, at + 4) == 0.0
    assert counted_named("Who claimed the attack?", SENTENCE, at, at + 4) == 1.0  # no count


def test_coverage_is_the_share_of_the_question_s_key_words() -> None:
    assert coverage("Who claimed the attack?", SENTENCE) == 1.0
    assert coverage("Who claimed the Lere attack?", SENTENCE) == pytest.approx(2 / 3)
    assert coverage("?", SENTENCE) == 1.0


def test_answers_several_passages_give_are_scored_together() -> None:
    """Two passages saying "seven" beat one a little surer of "five"."""
    five = candidate(1, "The army said five died.", "five", 10.5)
    sevens = [candidate(n, "Officials said seven died.", "seven", 10.0) for n in (2, 3)]
    assert choose("How many died?", (five, *sevens)).text == "seven"
    assert choose("How many died?", (five, sevens[0])).text == "five"


def test_the_features_say_the_civilians_were_not_counted() -> None:
    soldiers = candidate(1, SENTENCE, "five", 10.0)
    asked = confidence_features("How many soldiers were killed?", soldiers, (soldiers,))
    other = confidence_features("How many civilians were killed?", soldiers, (soldiers,))
    assert asked[-1] == 1.0 and other[-1] == 0.0
    assert other[-3] < asked[-3]  # "civilians" is not in the sentence either


@pytest.mark.integration
def test_a_count_of_something_else_is_far_less_sure(seed_assistant: Assistant) -> None:
    """The article counts soldiers and assailants, never civilians."""
    soldiers = seed_assistant.ask("How many soldiers were killed in the Lere attack?")
    civilians = seed_assistant.ask("How many civilians were killed in the Lere attack?")
    assert soldiers.short_answer == "five"
    assert civilians.confidence < soldiers.confidence - 0.1


@pytest.mark.integration
def test_reading_stops_when_the_first_windows_decide(
    seed_assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One window read first (the seed article gives only two), then the rest or not."""
    question = "How many soldiers were killed?"
    monkeypatch.setattr(answerer, "READ_FIRST", 1)
    monkeypatch.setattr(answerer, "STOP_MARGIN", float("inf"))
    every = seed_assistant.ask(question)
    monkeypatch.setattr(answerer, "STOP_MARGIN", 0.0)
    stopped = seed_assistant.ask(question)
    assert stopped.timings["read_windows"] == 1
    assert every.timings["read_windows"] > 1
    assert stopped.short_answer == every.short_answer == "five"
    # the window left unread is still cited, as related, quoting its most relevant sentence
    assert len(stopped.citations) == len(every.citations) >= 2
    unread = stopped.citations[-1]
    assert not unread.supports and unread.answer_start is None
    text = seed_assistant.article(unread.article_id).text
    assert text[unread.start : unread.end] == unread.quote


def test_a_wire_notice_s_headline_counts_as_its_passage_s_words() -> None:
    """A notice names its company only in the headline: the passage's key-word share
    reads it, the answer's sentence's does not."""
    notice = "ROSEMEAD, Calif., March 19 - Qtly div 57 cts vs 57 cts"
    question = "What is Southern California Edison's quarterly dividend?"
    bare = candidate(1, notice, "57 cts", 3.0)
    headed = candidate(1, notice, "57 cts", 3.0, title="SOUTHERN CALIFORNIA EDISON CO QTLY DIV")
    bare_features = confidence_features(question, bare, (bare,))
    headed_features = confidence_features(question, headed, (headed,))
    assert headed_features[-2] > bare_features[-2]  # the passage, headline and all
    assert headed_features[-3] == bare_features[-3]  # the sentence alone


class _FiguresReader:
    """A stand-in for the span reader (no model: what is tested is which windows are
    read): each window's first figure, as sure as ``sure`` says of its text."""

    def __init__(self, sure: dict[str, float]) -> None:
        self.sure = sure
        self.read_texts: list[str] = []

    def read(self, question: str, texts: list[str]) -> list[PassageReading]:
        self.read_texts += texts
        readings = []
        for n, text in enumerate(texts):
            figure = re.search(r"\d+(?:\.\d+)? (?:dlrs|pct|DLRS)", text)
            assert figure is not None
            span = Span(n, figure.start(), figure.end(), figure[0], self.sure[text])
            readings.append(PassageReading((span,), 0.0))
        return readings


def _window(n: int, text: str, title: str) -> Passage:
    return Passage(chunk_id=f"a{n}:0", article_id=f"a{n}", title=title, date="1987-03-05",
                   source="S", url="", text=text, start=0, end=len(text), score=1.0 / n,
                   rank=n)  # fmt: skip


def test_a_flash_does_not_end_the_reading_the_story_under_it_does() -> None:
    """A headline alone, however sure its figure, leaves the windows after it to be read;
    a story as sure ends the reading after ``READ_FIRST`` windows."""
    flash = "MARATHON RAISES WTI POSTED PRICE TO 17 DLRS"
    vague = "Marathon said prices could rise to 18 dlrs."
    story = "Marathon Petroleum said it raised its posted price for WTI to 17 dlrs."
    settings = Settings()
    sure = {flash: 30.0, vague: 1.0, story: 30.0}
    reader = _FiguresReader(sure)
    windows = [_window(1, flash, flash), _window(2, vague, "OIL"), _window(3, story, "MARATHON")]
    timings: dict[str, float] = {}
    read = answerer.ReaderAnswerer(reader, settings).read  # type: ignore[arg-type]
    read("Marathon's WTI price?", Retrieved(windows, np.zeros(1)), timings)
    assert timings["read_windows"] == 3 and story in reader.read_texts
    reader = _FiguresReader(sure)
    headed = [_window(1, story, "MARATHON"), _window(2, vague, "OIL"), _window(3, flash, flash)]
    read = answerer.ReaderAnswerer(reader, settings).read  # type: ignore[arg-type]
    read("Marathon's WTI price?", Retrieved(headed, np.zeros(1)), timings)
    assert timings["read_windows"] == answerer.READ_FIRST and flash not in reader.read_texts
