"""Words a report may use for the thing a watch asks: "acquired for 69 dlrs per share" is
the buyer's offer, "paying 90.25 dlrs" a bid's price, the "jobless" the "unemployed". A
watch's check that a report is about the thing asked (``asking.asked_about``) counts a word
of the same group as said."""

from __future__ import annotations

from assistant.text.terms import stem, words

# The price of a takeover, in the wires' words for it.
_GROUPS = (
    "offer offered offering bid bidding tender tendered buyout acquire acquired acquiring "
    "acquisition merger takeover pay paying paid",
)
_KIN = tuple(frozenset(stem(w) for w in group.split()) for group in _GROUPS)
# Words for one thing in any question: the "jobless" are the "unemployed", a trust's
# "distribution" its dividend, prices that "fell" changed. ("output" for "production" and
# "ceiling" for "quota" were tried: asked a production quota, "Saudi output ... averaged 2.6
# mln bpd" and "produces about 1.4 mln bpd ..., in line with its 1.495 bpd OPEC ceiling" were
# read as the quota; dev replay, 2026-12-06.)
_SAME = tuple(
    frozenset(stem(w) for w in group.split())
    for group in (
        "unemployment unemployed jobless",
        "distribution dividend payout",
        "change rise rose fall fell increase decrease drop gain decline",
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
