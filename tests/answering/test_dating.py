"""``dated``: the as-of day and the typed record of how the question's time was read, whose
JSON is the dict the answer carried before it was typed (issue 26, item 3)."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.dating import TimeRead, dated, note
from assistant.records import Answer, AnswerTime, Citation, Filters
from assistant.retrieval.time_plan import TimePlan
from assistant.text.time_scope import TimeScope

REFERENCE = dt.date(2024, 6, 3)
MAY = TimeScope(dt.date(2024, 5, 1), dt.date(2024, 5, 31), phrase="in May 2024")
SCOPES = [
    MAY,
    TimeScope(recency=True, phrase="latest"),
    TimeScope(end=dt.date(2024, 5, 30), recency=True, as_of=dt.date(2024, 5, 30)),
    TimeScope(start=dt.date(2015, 1, 1), phrase="since 2015"),
]


def _cited(n: int, day: str | None) -> Citation:
    return Citation(n=n, article_id=f"a{n}", title="t", date=day, source="s", url="",
                    text="x", chunk_start=0, quote="x", start=0, end=1, score=0.5)  # fmt: skip


ANSWER = Answer("q", "five [1]", (_cited(1, "2024-05-27"), _cited(2, "2024-05-10")), False)


def _read(scope: TimeScope | None, unread: str = "", fallback: bool = False) -> TimeRead:
    return TimeRead(TimePlan("q", Filters(), scope, REFERENCE, False, unread), fallback)


@pytest.mark.parametrize("scope", [*SCOPES, None])
@pytest.mark.parametrize(("unread", "fallback"), [("", False), ("during Ramadan 2024", True)])
def test_the_time_read_is_the_dict_it_replaced(
    scope: TimeScope | None, unread: str, fallback: bool
) -> None:
    read = _read(scope, unread, fallback)
    time = dated(ANSWER, read).time
    if scope is None and not unread:
        assert time is None
        return
    before = {  # what ``dated`` wrote into ``Answer.time`` while it was a dict
        **(scope or TimeScope()).to_dict(),
        "unread": unread,
        "reference": REFERENCE.isoformat(),
        "fallback": fallback,
        "note": note(read),
    }
    assert time is not None and time.to_dict() == before
    assert list(time.to_dict()) == list(before)
    assert AnswerTime.from_dict(before) == time


def test_an_answer_is_as_of_its_newest_cited_day_and_says_how_it_read_time() -> None:
    answer = dated(ANSWER, _read(MAY))
    assert answer.as_of == "2024-05-27"
    assert answer.time == AnswerTime(
        date_from="2024-05-01", date_to="2024-05-31", phrase="in May 2024",
        label="articles from 1-31 May 2024", reference="2024-06-03",
        note="Looking at articles from 1-31 May 2024.",
    )  # fmt: skip
    assert answer.time_read and answer.time_note == "Looking at articles from 1-31 May 2024."
    abstained = dated(Answer("q", "no", ANSWER.citations, True), _read(None))
    assert abstained.as_of is None and abstained.time is None
