"""Which commodity a figure is given for: asked barley's export rebate, "licences for 5,000
tonnes of soft bread-making wheat at a maximum export rebate of 134.75 Ecus" is wheat's.

A tender's or a market's report runs through several commodities in one story, each
sentence under the same headline and most of the question's words; the commodity named
before the figure in its sentence says whose it is.
"""

from __future__ import annotations

from assistant.text.terms import plain_terms

# One name each; the wires' other name for the same crop maps to it ("corn" is maize).
_SAME_CROP = {"corn": "maize"}
_COMMODITIES = frozenset(
    plain_terms(
        "wheat barley maize sorghum oats rye rice soybeans sugar coffee cocoa cotton rubber "
        "wool tea tin copper zinc nickel aluminium aluminum gold silver platinum"
    )
) | frozenset(_SAME_CROP)


def _named(text: str) -> set[str]:
    return {_SAME_CROP.get(t, t) for t in plain_terms(text) if t in _COMMODITIES}


def another_commodity(question: str, before: str) -> bool:
    """Whether the words ``before`` a figure in its sentence name a commodity, and not the
    one the question asks."""
    asked = _named(question)
    said = _named(before)
    return bool(asked and said and not said & asked)
