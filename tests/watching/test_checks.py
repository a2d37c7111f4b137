"""The guards on an answer watch's new report: on topic, the question's names, stated
rather than predicted, and a value of the same kind (no model needed)."""

from __future__ import annotations

import pytest

from assistant.records import Citation
from assistant.watching.reports import reports_on
from assistant.watching.values import same_shape

BANKS = "What prime rate are most major U.S. banks posting?"


def cited(quote: str, answer: str, title: str = "") -> Citation:
    at = quote.index(answer)
    return Citation(n=1, article_id="a", title=title, date="1987-04-01", source="wire",
                    text=quote, chunk_start=100, quote=quote, start=100, end=100 + len(quote),
                    score=1.0, answer_start=100 + at,
                    answer_end=100 + at + len(answer))  # fmt: skip


@pytest.mark.parametrize(
    ("question", "quote", "answer", "title", "reports"),
    [
        (BANKS, "Most major U.S. banks are now posting a 7-3/4 pct rate.", "7-3/4 pct", "", True),
        (BANKS, "Among the major banks which today announced prime rate increases to 7-3/4 "
                "pct were Bankers Trust and Chemical Bank.", "7-3/4 pct",
         "MAJOR U.S. BANKS MOVE TO HIGHER 7-3/4 PCT PRIME", True),  # the name in the headline
        (BANKS, "Major U.K. banks lowered their base lending rates today to 9.5 pct.",
         "9.5 pct", "CURRENCY FUTURES", False),  # another country's banks
        (BANKS, "Prime rate is 6-1/2 pct.", "6-1/2 pct", "HONG KONG BANKS", False),
        (BANKS, "Allen Sinai predicted a rise in U.S. bank prime lending rates to eight pct "
                "from 7-3/4 pct.", "eight pct", "", False),  # a forecast
        (BANKS, "Chemical and Marine Midland kept their U.S. prime rates at 9-1/4 pct while "
                "they waited to see what rates would do.", "9-1/4 pct", "", True),
        ("What crop does the USDA forecast for Soviet wheat?", "The USDA forecast the "
         "Soviet wheat crop at 90 mln tonnes.", "90 mln tonnes", "", True),  # asked for one
    ],
)  # fmt: skip
def test_a_report_must_state_what_the_question_asks(
    question: str, quote: str, answer: str, title: str, reports: bool
) -> None:
    assert reports_on(question, cited(quote, answer, title)) is reports


def test_a_new_value_is_of_the_same_kind() -> None:
    assert same_shape("7-3/4 pct", "eight pct") and same_shape("Citibank", "Chase Manhattan")
    assert not same_shape("7-3/4 pct", "prime interest rate")
