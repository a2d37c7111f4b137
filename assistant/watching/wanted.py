"""The kind of value a watch takes (``Wanted``): a day, an amount of the measure asked, money
per share when an offer or dividend is asked, a name when it asks "who", and a value of the
kind the watch holds. A report of the right sentence but the wrong kind of value ("3.16
billion dlrs" for an offer per share, "Brazilian economy" for a minister) is no answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.date_phrases import DAY, MONTH
from assistant.text.question import QuestionType, analyse
from assistant.watching.asking import ASKS_MOVE, PER_SHARE_WORDS, asks_amount, measure_asked
from assistant.watching.grades import Scale, grade_in, scales_asked
from assistant.watching.roles import TITLE
from assistant.watching.sameness import above_reach, in_reach
from assistant.watching.values import (
    Measure,
    Value,
    is_date,
    is_range,
    measure_of,
    measures,
    read_value,
    same_shape,
)

# A price per share or a dividend is money per share: never millions ("3.16 billion dlrs"
# is a deal's total, not its offer per share).
_ASKS_PER_SHARE = re.compile(rf"\b(?:{PER_SHARE_WORDS})\b", re.IGNORECASE)
PER_SHARE_BELOW = 1e6  # dollars, pounds: "68.6 mln stg" is a deal's total
_SMALL_MONEY = {"yen": 1e3, "lira": 1e3}  # a share may cost millions of these ("3.18 mln yen")
SHARE_BLOCK = 100  # shares: a count this large is a purchase's, not a stock part of an offer
# A headline's verb of saying, capitalised as every word is there ("..., OFFICIALS SAY"):
# no name, whatever its case.
_SAYING = re.compile(r"say|says|said|tell|tells|told|report|reports", re.IGNORECASE)
# A rank below an office is no name ("Deputy" of "Deputy Treasury Secretary Richard Darman").
_RANK = re.compile(r"vice|deputy|under|under-secretary|assistant|acting|associate")
# An amount's value opens with its figure ("fell 4.4 mln barrels", "a record 3.2 pct"), not
# a clause ("Year-on-year inflation was six pct"): in every replay's results to 2026-12-06,
# no value read right had more than two words before its figure.
LEAD_WORDS = 2
NAME_WORDS = 6  # a "who" watch's value is a name: "Manuel Johnson", not a clause
_A_DAY = re.compile(rf"\b{MONTH}\s+{DAY}(?!\d)", re.IGNORECASE)  # "Oct 20", "March 31"
# Lower-case words a name may hold ("Fernando de la Rua", "al-Sabah", "Bank of Japan").
_NAME_PARTICLE = re.compile(
    r"(?:de|da|do|dos|das|del|la|le|du|van|von|der|den|ter|bin|ibn|al|el|y|of|and|&)"
    r"(?:-\w+)?"
)


@dataclass(frozen=True)
class Wanted:
    """The kind of value a watch takes: a day only when it asks "when", a number when it
    asks for an amount (a rate, a price, a level), a name when it asks "who", and the kind
    of the value it holds (``like``)."""

    day: bool
    amount: bool
    name: bool
    like: str = ""
    measure: Measure = Measure.ANY
    per_share: bool = False
    move: bool = False  # a move asked ("by how much did ... change"): any size may follow
    above: bool = False  # a figure past the reach of ``like`` may be taken above it
    grades: frozenset[Scale] = frozenset()  # a credit rating asked: a grade of these scales

    @classmethod
    def of(cls, question: str, like: str = "", *, above: bool = False) -> Wanted:
        qtype, per_share = analyse(question).qtype, bool(_ASKS_PER_SHARE.search(question))
        return cls(qtype is QuestionType.WHEN, asks_amount(question), qtype is QuestionType.WHO,
                   like, measure_asked(question), per_share,
                   bool(ASKS_MOVE.search(question)), above, scales_asked(question))  # fmt: skip

    def takes(self, value: str) -> bool:
        if self.grades:
            return bool(grade_in(value, self.grades))  # "BB-plus", not the "185 mln dlrs" rated
        read = read_value(value)
        if not (read.quantities or read.words) or (is_date(value) and not self.day):
            return False  # "<", or the day a figure is for
        if self.like and not same_shape(self.like, value):
            return False  # "prime interest rate" is no value of a rate
        if self.like and is_range(value) and not is_range(self.like):
            return False  # analysts' "25-28 mln tonnes" is no new value of USDA's 26
        far = self.like and not self.move and not in_reach(self.like, value)
        if far and not (self.above and above_reach(self.like, value)):
            return False  # M-1's "eight billion dlr" rise is no next level of its 740.2
        if not self.like and self.amount and not read.quantities:
            return False  # a rate asked, a ticker found
        if read.quantities and not self.day and not _figures_past_days(value):
            return False  # "Oct 20 - Taiwan's ... reserves ... have hit a record high"
        amount = self.amount or bool(self.like and read_value(self.like).quantities)
        if amount and _words_before_figure(value) > LEAD_WORDS:
            return False  # "March trade surplus had also risen strongly from ... 8.5 billion"
        if read.quantities and not measures(read, self.measure):
            return False  # a price asked, a count of shares found
        if self.per_share and (_a_total(read) or _counts_shares(read)):
            return False  # an offer per share asked, the deal's "3.16 billion dlrs" found
        return not self.name or _named(value)  # "who": a name, not a clause about one


def _figures_past_days(value: str) -> bool:
    """Whether a value holds a figure besides the days it names ("Oct 20", "March 31"): a
    dateline's day is no amount."""
    return bool(read_value(_A_DAY.sub(" ", value)).quantities)


def _words_before_figure(value: str) -> int:
    """How many words of a value come before its first figure ("up 0.2 pct": one)."""
    tokens = value.split()
    return next((at for at, t in enumerate(tokens) if read_value(t).quantities), len(tokens))


def _a_total(value: Value) -> bool:
    """Whether every sum of money in the value is millions or more: a total, not a sum per
    share."""
    money = [q for q in value.quantities if measure_of(q) is Measure.MONEY]
    if any(q.unit.endswith("/share") for q in money):
        return False  # "44 dlrs a share, or 3.29 billion dlrs"
    return bool(money) and min(q.amount / _SMALL_MONEY.get(q.unit, 1.0) for q in money) >= (
        PER_SHARE_BELOW
    )


def _counts_shares(value: Value) -> bool:
    """Whether the value counts a block of shares ("170,000 shares of NECO Enterprises Inc
    at 26 dlrs each"): a clause about a purchase, not a price per share ("20 dlrs cash and
    0.5 share" is one)."""
    return any(q.unit == "share" and q.amount >= SHARE_BLOCK for q in value.quantities)


def _named(value: str) -> bool:
    """Whether a value reads as a name: a few words, each capitalised or a name's particle
    ("Luiz Carlos Bresser Pereira", "Sheikh Ali al-Sabah", "the Bundesbank"), not a phrase
    about one ("Brazilian economy")."""
    tokens = value.strip(" ,.;:'\"").split()
    if tokens and tokens[0].casefold() == "the":
        tokens = tokens[1:]
    return (
        0 < len(tokens) <= NAME_WORDS
        and all(t[:1].isupper() or t[:1].isdigit() or _NAME_PARTICLE.fullmatch(t) for t in tokens)
        and not TITLE.fullmatch(tokens[-1].rstrip(".,;:'’s"))  # "OPEC President": a role
        and not any(_RANK.fullmatch(t.casefold()) for t in tokens)  # "Deputy": a rank
        and not _SAYING.fullmatch(tokens[-1])  # a headline's "..., OFFICIALS SAY"
    )
