"""Words a report may use for the thing a watch asks: "acquired for 69 dlrs per share" is
the buyer's offer, "paying 90.25 dlrs" a bid's price, the "jobless" the "unemployed". A
watch's check that a report is about the thing asked (``asking.asked_about``) counts a word
of the same group as said. Whether a takeover's price is asked at all (``offer_in``: not an
"offered rate"), and a block of shares sold at a price (``traded``), are told here too."""

from __future__ import annotations

import re

from assistant.text.terms import stem, words

# The price of a takeover, in the wires' words for it.
_GROUPS = (
    "offer offered offering bid bidding tender tendered buyout acquire acquired acquiring "
    "acquisition merger takeover pay paying paid",
)
_KIN = tuple(frozenset(stem(w) for w in group.split()) for group in _GROUPS)
# Words for one thing in any question: the "jobless" are the "unemployed", a trust's
# "distribution" its dividend, prices that "fell" changed, cars "sold" their sales, an
# investor's "stake" what it holds. ("output" for "production" and
# "ceiling" for "quota" were tried: asked a production quota, "Saudi output ... averaged 2.6
# mln bpd" and "produces about 1.4 mln bpd ..., in line with its 1.495 bpd OPEC ceiling" were
# read as the quota; dev replay, 2026-12-06.)
_SAME = tuple(
    frozenset(stem(w) for w in group.split())
    for group in (
        "unemployment unemployed jobless",
        "distribution dividend payout",
        "change rise rose fall fell increase decrease drop gain decline",
        "sell sold sale",  # "How many cars did Porsche sell": "its domestic car sales"
        "percentage percent",  # "What percentage ... hold": "9.7 pct stake" ("pct": percent)
        "hold held own owned stake",  # an investor's holding: "said it had 9.7 pct stake"
    )
)


def with_kin(text: str) -> str:
    """``text`` with every word of each group it uses a word of: "agreed to be acquired for
    69 dlrs" then says "offer" and "tender" too."""
    return _with_groups(text, _KIN)


def same_things(text: str) -> str:
    """``text`` with the other words for each thing it names ("jobless": "unemployed")."""
    return _with_groups(text, _SAME)


def _with_groups(text: str, groups: tuple[frozenset[str], ...]) -> str:
    said = {stem(w) for w in words(text)}
    return " ".join([text, *(" ".join(sorted(g)) for g in groups if g & said)])


# A takeover's offer or bid asked (its plan is no forecast: ``predictions``).
_ASKS_OFFER = re.compile(
    r"\b(?:offer(?!ed\s+rate)\w*|bids?(?!\s+rate)|bidding|tender\s+offer|paying|buyout)\b",
    re.IGNORECASE,
)  # a takeover's price: not an interbank "offered rate", a "bid rate", a bill tender
# A block of shares sold or bought at a price is a trade, not an offer ("has sold 9,534,633
# shares of <Imperial Continental Gas Association> for 720 pence a share"), unless the
# sentence tells an offer too ("bought 1.2 mln shares in its tender offer at 50 dlrs").
_A_TRADE = re.compile(
    r"\b(?:sold|bought|purchased|acquired)\s+(?:about\s+|some\s+|another\s+)?[\d,.]+"
    r"(?:\s+mln)?(?:\s+[\w-]+){0,2}?\s+shares\b[^.;]*$",
    re.IGNORECASE,
)


def offer_in(text: str) -> bool:
    """Whether a text speaks of a takeover's offer or bid (not an "offered rate")."""
    return bool(_ASKS_OFFER.search(text))


def traded(before: str, after: str) -> bool:
    """Whether the words ``before`` a price in its sentence tell a block of shares sold or
    bought at it, and its sentence (``after`` it too) no offer."""
    return bool(_A_TRADE.search(before)) and not offer_in(f"{before} {after}")


def kin_if_offer(question: str, text: str) -> str:
    """``text`` with its words' kin when the question asks a takeover's price ("acquired
    for" is an offer); as it is otherwise (a dividend "paid" is no "offer")."""
    return with_kin(text) if offer_in(question) else text
