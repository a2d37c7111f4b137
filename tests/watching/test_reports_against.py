"""A figure beside another level in its sentence (``reports.reports_on``): the gap to it or a
margin over it, the output measured against a quota, the level before ("compared to"), a
known bid a forecast is measured against, and a figure only asked for. Asked the level, only
the level itself is a report of it."""

from __future__ import annotations

import pytest
from test_reports import cited

from assistant.watching.reports import reports_on

SAUDI = "What is Saudi Arabia's OPEC crude oil production quota?"
ECUADOR = "What is Ecuador's OPEC oil production quota?"
DIXONS = "How much per share is Dixons Group paying for Cyclops Corp shares in its takeover?"


@pytest.mark.parametrize(
    ("question", "quote", "answer", "title", "reports"),
    [
        ("What is OPEC's overall crude oil output ceiling?", "OPEC produced only about 14 mln "
         "bpd of oil in the second week of March -- 1.8 mln bpd below its overall output "
         "ceiling.", "1.8 mln bpd", "", False),  # a gap to the ceiling, not the ceiling
        ("What is Royal Bank of Canada's prime lending rate?", "Drawings will be at 1/8 pct "
         "over Royal Bank of Canada's prime rate.", "1/8 pct", "", False),  # a margin over it
        (SAUDI, "Nazer said Saudi Arabia was producing around three mln barrels per day (bpd) "
         "of crude oil, well below its OPEC quota.", "three mln barrels per day", "",
         False),  # the output against it
        (SAUDI, "Saudi Arabia has an OPEC crude oil production quota of 4.133 mln bpd, well "
         "above its output.", "4.133 mln bpd", "", True),  # the quota, against another thing
        (SAUDI, "They said Saudi output in the first eight days of March averaged 2.6 mln bpd, "
         "compared to a February average of 3.5 mln bpd.", "3.5 mln bpd",
         "SAUDI OUTPUT BELOW OPEC QUOTA", False),  # the level before
        (ECUADOR, "Ecuador will ask OPEC to raise its oil production quota by 100,000 barrels "
         "per day to 310,000.", "310,000", "", False),  # asked for, not granted
        (ECUADOR, "OPEC raised Ecuador's oil production quota by 100,000 barrels per day to "
         "310,000.", "310,000", "", True),
        ("How much per share is Acme Corp offering for Widget Inc?", "Acme Corp asked Widget "
         "Inc shareholders to tender their shares at 25 dlrs a share in its offer.", "25 dlrs",
         "", True),  # an offer's terms, asked of holders
        (DIXONS, "The increased offer would exceed the 90.25 dlrs a share price offered by "
         "Dixons Group PLC in a tender offer for Cyclops Corp.", "90.25 dlrs", "",
         True),  # the known bid: stated, neither predicted nor a move
        (DIXONS, "Dixons Group would raise its offer for Cyclops Corp to 95 dlrs a share.",
         "95 dlrs", "", False),  # a condition still
    ],
)  # fmt: skip
def test_a_figure_beside_another_level_is_read_for_the_level_asked(
    question: str, quote: str, answer: str, title: str, reports: bool
) -> None:
    assert reports_on(question, cited(quote, answer, title)) is reports
