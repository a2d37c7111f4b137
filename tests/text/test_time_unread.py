"""Words that look like time and are not read are said, never skipped (issue 28, item 2):
the phrase is found in what is left of the question once its read phrase is out; names
and years that name the subject are not time; questions the reader reads leave nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_time_scope import AS_OF, CATALOGUE, JUNE, NO_TIME, RECENCY

from assistant.text.time_scope import read_time
from assistant.text.time_unread import unread_time

UNREAD = [
    ("Who won the Testport mayoral election during Ramadan 2019?", "during Ramadan 2019"),
    ("What was announced during Lent 1987?", "during Lent 1987"),
    ("What happened at Christmas?", "at Christmas"),
    ("What was the deficit in fiscal 1987?", "fiscal 1987"),
    ("What was Yugoslavia's hard currency debt at the end of 1986?", "the end of 1986"),
    ("What is OPEC's output ceiling for the fourth quarter?", "the fourth quarter"),
    ("What had the bank said three weeks earlier?", "three weeks earlier"),
    ("Who died during the winter?", "during the winter"),
    ("What did the ministers agree at the start of the year?", "the start of the year"),
    ("What happened before Thanksgiving?", "before Thanksgiving"),
    ("Qui a gagné pendant le Ramadan 2019 ?", "Ramadan 2019"),
]
NAMES = [
    "Who won the Summer Olympics?",
    "What is the Spring Festival?",
    "Who ran the Fiscal Policy Institute?",
    "What did Theresa May say about the deal?",
    "Who visited Easter Island?",
    "With which friend did Halloween writer Debra Hill form a company?",
    "Who signed the 2015 peace deal?",
    "How many of the 2000 workers went on strike?",
    "Which group claimed the April 1987 bomb attack?",
    "Who won the World Cup 2022?",
    "Why did the dollar fall against the yen?",
    "What share of turnover will earnings reach two years after the move?",
    "Which company reported first-quarter profits?",
]


@pytest.mark.parametrize(("question", "phrase"), UNREAD)
def test_time_words_the_reader_does_not_know_are_named(question: str, phrase: str) -> None:
    reading = read_time(question, JUNE)
    assert reading.scope is None and unread_time(reading.content) == phrase


@pytest.mark.parametrize("question", NAMES)
def test_names_and_years_that_name_the_subject_are_not_time(question: str) -> None:
    assert unread_time(read_time(question, JUNE).content) == ""


def test_what_the_reader_reads_leaves_nothing_unread() -> None:
    questions = [row[0] for row in CATALOGUE] + [row[0] for row in AS_OF] + RECENCY + NO_TIME
    left = {q: unread_time(read_time(q, JUNE).content) for q in questions}
    assert {q: phrase for q, phrase in left.items() if phrase} == {}


def test_the_evaluation_sets_rarely_get_a_note_and_each_is_time() -> None:
    """Of the 359 questions of the three sets, the few with a note name real time words."""
    sets = Path(__file__).resolve().parents[1] / "eval"
    questions = [json.loads(line)["question"] for name in ("news", "news-time", "lere")
                 for line in (sets / f"{name}.jsonl").read_text().splitlines()]  # fmt: skip
    noted = {unread_time(read_time(q, JUNE).content) for q in questions} - {""}
    assert len(noted) <= 12, noted
    assert all(any(w in p for w in ("year", "quarter", "half", "end", "start", "19", "March"))
               for p in noted), noted  # fmt: skip
