"""Figures in a wire's tables: the row a figure is on, the column it is under, its unit.

A wire sets a table as text: a line of column heads, then rows of a label and figures lined
up with spaces, the unit said before them ("Country-by-country production figures are as
follows, in mln bpd -" over "ECUADOR   0.26   0.26   0.210"); a flash runs label and figure
on one line ("U.S. EXPORT INSPECTIONS, IN THOUS BUSHELS SOYBEANS 20,349 WHEAT 14,070"). A
sentence reader reads neither, so a question whose only report is a table's cell went
unanswered (docs/quality.md, "Watched questions": Ecuador's OPEC quota, USDA's weekly
inspections).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FIGURE = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# A row: a label of words (one space between them), two or more spaces, then figures only.
_ROW = re.compile(
    rf"^[ \t]*(?P<label>[A-Za-z][A-Za-z.&'/()-]*(?: [A-Za-z.&'/()-]+)*)[ \t]{{2,}}"
    rf"(?P<figures>{_FIGURE}(?:[ \t]+{_FIGURE})*)[ \t]*$"
)
_ONE_FIGURE = re.compile(_FIGURE)
# Column heads: words or periods ("1986/87"), two or more spaces apart, no figure alone.
_HEAD = re.compile(r"\S+(?: \S+)*")
_YEAR = re.compile(r"\d{4}")  # a year is a head ("1986"); a period ("1986/87") is no figure
# The unit a table is given in: "in mln bpd -", "(in thousands of tonnes)", "IN THOUS BUSHELS".
_SCALE = r"thous(?:and)?s?|mln|millions?|billions?|bln"
_UNIT = re.compile(
    rf"\bin\s+(?:(?P<scale>{_SCALE})\s+(?:of\s+)?)?(?P<unit>[A-Za-z]+(?:\s+[A-Za-z]+)?)"
    r"\s*(?:[-:),]|$)",
    re.IGNORECASE | re.MULTILINE,
)
_SCALE_WORD = {"thous": "thousand", "thousands": "thousand", "millions": "mln", "million": "mln",
               "billions": "billion", "bln": "billion"}  # fmt: skip
# A flash's unit, then its run of labels and figures: "IN THOUS BUSHELS SOYBEANS 20,349 WHEAT".
_FLASH_UNIT = re.compile(rf"\bIN (?:(?P<scale>{_SCALE.upper()}) (?:OF )?)?(?P<unit>[A-Z]+)[ ,]+")
_LABEL_WORD = r"[A-Z][A-Z.&'/-]*"
_PAIR = re.compile(rf"(?P<label>{_LABEL_WORD}(?: {_LABEL_WORD}){{0,2}}) (?P<figure>{_FIGURE})")
HEAD_REACH = 20  # lines from a table's heads to its last row
UNIT_REACH = 300  # characters before the heads (or a flash's pairs) the unit may be said in


@dataclass(frozen=True)
class Cell:
    """One figure of a table: the row's label, the column's head ("" when the table has one
    column of figures), the unit the table is in, and where the figure and its table are."""

    row: str
    column: str
    figure: str
    unit: str
    start: int  # the figure's offsets in the text
    end: int
    table_start: int  # from the heads' line (or the flash's caption) to the row's end
    row_end: int


def cells(text: str) -> list[Cell]:
    """Every figure of the tables in ``text``, row by row, left to right."""
    return [*_column_cells(text), *_flash_cells(text)]


def _column_cells(text: str) -> list[Cell]:
    lines = _lines(text)
    found: list[Cell] = []
    heads: tuple[int, list[tuple[str, int]]] | None = None
    since_heads = 0
    for start, line in lines:
        row = _ROW.match(line)
        if row is None:
            heads = _heads(start, line) or (None if line.strip() else heads)
            since_heads = 0
            continue
        since_heads += 1
        if heads is None or since_heads > HEAD_REACH:
            continue
        unit = _unit_before(text, heads[0])
        figures = list(_ONE_FIGURE.finditer(row["figures"]))
        columns = _columns(heads[1], figures, row.start("figures"))
        for figure, column in zip(figures, columns, strict=True):
            at = start + row.start("figures") + figure.start()
            found.append(Cell(" ".join(row["label"].split()), column, figure[0], unit, at,
                              at + len(figure[0]), heads[0], start + len(line)))  # fmt: skip
    return found


def _heads(start: int, line: str) -> tuple[int, list[tuple[str, int]]] | None:
    """A line of two or more column heads (words or periods, no bare figure), with where
    each ends on the line; None for any other line."""
    found = [(m[0], m.end()) for m in _HEAD.finditer(line)]
    if len(found) < 2:  # heads are set two or more spaces apart
        return None
    if any(_ONE_FIGURE.fullmatch(h) and not _YEAR.fullmatch(h) for h, _ in found):
        return None
    if any(len(h.split()) > 3 for h, _ in found):
        return None  # a sentence, not heads
    return start, found


def _columns(heads: list[tuple[str, int]], figures: list[re.Match[str]], offset: int) -> list[str]:
    """Each figure's column head: by count when the heads are one per figure (or one more, the
    labels' own), else the head whose end is nearest the figure's end; "" for one column."""
    if len(figures) == 1:
        return [""]
    names = [h for h, _ in heads]
    if len(names) == len(figures) + 1:
        return names[1:]
    if len(names) == len(figures):
        return names
    ends = [offset + f.end() for f in figures]
    return [min(heads, key=lambda h: abs(h[1] - end))[0] for end in ends]


def _flash_cells(text: str) -> list[Cell]:
    """A headline's labels and figures after the unit it gives ("IN THOUS BUSHELS")."""
    unit = _FLASH_UNIT.search(text) if text.isupper() and "\n" not in text else None
    if unit is None:
        return []
    after = unit.end("unit")
    pairs = list(_PAIR.finditer(text, after))
    if len(pairs) < 2:
        return []
    measured = _unit_of(unit)
    return [Cell(p["label"], "", p["figure"], measured, p.start("figure"), p.end("figure"), 0,
                 p.end()) for p in pairs]  # fmt: skip


def _unit_before(text: str, heads_at: int) -> str:
    found = list(_UNIT.finditer(text, max(0, heads_at - UNIT_REACH), heads_at))
    return _unit_of(found[-1]) if found else ""


def _unit_of(found: re.Match[str]) -> str:
    scale = (found["scale"] or "").casefold()
    return " ".join(filter(None, (_SCALE_WORD.get(scale, scale), found["unit"].casefold())))


def _lines(text: str) -> list[tuple[int, str]]:
    found, at = [], 0
    for line in text.split("\n"):
        found.append((at, line))
        at += len(line) + 1
    return found
