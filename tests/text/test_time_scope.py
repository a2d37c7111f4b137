"""The catalogue of time expressions: each question, a reference day, the range it means.

Reference days are fixed (a Wednesday, 5 June 2024, and a Tuesday, 20 October 1987, the
end of the Reuters archive), so every expected range is exact. ``None`` bounds are open;
a question with no time words must come back unchanged and with no scope.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.text.periods import in_hemisphere
from assistant.text.time_scope import read_time

JUNE = dt.date(2024, 6, 5)  # a Wednesday
OCT87 = dt.date(1987, 10, 20)  # a Tuesday
D = dt.date

CATALOGUE = [
    # named periods: both bounds
    ("What happened in Mali in May 2024?", JUNE, D(2024, 5, 1), D(2024, 5, 31)),
    ("Who claimed the attack on 27 May?", JUNE, D(2024, 5, 27), D(2024, 5, 27)),
    ("Who claimed the attack on May 27, 2024?", JUNE, D(2024, 5, 27), D(2024, 5, 27)),
    ("What did OPEC decide in 1987?", OCT87, D(1987, 1, 1), D(1987, 12, 31)),
    ("What happened during March 1987?", OCT87, D(1987, 3, 1), D(1987, 3, 31)),
    ("What happened on 2024-05-27?", JUNE, D(2024, 5, 27), D(2024, 5, 27)),
    ("What happened 27 May 2024?", JUNE, D(2024, 5, 27), D(2024, 5, 27)),
    ("What was reported on Monday, 27 May 2024?", JUNE, D(2024, 5, 27), D(2024, 5, 27)),
    ("How did the dollar close on 19 October 1987?", OCT87, D(1987, 10, 19), D(1987, 10, 19)),
    ("What happened in the week of 25 May 2024?", JUNE, D(2024, 5, 25), D(2024, 5, 25)),
    # ambiguous forms, read as the most recent past
    ("What happened in May?", JUNE, D(2024, 5, 1), D(2024, 5, 31)),
    ("What happened in June?", JUNE, D(2024, 6, 1), D(2024, 6, 30)),
    ("What happened in July?", JUNE, D(2023, 7, 1), D(2023, 7, 31)),
    ("What happened on Sunday?", JUNE, D(2024, 6, 2), D(2024, 6, 2)),
    ("What happened on Monday?", OCT87, D(1987, 10, 19), D(1987, 10, 19)),
    ("Who spoke on 4 June?", JUNE, D(2024, 6, 4), D(2024, 6, 4)),
    ("What happened in October?", OCT87, D(1987, 10, 1), D(1987, 10, 31)),
    # open bounds
    ("What has the CMA done since 2015?", JUNE, D(2015, 1, 1), None),
    ("What has happened since March 1987?", OCT87, D(1987, 3, 1), None),
    ("What happened after 1 June 2024?", JUNE, D(2024, 6, 2), None),
    ("What happened after May 2024?", JUNE, D(2024, 6, 1), None),
    ("What happened before March 2024?", JUNE, None, D(2024, 2, 29)),
    ("What was the price before 25 March 1987?", OCT87, None, D(1987, 3, 24)),
    ("What happened until 31 May 2024?", JUNE, None, D(2024, 5, 31)),
    ("What was agreed by April 1987?", OCT87, None, D(1987, 4, 30)),
    ("What happened up to June 1987?", OCT87, None, D(1987, 6, 30)),
    # ranges
    ("What happened between March and June 1987?", OCT87, D(1987, 3, 1), D(1987, 6, 30)),
    ("Prices between 1 March and 15 April 1987?", OCT87, D(1987, 3, 1), D(1987, 4, 15)),
    ("What happened from April to June 1987?", OCT87, D(1987, 4, 1), D(1987, 6, 30)),
    ("What happened from 2 March until 4 March 1987?", OCT87, D(1987, 3, 2), D(1987, 3, 4)),
    ("Trade from 1986 to 1987?", OCT87, D(1986, 1, 1), D(1987, 12, 31)),
    ("What happened from April to June?", JUNE, D(2024, 4, 1), D(2024, 6, 30)),
    # relative to the reference day, past and future
    ("What happened last week?", JUNE, D(2024, 5, 27), D(2024, 6, 2)),
    ("What happened last week?", OCT87, D(1987, 10, 12), D(1987, 10, 18)),
    ("What happened this week?", JUNE, D(2024, 6, 3), D(2024, 6, 9)),
    ("What is planned next week?", JUNE, D(2024, 6, 10), D(2024, 6, 16)),
    ("What happened in the past week?", JUNE, D(2024, 5, 29), D(2024, 6, 5)),
    ("What happened in the past 3 months?", JUNE, D(2024, 3, 5), D(2024, 6, 5)),
    ("What happened in the last 10 days?", JUNE, D(2024, 5, 26), D(2024, 6, 5)),
    ("What happened over the past two weeks?", OCT87, D(1987, 10, 6), D(1987, 10, 20)),
    ("What happened last month?", JUNE, D(2024, 5, 1), D(2024, 5, 31)),
    ("What happened last month?", OCT87, D(1987, 9, 1), D(1987, 9, 30)),
    ("What happened this month?", OCT87, D(1987, 10, 1), D(1987, 10, 31)),
    ("What happened last year?", JUNE, D(2023, 1, 1), D(2023, 12, 31)),
    ("What happened this year?", OCT87, D(1987, 1, 1), D(1987, 12, 31)),
    ("What is expected next month?", JUNE, D(2024, 7, 1), D(2024, 7, 31)),
    ("What happened yesterday?", JUNE, D(2024, 6, 4), D(2024, 6, 4)),
    ("What happened today?", JUNE, D(2024, 6, 5), D(2024, 6, 5)),
    ("What happens tomorrow?", JUNE, D(2024, 6, 6), D(2024, 6, 6)),
    ("What happened 3 days ago?", JUNE, D(2024, 6, 2), D(2024, 6, 2)),
    ("What happened two weeks ago?", JUNE, D(2024, 5, 20), D(2024, 5, 26)),
    ("What happened five years ago?", JUNE, D(2019, 3, 5), D(2019, 9, 5)),
    ("What happened a year ago?", OCT87, D(1986, 7, 20), D(1987, 1, 20)),
    ("What is planned in 2030?", JUNE, D(2030, 1, 1), D(2030, 12, 31)),
    ("What happens on 1 July 2024?", JUNE, D(2024, 7, 1), D(2024, 7, 1)),
    # French, Spanish and German
    ("Que s'est-il passé en mai 2024 ?", JUNE, D(2024, 5, 1), D(2024, 5, 31)),
    ("Qu'est-il arrivé le 27 mai 2024 ?", JUNE, D(2024, 5, 27), D(2024, 5, 27)),
    ("Que s'est-il passé depuis mars 1987 ?", OCT87, D(1987, 3, 1), None),
    ("Qu'est-il arrivé la semaine dernière ?", JUNE, D(2024, 5, 27), D(2024, 6, 2)),
    ("¿Qué pasó en mayo de 2024?", JUNE, D(2024, 5, 1), D(2024, 5, 31)),
    ("¿Qué pasó el 27 de mayo de 2024?", JUNE, D(2024, 5, 27), D(2024, 5, 27)),
    ("¿Qué pasó entre marzo y junio de 1987?", OCT87, D(1987, 3, 1), D(1987, 6, 30)),
    ("Was geschah im März 1987?", OCT87, D(1987, 3, 1), D(1987, 3, 31)),
    ("Was geschah am 19. Oktober 1987?", OCT87, D(1987, 10, 19), D(1987, 10, 19)),
    ("Was ist seit Mai 1987 passiert?", OCT87, D(1987, 5, 1), None),
    ("Was geschah letzte Woche?", OCT87, D(1987, 10, 12), D(1987, 10, 18)),
    ("What happened in mayo 2024?", JUNE, D(2024, 5, 1), D(2024, 5, 31)),
    # issue 28: seasons (meteorological, northern), quarters, halves, thirds, weeks of a
    # month, decades, weekends, fortnights, holidays
    ("Who won the mayoral election before the summer of 2019?", JUNE, None, D(2019, 5, 31)),
    ("What happened in the spring of 2019?", JUNE, D(2019, 3, 1), D(2019, 5, 31)),
    ("What happened in summer 2019?", JUNE, D(2019, 6, 1), D(2019, 8, 31)),
    ("What happened in the autumn of 1987?", OCT87, D(1987, 9, 1), D(1987, 11, 30)),
    ("What happened in the fall of 1987?", OCT87, D(1987, 9, 1), D(1987, 11, 30)),
    ("What happened during the winter of 2019?", JUNE, D(2019, 12, 1), D(2020, 2, 29)),
    ("What happened last summer?", JUNE, D(2023, 6, 1), D(2023, 8, 31)),
    ("What happened last spring?", JUNE, D(2024, 3, 1), D(2024, 5, 31)),
    ("What happened this winter?", D(2025, 1, 15), D(2024, 12, 1), D(2025, 2, 28)),
    ("What happened since the spring of 1987?", OCT87, D(1987, 3, 1), None),
    ("What happened in the first quarter of 2019?", JUNE, D(2019, 1, 1), D(2019, 3, 31)),
    ("What were sales in Q3 2018?", JUNE, D(2018, 7, 1), D(2018, 9, 30)),
    ("What were sales in the fourth quarter of 1986?", OCT87, D(1986, 10, 1), D(1986, 12, 31)),
    ("What happened in the second half of 2018?", JUNE, D(2018, 7, 1), D(2018, 12, 31)),
    ("What happened in H1 2019?", JUNE, D(2019, 1, 1), D(2019, 6, 30)),
    ("What happened in mid-April 2019?", JUNE, D(2019, 4, 11), D(2019, 4, 20)),
    ("What happened in late 2019?", JUNE, D(2019, 9, 1), D(2019, 12, 31)),
    ("What happened in early 1987?", OCT87, D(1987, 1, 1), D(1987, 4, 30)),
    ("What happened in early March?", OCT87, D(1987, 3, 1), D(1987, 3, 10)),
    ("What happened in late February 1987?", OCT87, D(1987, 2, 21), D(1987, 2, 28)),
    ("What happened in the first week of April 1987?", OCT87, D(1987, 4, 1), D(1987, 4, 7)),
    ("What happened in the last week of May 2024?", JUNE, D(2024, 5, 25), D(2024, 5, 31)),
    ("What happened in the 1990s?", JUNE, D(1990, 1, 1), D(1999, 12, 31)),
    ("What shows did ABC air in the late 1950s?", JUNE, D(1957, 1, 1), D(1959, 12, 31)),
    ("What did he say over the weekend?", JUNE, D(2024, 6, 1), D(2024, 6, 2)),
    ("What happened last weekend?", D(2024, 6, 8), D(2024, 6, 1), D(2024, 6, 2)),
    ("What happened in the past fortnight?", JUNE, D(2024, 5, 22), D(2024, 6, 5)),
    ("What happened on Christmas Day 2018?", JUNE, D(2018, 12, 25), D(2018, 12, 25)),
    ("What happened on New Year's Eve 2019?", JUNE, D(2019, 12, 31), D(2019, 12, 31)),
    ("What happened at Easter 1987?", OCT87, D(1987, 4, 17), D(1987, 4, 20)),
    ("Que s'est-il passé à l'été 2019 ?", JUNE, D(2019, 6, 1), D(2019, 8, 31)),
    ("Que s'est-il passé en automne 1987 ?", OCT87, D(1987, 9, 1), D(1987, 11, 30)),
    ("¿Qué pasó en el verano de 2019?", JUNE, D(2019, 6, 1), D(2019, 8, 31)),
    ("Was geschah im Herbst 1987?", OCT87, D(1987, 9, 1), D(1987, 11, 30)),
]

AS_OF = [
    ("As of 1 June 2024, how many soldiers had died?", JUNE, D(2024, 6, 1)),
    ("How many had died as of May 30, 2024?", JUNE, D(2024, 5, 30)),
    ("What was the OPEC price as of March 1987?", OCT87, D(1987, 3, 31)),
]

RECENCY = [
    "What is the latest on the CMA?",
    "Who won the most recent election in Lere?",
    "What is the oil price now?",
    "Who currently leads the junta?",
    "Is the CMA still fighting?",
    "What is the newest estimate of the crop?",
    "How many have died so far?",
]

NO_TIME = [
    "Who won gold at the Summer Olympics?",
    "When does the Spring Festival begin?",
    "What did the Fiscal Policy Institute say about the budget?",
    'What gave its name to the 1980s music television program "The Tube"?',
    "Who did the Broncos play in the last week of the regular season?",
    "How many soldiers were killed?",
    "Who claimed the Lere attack?",
    "When did the CMA sign a peace deal?",
    "What did the 2015 peace deal say?",
    "Who fought in the 2012 rebellion?",
    "What happened since the 2015 peace deal?",
    "Who won World Cup 2022?",
    "Who won the 2020 election?",
    "What was the current account deficit?",
    "May I ask who claimed the attack?",
    "What did the army say about the attack?",
    "What is the capital of Australia?",
    "Who said the army had lost five soldiers?",
    "What did the March accord say about exports?",
]


def test_the_catalogue_is_large_enough() -> None:
    assert len(CATALOGUE) + len(AS_OF) + len(RECENCY) + len(NO_TIME) >= 60
    assert len(CATALOGUE) >= 60


@pytest.mark.parametrize(("question", "reference", "start", "end"), CATALOGUE)
def test_time_expressions_become_ranges(
    question: str, reference: dt.date, start: dt.date | None, end: dt.date | None
) -> None:
    reading = read_time(question, reference)
    assert reading.scope is not None, question
    assert (reading.scope.start, reading.scope.end) == (start, end), question
    assert reading.scope.phrase.lower() not in reading.content.lower()  # content without it


@pytest.mark.parametrize(("question", "reference", "day"), AS_OF)
def test_as_of_sets_the_end_and_prefers_the_newest(
    question: str, reference: dt.date, day: dt.date
) -> None:
    scope = read_time(question, reference).scope
    assert scope is not None and scope.as_of == day and scope.end == day
    assert scope.start is None and scope.recency


@pytest.mark.parametrize("question", RECENCY)
def test_recency_cues_set_no_bound_only_a_preference(question: str) -> None:
    reading = read_time(question, JUNE)
    assert reading.scope is not None and reading.scope.recency, question
    assert not reading.scope.bounded and reading.content == question


@pytest.mark.parametrize("question", NO_TIME)
def test_questions_without_time_come_back_unchanged(question: str) -> None:
    reading = read_time(question, JUNE)
    assert reading.scope is None and reading.content == question


def test_the_reply_says_how_it_read_the_question() -> None:
    assert read_time("What happened in May 2024?", JUNE).scope.label() == (  # type: ignore[union-attr]
        "articles from 1-31 May 2024"
    )
    assert read_time("What happened in 1987?", OCT87).scope.label() == "articles from 1987"  # type: ignore[union-attr]
    since = read_time("since March 1987", OCT87).scope
    assert since is not None and since.label() == "articles from 1 March 1987 on"
    as_of = read_time("as of 1 June 2024", JUNE).scope
    assert as_of is not None
    assert as_of.label() == "articles published up to 1 June 2024, the newest reports first"


SOUTH = [  # the opposite season of the same year (ASSISTANT_HEMISPHERE=south)
    ("Who won before the summer of 2019?", JUNE, None, D(2019, 11, 30)),
    ("What happened in the winter of 2019?", JUNE, D(2019, 6, 1), D(2019, 8, 31)),
    ("What happened last summer?", JUNE, D(2023, 12, 1), D(2024, 2, 29)),
    ("What happened this autumn?", JUNE, D(2024, 3, 1), D(2024, 5, 31)),
]


@pytest.mark.parametrize(("question", "reference", "start", "end"), SOUTH)
def test_seasons_in_the_southern_hemisphere(
    question: str, reference: dt.date, start: dt.date | None, end: dt.date | None
) -> None:
    with in_hemisphere("south"):
        scope = read_time(question, reference).scope
    assert scope is not None and (scope.start, scope.end) == (start, end)
    assert read_time(question, reference).scope != scope  # north again outside the block
