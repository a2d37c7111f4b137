"""Check an LLM's answer against the passages it cites; keep only what they support.

Each sentence of the answer is a claim. A claim is supported by a passage when most of
its key words are in the passage (or fewer, with a close meaning by the embedding model)
and every number it states appears there; a claim with key words the passage lacks is
kept but flagged with those words. A marker that names the wrong passage is corrected, a
claim without a marker gets the passage that supports it, and a claim no passage
supports is dropped; each change is noted for the user.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.protocols import Embedder
from assistant.text.markers import marker_numbers, without_markers
from assistant.text.sentences import split_sentences
from assistant.text.terms import terms

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_META = frozenset(terms("answer passage passages article articles question text mention"))
_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "thousand": "1000"}
LEXICAL_SUPPORT = 0.6
LEXICAL_WITH_MEANING = 0.34
MEANING_SUPPORT = 0.7
FULL_SUPPORT = 0.8  # below this share of key words in the passage, a kept claim is flagged


@dataclass(frozen=True)
class Claim:
    """One sentence of the answer and the passages (1-based) that support it."""

    text: str
    cited: tuple[int, ...]
    supported_by: tuple[int, ...]


@dataclass(frozen=True)
class Checked:
    """The verified answer: supported claims, with notes on what was changed or dropped."""

    claims: tuple[Claim, ...]
    notes: tuple[str, ...]


def claim_terms(claim: str) -> list[str]:
    """A claim's key words, without words about the answer itself ("the passage says")."""
    return [t for t in terms(claim) if t not in _META]


def _lexical(claim_terms: set[str], passage_terms: set[str]) -> float:
    return len(claim_terms & passage_terms) / len(claim_terms) if claim_terms else 0.0


def _numbers(text: str) -> set[str]:
    """Numbers written in digits or as words ("five" and "5" are the same number)."""
    found = {n.replace(",", "") for n in _NUMBER.findall(text)}
    found |= {_NUMBER_WORDS[w] for w in _WORD.findall(text.lower()) if w in _NUMBER_WORDS}
    return found


def _numbers_present(claim: str, passage: str) -> bool:
    return _numbers(claim) <= _numbers(passage)


def _support(claim: str, passage: str, similarity: float) -> bool:
    key = set(claim_terms(claim))
    if not key:  # "The answer is 40.": only its numbers can be checked
        return _numbers_present(claim, passage)
    share = _lexical(key, set(terms(passage)))
    meaning = share >= LEXICAL_WITH_MEANING and similarity >= MEANING_SUPPORT
    return (share >= LEXICAL_SUPPORT or meaning) and _numbers_present(claim, passage)


def check(answer: str, passages: Sequence[str], embedder: Embedder) -> Checked:
    """Verify every sentence of ``answer`` against the numbered ``passages``."""
    pieces = [answer[s.start : s.end] for s in split_sentences(answer)]
    sentences = [(without_markers(p).strip(), marker_numbers(p)) for p in pieces]
    sentences = [(text, cited) for text, cited in sentences if claim_terms(text) or _numbers(text)]
    if not sentences or not passages:
        return Checked((), ())
    claim_vectors = embedder.encode_cached([text for text, _ in sentences])
    passage_sentences = [[p[s.start : s.end] for s in split_sentences(p)] or [p] for p in passages]
    best_similarity = np.zeros((len(sentences), len(passages)), dtype=np.float32)
    for j, parts in enumerate(passage_sentences):
        vectors = embedder.encode_cached(parts)
        best_similarity[:, j] = (claim_vectors @ vectors.T).max(axis=1)

    claims, notes = [], []
    for i, (text, cited) in enumerate(sentences):
        valid = [n for n in cited if 1 <= n <= len(passages)]
        for n in sorted(set(cited) - set(valid)):
            notes.append(f"Removed marker [{n}]: there is no passage {n}.")
        supported = [n for n in valid if _support(text, passages[n - 1], best_similarity[i, n - 1])]
        if not supported:
            ranked = np.argsort(-best_similarity[i])
            found = next(
                (int(j) + 1 for j in ranked if _support(text, passages[j], best_similarity[i, j])),
                None,
            )
            if found is None:
                notes.append(f"Dropped a claim no passage supports: “{text}”")
                continue
            supported = [found]
            if valid:
                notes.append(f"Corrected the citation of “{text}”.")
            else:
                notes.append(f"Added the missing citation to “{text}”.")
        elif len(supported) < len(valid):
            notes.append(f"Removed a citation from “{text}”: that passage does not say it.")
        claims.append(Claim(text, cited, tuple(dict.fromkeys(supported))))
        missing = _unsupported_words(text, [passages[n - 1] for n in supported])
        if missing:
            notes.append(f"Partly supported: “{text}” — not in the cited passage: {missing}.")
    return Checked(tuple(claims), tuple(notes))


def _unsupported_words(claim: str, passages: Sequence[str]) -> str:
    """The claim's key words that none of its passages contain, when they are too many."""
    key = dict.fromkeys(claim_terms(claim))
    found = set().union(*(terms(p) for p in passages)) if passages else set()
    missing = [t for t in key if t not in found]
    if len(key) - len(missing) >= FULL_SUPPORT * len(key):
        return ""
    words = {stem_word: word for word in _WORD.findall(claim) for stem_word in terms(word)}
    return ", ".join(words.get(t, t) for t in missing)
