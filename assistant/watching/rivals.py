"""Which of a series' rival kinds a figure is given for: asked South Africa's producer price
inflation, "year-on-year consumer price inflation rose slightly to 16.3 pct" is the consumer
series'; asked M-3, "M-1 rose 2.1 pct" is another aggregate's.

A statistics office's story, or a market's, gives the rival series side by side under one
headline and most of the question's words; the kind named before the figure in its
sentence says which it is. Words of a kind come in groups of which a series is one or the
other: a price index is a consumer's, a producer's, a wholesaler's or a retailer's; trade
is imports or exports; a currency's rate is a buying or a selling one; money is M-0 to M-4;
an automaker builds cars or trucks; an oil stock is crude's, gasoline's, distillate's or
residual fuel's (the American Petroleum Institute's week, "Distillate fuel stocks ... fell
by 7.35 mln barrels", under a headline of gasoline's too); USDA's week counts grain sold for
export or inspected for it ("U.S. EXPORT INSPECTIONS, IN THOUS BUSHELS, ... CORN 33,728" for
corn's net sales: fresh15's l10 and l11); a country's balance is its trade's or its current
account's (France's "current account payments surplus slipped to ... 300 mln francs" for
its trade balance: fresh15's l22); an oil is crude or processed (Malaysia's "Export duty on
crude palm oil (cpo) rose to 38.30 ringgit" for its processed palm oil's: fresh16's o03).
"""

from __future__ import annotations

import re

# Each group's kinds, each as the words that say it (casefolded); "buying" and "selling" as
# written: a takeover's "agreed to sell" is no selling rate of a bid "to buy".
_GROUPS = (
    {"consumer": r"consumers?", "producer": r"producers?", "wholesale": r"wholesale",
     "retail": r"retail"},
    {"import": r"imports?|imported", "export": r"exports?|exported"},
    {"buying": r"buying", "selling": r"selling"},
    {f"m{n}": rf"m-?{n}" for n in range(5)},  # "M-3", "M3", "sterling M3"
    {"car": r"cars?", "truck": r"trucks?"},  # an automaker's output
    {"gasoline": r"gasoline", "distillate": r"distillates?|heating\s+oil",
     "crude": r"crude", "residual": r"residual"},  # the oil stocks of one weekly report
    {"sales": r"sales|sold", "inspections": r"inspections?|inspected"},  # USDA's weeks
    {"trade": r"trade", "current account": r"current\s+accounts?"},  # a country's balances
    {"crude": r"crude", "processed": r"processed|refined"},  # a palm oil's export duties
)  # fmt: skip
_PATTERNS = tuple(
    {kind: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for kind, words in group.items()}
    for group in _GROUPS
)


def _kinds(text: str, group: dict[str, re.Pattern[str]]) -> set[str]:
    return {kind for kind, pattern in group.items() if pattern.search(text)}


def another_kind_of_series(question: str, before: str) -> bool:
    """Whether the words ``before`` a figure in its sentence name a rival kind of the series
    asked, and not the asked one: within a group, said without asked."""
    for group in _PATTERNS:
        asked, said = _kinds(question, group), _kinds(before, group)
        if asked and said and not said & asked:
            return True
    return False
