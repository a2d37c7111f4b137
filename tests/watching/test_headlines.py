"""A headline's word of forecast before the answer's figure makes it a forecast
(``headlines.headline_predicts``); a headline's "MAY" before the thing asked is the month."""

from __future__ import annotations

import pytest

from assistant.records import Citation
from assistant.watching.headlines import headline_predicts

RESERVES = (
    "What were Japan's external (foreign exchange) reserves at the end of the latest month "
    "reported by the Finance Ministry?"
)
CEILING = "What is OPEC's overall crude oil output ceiling?"


def _cited(title: str, figure: str) -> Citation:
    text = f"{title.capitalize()}."
    at = text.casefold().index(figure.casefold())
    return Citation(n=1, article_id="a", title=title, date="1987-06-02", source="wire",
                    text=text, chunk_start=0, quote=text, start=0, end=len(text), score=1.0,
                    answer_start=at, answer_end=at + len(figure))  # fmt: skip


@pytest.mark.parametrize(
    ("question", "title", "figure", "predicts"),
    [(RESERVES, "JAPAN MAY EXTERNAL RESERVES HIT RECORD 68.94 BILLION DLRS", "68.94 billion",
      False),  # May's reserves: the month, before the thing asked
     (CEILING, "OPEC MAY CUT OUTPUT CEILING TO 15 MLN BPD", "15 mln bpd", True),  # a modal
     (CEILING, "OPEC OUTPUT CEILING SEEN AT 16.6 MLN BPD IN MAY 1988", "16.6 mln bpd", False),
     (CEILING, "OPEC EXPECTED TO SET CEILING AT 16.6 MLN BPD", "16.6 mln bpd", True),
     (RESERVES, "JAPAN RESERVES MAY RISE TO 70 BILLION DLRS", "70 billion", True),
     ("By how much did U.S. consumer prices rise in the latest month?",
      "U.S. CONSUMER PRICES MAY RISE 0.5 PCT", "0.5 pct", True)],  # asked "rise": a verb still
)  # fmt: skip
def test_a_headline_s_forecast_and_its_month(
    question: str, title: str, figure: str, predicts: bool
) -> None:
    assert headline_predicts(question, _cited(title, figure)) is predicts
