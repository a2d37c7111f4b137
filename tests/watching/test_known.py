"""A value already said is found by its words (``known.said_before``): a search cued by the
question and the value, then a sentence that gives the value as written and reports on the
question by the watch's own guards. No model: the search hands back written passages."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.records import Passage
from assistant.watching.known import said_before

QUOTA = "What is the United Arab Emirates' OPEC crude oil production quota?"


def _passage(text: str, title: str = "OPEC OUTPUT", day: str = "1987-03-05") -> Passage:
    return Passage(chunk_id="a:0", article_id="a", title=title, date=day, source="wire",
                   text=text, start=0, end=len(text), score=1.0)  # fmt: skip


@dataclass
class Found:
    passages: list[Passage]
    asked: list[tuple[str, object, object]] = field(default_factory=list)

    def search(self, question: str, k: int = 5, *, date_from: object = None,
               date_to: object = None) -> list[Passage]:  # fmt: skip
        self.asked.append((question, date_from, date_to))
        return self.passages


def test_a_sentence_that_gives_the_value_and_reports_on_the_question_is_found() -> None:
    text = ("OPEC ministers met in Vienna. The United Arab Emirates' crude oil production "
            "quota is 902,000 bpd under the accord, delegates said.")  # fmt: skip
    found = Found([_passage(text)])
    cited = said_before(found, QUOTA, "902,000 bpd", date_from=None, date_to="1987-04-02")
    assert cited is not None and cited.quote.startswith("The United Arab Emirates'")
    assert text[cited.answer_start : cited.answer_end] == "902,000 bpd"
    assert found.asked == [(f"{QUOTA} 902,000 bpd", None, "1987-04-02")]  # cued by the value


def test_a_longer_figure_or_another_member_s_quota_is_not_the_value() -> None:
    longer = "The United Arab Emirates' crude oil production quota is 1,902,000 bpd, they said."
    assert said_before(Found([_passage(longer)]), QUOTA, "902,000 bpd",
                       date_from=None, date_to=None) is None  # fmt: skip
    other = "Qatar's crude oil production quota is 902,000 bpd under the accord, they said."
    assert said_before(Found([_passage(other, title="QATAR OUTPUT")]), QUOTA, "902,000 bpd",
                       date_from=None, date_to=None) is None  # fmt: skip


def test_a_value_told_as_a_forecast_is_not_said() -> None:
    text = "The United Arab Emirates' crude oil production quota could be 902,000 bpd."
    assert said_before(Found([_passage(text)]), QUOTA, "902,000 bpd",
                       date_from=None, date_to=None) is None  # fmt: skip


def test_a_value_told_as_still_to_come_was_not_said() -> None:
    """A week before British banks cut their base rates to 10 pct, a story said the cut
    would come: that is no report of it, and the cut is news when it is made."""
    banks = "What are British clearing banks' base lending rates?"
    to_come = ("Building societies will cut their rates when the inevitable cut in bank base "
               "rates to 10 pct materialises, analysts said.")  # fmt: skip
    made = "British clearing banks cut their base lending rates to 10 pct today."
    assert said_before(Found([_passage(to_come, title="U.K. RATES")]), banks, "10 pct",
                       date_from=None, date_to=None) is None  # fmt: skip
    assert said_before(Found([_passage(made, title="U.K. RATES")]), banks, "10 pct",
                       date_from=None, date_to=None) is not None  # fmt: skip


def test_a_value_told_as_proposed_or_provisional_was_not_set() -> None:
    """OPEC "proposed ceilings of 16.6 mln for the third quarter" in December; the ceiling
    it set at 16.6 in June is news all the same."""
    ceiling = "What is OPEC's overall crude oil output ceiling?"
    proposed = ("OPEC also decided to limit first-half output to 15.8 mln bpd and proposed an "
                "output ceiling of 16.6 mln bpd for the third quarter.")  # fmt: skip
    set_ = "OPEC agreed on an overall crude oil output ceiling of 16.6 mln bpd for 1987."
    for told in (proposed, proposed.replace("proposed", "set a provisional")):
        assert said_before(Found([_passage(told)]), ceiling, "16.6 mln bpd",
                           date_from=None, date_to=None) is None  # fmt: skip
    assert said_before(Found([_passage(set_)]), ceiling, "16.6 mln bpd",
                       date_from=None, date_to=None) is not None  # fmt: skip


def test_a_value_for_a_quarter_not_yet_begun_is_a_plan_not_the_value() -> None:
    """On 19 June a story recalled December's accord, "raise the group's production ceiling
    to 16.6 mln barrels per day in the third quarter": no report of the July-December
    ceiling of 16.6 that OPEC set on 27 June. Told once the quarter has begun, it is."""
    ceiling = "What is OPEC's overall crude oil output ceiling?"
    plan = ("OPEC agreed in December to raise the group's production ceiling to 16.6 mln "
            "barrels per day in the third quarter and to 18.3 mln in the fourth.")  # fmt: skip
    value = "16.6 mln barrels per day"
    assert said_before(Found([_passage(plan, day="1987-06-19")]), ceiling, value,
                       date_from=None, date_to=None) is None  # fmt: skip
    assert said_before(Found([_passage(plan, day="1987-07-20")]), ceiling, value,
                       date_from=None, date_to=None) is not None  # fmt: skip
    first_half = plan.replace("third quarter", "first half")
    assert said_before(Found([_passage(first_half, day="1987-03-05")]), ceiling, value,
                       date_from=None, date_to=None) is not None  # fmt: skip
