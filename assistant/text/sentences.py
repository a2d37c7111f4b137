"""Split text into sentences with exact character offsets.

A rule-based splitter: fast enough for tens of thousands of articles at ingest and for
the few passages an answer reads at query time, and it never changes the text, so each
span indexes straight back into the article.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Words that end with a period without ending the sentence.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof st jr sr gen col lt sgt capt maj adm cmdr gov sen rep rev hon pres inc
    corp co ltd llc plc bros dept univ assn est approx vs etc al jan feb mar apr jun jul aug
    sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun mt ft ave blvd rd cf ie
    eg
    """.split()
)
# Abbreviations that only stand before a number: "No. 5", "Vol. 2".
_NUMERIC_ABBREVIATIONS = frozenset({"no", "nos", "vol", "fig", "pp", "op"})

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n[ \t]*\n\s*")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_NEXT_START = re.compile(r"\s+([\"'“‘(\[]*)(\S)")
# Letters each followed by a period, the last one's not read: "N.Z" of "76 mln N.Z. Dlrs",
# "J.P" of "J.P. Morgan"; an initialism ends a sentence as rarely as "U.S." does.
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


class Span(NamedTuple):
    """A sentence as offsets into the text it came from."""

    start: int
    end: int


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` closes an abbreviation or an initial."""
    match = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    if _INITIALISM.fullmatch(word):  # "N.Z. Dlrs", "E.F. Hutton"
        return True
    key = word.lower().rstrip(".")
    if key in _NUMERIC_ABBREVIATIONS:
        following = _NEXT_START.match(text, dot + 1)
        return bool(following and following.group(2).isdigit())
    return key in _ABBREVIATIONS


def _starts_sentence(text: str, pos: int) -> bool:
    """Whether the text after ``pos`` plausibly begins a new sentence."""
    match = _NEXT_START.match(text, pos)
    if not match:
        return True
    first = match.group(2)
    return first.isupper() or first.isdigit() or not first.isalpha()


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans of ``text[start:end]``, trimmed of surrounding white space."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        piece = match.group(0)
        if piece[0] == "\n":  # paragraph break: always a boundary
            cut = match.start()
        else:
            if piece == "." and _is_abbreviation(text, match.start()):
                continue
            if not _starts_sentence(text, match.end()):
                continue
            cut = match.end()
        _append_trimmed(text, cursor, cut, spans)
        cursor = cut
    _append_trimmed(text, cursor, end, spans)
    return spans


def sentence_at(text: str, offset: int) -> Span | None:
    """The sentence of ``text`` that holds the character at ``offset`` (None: between
    sentences, or outside the text)."""
    return next((s for s in split_sentences(text) if s.start <= offset < s.end), None)


def _append_trimmed(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end))
