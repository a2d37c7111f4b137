"""What a count counts: asked how many cars, "two plants" counts plants."""

from __future__ import annotations

import pytest
from test_context import in_story  # a sentence of a story, cited from the story's start

from assistant.watching.counts import counts_another_thing
from assistant.watching.reports import reports_on

GM = (
    "How many cars did General Motors Corp build in the latest month, according to its "
    "monthly car production figures?"
)


@pytest.mark.parametrize(
    ("following", "another"),
    [(" plants later this month.", True),  # reuters21578/1979
     (" of its seven U.S. plants", True),  # "six of its seven U.S. plants" (10164)
     (" hourly workers", True),
     (" from 398,823 a year ago.", False),  # nothing named: the cars asked
     (" units from 5,627 units", False),  # a word for any item counted
     (" U.S.-built cars", False),
     (" new cars", False),
     (" was down", False),  # no noun
     (" tonnes", False),  # a unit
     (" bushels", False)],  # a measure
)  # fmt: skip
def test_the_noun_after_a_count_says_what_it_counts(following: str, another: bool) -> None:
    assert counts_another_thing(GM, following) is another


def test_every_plural_of_the_thing_asked_may_be_the_one_counted() -> None:
    liffe = (  # fresh16's watch-o14 (reuters21578/2765: "with 22,109 contracts trading")
        "How many FT-SE 100 index futures contracts were traded on the London International "
        "Financial Futures Exchange (LIFFE) in the latest month reported?"
    )
    assert not counts_another_thing(liffe, " contracts trading, against January's 15,279")
    assert not counts_another_thing(liffe, " futures")
    assert counts_another_thing(liffe, " members of the exchange")
    assert counts_another_thing(GM, " motors")  # a name's word is no thing asked


def test_a_question_that_asks_no_count_counts_nothing() -> None:
    assert not counts_another_thing("What is GM's quarterly dividend?", " plants")


LAYOFFS = (  # reuters21578/1979
    "DETROIT, March 4 - General Motors Corp said it ordered temporary layoffs of 5,500 hourly "
    "workers to cut production of cars built at two plants later this month."
)
OUTPUT = (  # reuters21578/832
    "DETROIT, March 2 - General Motors Corp said its February domestic car production declined "
    "to 358,661 from 398,823 a year ago."
)


@pytest.mark.parametrize(
    ("story", "answer", "reports"),
    [(LAYOFFS, "two", False), (LAYOFFS, "5,500", False), (OUTPUT, "358,661", True)],
)
def test_asked_how_many_cars_a_count_of_plants_is_no_report(
    story: str, answer: str, reports: bool
) -> None:
    assert reports_on(GM, in_story(story, answer)) is reports
