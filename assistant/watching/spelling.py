"""Two spellings of one name: the wires transliterate ("Hisham Nazer", "Hisham Nazir";
"Subroto", "Soebroto"), and a watch must not alert a name spelt anew as a new answer."""

from __future__ import annotations

from collections.abc import Collection
from difflib import SequenceMatcher

ALIKE = 0.8  # "nazer" / "nazir": 4 of 5 letters in order
SHORTEST = 4  # shorter words must be spelt the same ("Ali", "Al")


def spelled_alike(a: str, b: str) -> bool:
    """Whether two words are one name spelt two ways: the same, or long enough, with the
    same first letter and most letters in the same order."""
    if a == b:
        return True
    if min(len(a), len(b)) < SHORTEST or a[:1] != b[:1]:
        return False
    return SequenceMatcher(None, a, b).ratio() >= ALIKE


def among(words: Collection[str], others: Collection[str]) -> bool:
    """Whether each of ``words`` is one of ``others``, however spelt."""
    return all(any(spelled_alike(w, o) for o in others) for w in words)
