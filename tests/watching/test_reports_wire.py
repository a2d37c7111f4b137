"""Reports in the wires' own forms (``reports.reports_on``): a story's U.S. dateline gives
the "U.S." a question names, and a table's dot leaders do not hide a move ("up.......2.1")
from the level before it. The citations are written out as the wire printed them."""

from __future__ import annotations

import pytest

from assistant.records import Citation
from assistant.watching.reports import reports_on

RATIO = "What is the U.S. semiconductor industry's three-month average book-to-bill ratio?"
CUPERTINO = ("CUPERTINO, Calif., March 6 - The Semiconductor Industry Association said the "
             "February three-month average book-to-bill ratio was 1.13.")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "chunk_start", "reports"),
    [(CUPERTINO, 0, True),  # the story's dateline is in the U.S.
     (CUPERTINO.replace("CUPERTINO, Calif.", "TOKYO"), 0, False),
     (CUPERTINO, 400, False)],  # a passage deeper in the story: no dateline in it
)  # fmt: skip
def test_a_us_dateline_gives_the_us_a_question_names(
    text: str, chunk_start: int, reports: bool
) -> None:
    quote = text[text.index("The Semiconductor") :]
    at = text.index("1.13")
    found = Citation(n=1, article_id="a", title="SEMICONDUCTOR BOOK-TO-BILL RATIO 1.13",
                     date="1987-03-06", source="wire", text=text, chunk_start=chunk_start,
                     quote=quote, start=chunk_start + text.index(quote),
                     end=chunk_start + len(text), score=1.0, answer_start=chunk_start + at,
                     answer_end=chunk_start + at + 4)  # fmt: skip
    assert reports_on(RATIO, found) is reports


M1 = "What is the latest weekly level of U.S. M-1 money supply reported by the Federal Reserve?"
TABLE = (
    "FEDERAL RESERVE MONEY SUPPLY REPORT - FEB 26\n One Week Ended Feb 16 "
    "M-1.........................736.7 up.......2.1 Previous week revised to....734.6"
)


@pytest.mark.parametrize(("figure", "reports"), [("736.7", True), ("2.1", False)])
def test_a_table_s_move_after_dot_leaders_is_no_level(figure: str, reports: bool) -> None:
    at = TABLE.index(figure)
    found = Citation(n=1, article_id="t", title="", date="1987-02-26", source="wire",
                     text=TABLE, chunk_start=0, quote=TABLE, start=0, end=len(TABLE),
                     score=1.0, answer_start=at, answer_end=at + len(figure))  # fmt: skip
    assert reports_on(M1, found) is reports


ICGAS = "What is the highest per-share offer for Imperial Continental Gas Association shares?"
SALE = ("Gulf Resources and Chemical Corp said it has sold 9,534,633 shares of Imperial "
        "Continental Gas Association for 720 pence a share in a private transaction.")  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "price", "reports"),
    [(SALE, "720 pence", False),  # a block of shares sold: a trade's price, no offer
     (SALE.replace("has sold", "has offered to buy"), "720 pence", True),
     (SALE.replace("in a private transaction", "under its tender offer"), "720 pence", True),
     ("Tractebel said it will offer 710 pence a share for Imperial Continental Gas "
      "Association.", "710 pence", True)],
)  # fmt: skip
def test_a_block_of_shares_sold_at_a_price_is_a_trade_not_an_offer(
    sentence: str, price: str, reports: bool
) -> None:
    at = sentence.index(price)
    found = Citation(n=1, article_id="a", title="IC GAS SHARES", date="1987-03-09",
                     source="wire", text=sentence, chunk_start=0, quote=sentence, start=0,
                     end=len(sentence), score=1.0, answer_start=at,
                     answer_end=at + len(price))  # fmt: skip
    assert reports_on(ICGAS, found) is reports
