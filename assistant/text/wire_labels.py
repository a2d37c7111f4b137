"""The wires' abbreviated line labels written out, for a reader trained on prose.

A company notice on the wire is a table in words: "Qtly div 20 cts vs 20 cts prior",
"Shr 1.20 dlrs vs 1.10 dlrs", "Revs 30.1 mln". The span reader learnt from prose and does
not read "Qtly div" as a quarterly dividend: asked for Air Products' quarterly dividend it
scored "20 cts" 14 below "no answer", and 3 above once the label was written out. So the
reader reads ``written_out(text).text`` and every span it finds is mapped back
(``Legible.original``) to the article's own characters, which the citation quotes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# label -> what it stands for; the first letter's case is kept ("Div" -> "Dividend")
_LABELS = {
    "qtly": "quarterly", "qtrly": "quarterly", "mthly": "monthly", "div": "dividend",
    "divs": "dividends", "shr": "per share", "shrs": "shares", "avg": "average",
    "revs": "revenues", "oper": "operating",
}  # fmt: skip
_LABEL = re.compile(
    r"\b(" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")\b(?!['’.]\w)", re.IGNORECASE
)

_AFTER_PER = re.compile(r"(?:^|\W)per\s$", re.IGNORECASE)  # "cts per shr" is "per share" already
# "Div" is a dividend after how often it is paid ("Qtly div", "Annual div") or as a line's
# label before its figure ("Div 10 cts vs 10 cts"); elsewhere it may be a division.
_PAID = re.compile(r"(?:qtly|qtrly|mthly|annual|special|extra|initial|regular|cash)\s+$", re.I)
_LINE_START = re.compile(r"(?:^|\n|\s-\s)\s*$")
_FIGURE_NEXT = re.compile(r"\s+[\d(]")


@dataclass(frozen=True)
class Legible:
    """A text with its labels written out, and where each written-out piece came from:
    ``pieces`` are (start here, start in the original, original length, written length)
    of each replaced label, in order."""

    text: str
    pieces: tuple[tuple[int, int, int, int], ...] = ()

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The article's characters for the span ``text[start:end]``: a span that begins
        or ends inside a written-out label takes the whole label."""
        return self._at(start, ending=False), self._at(end, ending=True)

    def _at(self, position: int, *, ending: bool) -> int:
        probe = position - 1 if ending else position
        index = bisect.bisect_right(self.pieces, probe, key=lambda piece: piece[0]) - 1
        if index < 0:
            return position
        here, there, length, written = self.pieces[index]
        if probe < here + written:  # inside the written-out label
            return there + (length if ending else 0)
        return position - (here + written) + there + length


def _spelled(label: str, before: str) -> str:
    full = "share" if _AFTER_PER.search(before) else _LABELS[label.lower()]
    if label.isupper() and len(label) > 1:
        return full.upper()
    return full[0].upper() + full[1:] if label[0].isupper() else full


def _a_dividend(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 16) : match.start()]
    label = _LINE_START.search(before) and _FIGURE_NEXT.match(text, match.end())
    return bool(_PAID.search(before) or label)


def written_out(text: str) -> Legible:
    """``text`` with the wires' line labels written out (the same text when it has none)."""
    parts: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    done = shift = 0
    for match in _LABEL.finditer(text):
        if match.group(1).lower() in ("div", "divs") and not _a_dividend(text, match):
            continue
        spelled = _spelled(match.group(1), text[max(0, match.start() - 5) : match.start()])
        parts.append(text[done : match.start()])
        pieces.append((match.start() + shift, match.start(), len(match.group(1)), len(spelled)))
        parts.append(spelled)
        shift += len(spelled) - len(match.group(1))
        done = match.end()
    if not pieces:
        return Legible(text)
    parts.append(text[done:])
    return Legible("".join(parts), tuple(pieces))
