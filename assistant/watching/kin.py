"""Words a report may use for the thing a watch asks: "acquired for 69 dlrs per share" is
the buyer's offer, "paying 90.25 dlrs" a bid's price. A watch's check that a report is
about the thing asked (``asking.asked_about``) counts a word of the same group as said."""

from __future__ import annotations

from assistant.text.terms import stem, words

# The price of a takeover, in the wires' words for it.
_GROUPS = (
    "offer offered offering bid bidding tender tendered buyout acquire acquired acquiring "
    "acquisition merger takeover pay paying paid",
)
_KIN = tuple(frozenset(stem(w) for w in group.split()) for group in _GROUPS)


def with_kin(text: str) -> str:
    """``text`` with every word of each group it uses a word of: "agreed to be acquired for
    69 dlrs" then says "offer" and "tender" too."""
    said = {stem(w) for w in words(text)}
    kin = [" ".join(sorted(group)) for group in _KIN if group & said]
    return " ".join([text, *kin])
