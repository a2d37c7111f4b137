"""Claim checking for LLM answers, on fixed answer texts (no model needed)."""

import pytest

from assistant.index.embeddings import get_embedder
from assistant.llm.grounding import check

pytestmark = pytest.mark.integration

PASSAGES = [
    "The Coordination of Azawad Movements (CMA) had already claimed responsibility for the attack.",
    "An attack on two military camps in northern Mali killed five soldiers, while 11 others "
    "are missing, the army said late Monday.",
]


def test_supported_claims_keep_their_markers() -> None:
    checked = check("The CMA claimed responsibility for the attack [1].", PASSAGES, get_embedder())
    assert [(c.text, c.supported_by) for c in checked.claims] == [
        ("The CMA claimed responsibility for the attack.", (1,))
    ]
    assert checked.notes == ()


def test_wrong_or_missing_markers_are_corrected_and_noted() -> None:
    text = "Five soldiers were killed in the attack on two military camps [1]. The CMA claimed it."
    checked = check(text, PASSAGES, get_embedder())
    assert [c.supported_by for c in checked.claims] == [(2,), (1,)]
    assert any("Corrected" in n for n in checked.notes)
    assert any("Added the missing citation" in n for n in checked.notes)


def test_unsupported_claims_and_wrong_numbers_are_dropped() -> None:
    text = (
        "Seven soldiers were killed in the attack [2]. "
        "The president of France visited Timbuktu on Friday [1]. "
        "The CMA claimed responsibility for the attack [9]."
    )
    checked = check(text, PASSAGES, get_embedder())
    assert [c.text for c in checked.claims] == ["The CMA claimed responsibility for the attack."]
    assert checked.claims[0].supported_by == (1,)
    assert sum("Dropped" in n for n in checked.notes) == 2
    assert any("no passage 9" in n for n in checked.notes)


def test_partly_supported_claims_are_flagged() -> None:
    text = "The CMA quickly claimed responsibility for the deadly attack [1]."
    checked = check(text, PASSAGES, get_embedder())
    assert checked.claims and checked.claims[0].supported_by == (1,)
    assert any("Partly supported" in n and "quickly, deadly" in n for n in checked.notes)
    # mostly new words: not kept at all
    bold = "The CMA, a coalition fighting for self-determination, claimed the attack [1]."
    assert check(bold, PASSAGES, get_embedder()).claims == ()
