"""Which of a series' rival kinds a figure is given for: asked South Africa's producer price
inflation, "year-on-year consumer price inflation rose slightly to 16.3 pct" is the consumer
series'; asked M-3, "M-1 rose 2.1 pct" is another aggregate's.

A statistics office's story, or a market's, gives the rival series side by side under one
headline and most of the question's words; the kind named before the figure in its
sentence says which it is. Words of a kind come in groups of which a series is one or the
other: a price index is a consumer's, a producer's, a wholesaler's or a retailer's; trade
is imports or exports; a currency's rate is a buying or a selling one; money is M-0 to M-4.
"""

from __future__ import annotations

import re

from assistant.text.terms import plain_terms

_GROUPS = tuple(
    frozenset(plain_terms(group))
    for group in ("consumer producer wholesale retail", "import export", "buying selling")
)
# A money supply aggregate, however the wire writes it ("M-3", "M3", "m3", "sterling M3").
_AGGREGATE = re.compile(r"\bM-?([0-4])\b", re.IGNORECASE)


def _kinds(text: str) -> set[str]:
    terms = set(plain_terms(text))
    found = {t for group in _GROUPS for t in group & terms}
    return found | {f"m{m[1]}" for m in _AGGREGATE.finditer(text)}


def another_kind_of_series(question: str, before: str) -> bool:
    """Whether the words ``before`` a figure in its sentence name a rival kind of the series
    asked, and not the asked one: within a group, said without asked."""
    asked, said = _kinds(question), _kinds(before)
    for group in (*_GROUPS, frozenset(f"m{n}" for n in range(5))):
        if asked & group and said & group and not said & asked & group:
            return True
    return False
