"""Which commodity a figure is given for (``watching.commodities``)."""

from __future__ import annotations

import pytest

from assistant.watching.commodities import another_commodity

BARLEY = "What maximum export rebate did the EC set for free market barley at its tender?"


@pytest.mark.parametrize(
    ("question", "before", "another"),
    [(BARLEY, "granted licences for 5,000 tonnes of soft bread-making wheat at a maximum "
      "export rebate of", True),
     (BARLEY, "also granted certificates for 35,000 tonnes of barley at", False),
     (BARLEY, "The committee set a maximum export rebate of", False),  # none named: not told
     ("What is the U.S. corn loan rate?", "the loan rate for maize is", False),  # one crop
     ("What is the EC's export rebate?", "wheat at a rebate of", False)],  # none asked
)  # fmt: skip
def test_a_figure_given_for_another_commodity(question: str, before: str, another: bool) -> None:
    assert another_commodity(question, before) is another
