"""Whether a report is on the question's topic: judged on the words that say what is asked,
not the words any watch asks with ("latest", "monthly") or a company's legal form, with a
thing's other words ("unemployment" for the "unemployed"), and not with a country's other
names (a central bank's name is its country's, no word of the thing asked)."""

from __future__ import annotations

import pytest
from test_reports import cited  # the quote-with-a-span builder the report tests share

from assistant.watching.kin import same_things, with_kin
from assistant.watching.reports import reports_on

DUTCH = "What is the latest monthly total of seasonally adjusted unemployed in the Netherlands?"
SAUDI = "What is Saudi Arabia's OPEC crude oil production quota?"
COTTON = "What is Pakistan's official estimate of its 1986/87 cotton crop (bales of 375 lbs)?"


@pytest.mark.parametrize(
    ("question", "quote", "answer", "start", "reports"),
    [
        (DUTCH, "Dutch seasonally-adjusted unemployment totalled 690,600 people in February, "
         "unchanged from January.", "690,600", 0, True),
        (DUTCH, "The unadjusted figure stood at 708,700 at the end of last month.", "708,700",
         100, False),  # another figure deeper in the story
        ("What is the West German (Bundesbank) discount rate?", "The Bundesbank has set a "
         "fixed rate of 3.80 pct on repurchase pacts since February.", "3.80 pct", 100,
         False),  # "Bundesbank" names West Germany: no word of the discount rate
        (SAUDI, "They said Saudi output in the first eight days of March averaged 2.6 mln "
         "barrels per day.", "2.6 mln barrels per day", 100, False),  # output, not the quota
        (COTTON, "Pakistan cotton production during the current crop season reached 7.7 mln "
         "bales, the Agricultural Prices Commission said.", "7.7 mln bales", 0, True),
        (COTTON, "Pakistan's 1987/88 cotton crop is put at 8.2 mln bales, the Agricultural "
         "Prices Commission said.", "8.2 mln bales", 0, False),  # another season
        (COTTON, "Pakistan cotton production during the current crop season reached 7.7 mln "
         "bales, the Agricultural Prices Commission said.", "7.7 mln bales", 100, False),
        # deeper in a story, a sentence gives the season itself (a country's share of the
        # EC's 1986/87 beet sugar, reuters21578/1946, named none)
    ],
)  # fmt: skip
def test_a_report_is_on_topic_in_its_own_words(
    question: str, quote: str, answer: str, start: int, reports: bool
) -> None:
    title = "DUTCH UNEMPLOYMENT UNCHANGED IN FEBRUARY" if question == DUTCH else ""
    assert reports_on(question, cited(quote, answer, title, start)) is reports


def test_a_thing_s_other_words_are_said_with_it() -> None:
    assert set(same_things("the jobless total").split()) >= {"unemployment", "unemploy"}
    assert same_things("the discount rate") == "the discount rate"  # no group, as written


def test_a_takeover_s_words_are_said_only_with_each_other() -> None:
    assert "offer" in with_kin("agreed to be acquired for 69 dlrs").split()
    assert "offer" not in with_kin("the jobless total rose").split()
