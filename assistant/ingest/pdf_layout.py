"""A PDF page's text boxes in the order a person reads them, without the page furniture.

PDF libraries give text boxes with coordinates; reading order across newspaper columns is
the caller's (pdftotext and pypdf interleave the columns line by line). A recursive XY
cut, columns first: a region's gutters are the runs of x that little text covers; the
boxes that cross a gutter (a headline across the columns) split it into bands, top to
bottom, and between them the columns are read left to right, each ordered the same way;
with no gutter, a region is split at its horizontal gaps. A caption or pull quote inside
a column stays in its column. Running headers and footers (the same words at the top or
bottom of most pages, digits aside) and page numbers go; a word hyphenated at a line's
end is joined, and so is a paragraph that goes on at the top of the next column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

MIN_CHANNEL = 6.0  # points: narrower white space between boxes is not a column gutter
GUTTER_SHARE = 0.3  # of the most covered x: a gutter is covered no more than this
MIN_GAP = 1.0  # points: boxes closer than this vertically are one band
MARGIN_SHARE = 0.12  # the top and bottom share of the page where running heads sit
_PAGE_NUMBER = re.compile(r"^\W*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\W*$", re.IGNORECASE)
_HYPHENATED = re.compile(r"(\w)[-\u00ad\u2010]\n(?=[a-zà-ÿ])")
_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class Box:
    """A block of text on a page; y grows upwards, as in PDF coordinates."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float = 0.0  # the largest font size in the block


def _gutters(boxes: Sequence[Box]) -> list[float]:
    """x positions of column gutters: runs at least ``MIN_CHANNEL`` wide that little text
    covers (at most ``GUTTER_SHARE`` of the most covered x, summing box heights), with
    text on both sides. A headline across the columns covers a gutter only thinly."""
    left = int(min(b.x0 for b in boxes))
    coverage = [0.0] * (int(max(b.x1 for b in boxes)) - left + 2)
    for box in boxes:
        for x in range(int(box.x0) - left, int(box.x1) - left):
            coverage[x] += box.y1 - box.y0
    low = max(coverage) * GUTTER_SHARE
    dense = [x for x, height in enumerate(coverage) if height > low]
    gutters = []
    for before, after in pairwise(dense):
        if after - before > MIN_CHANNEL:
            gutters.append(left + (before + after) / 2)
    return gutters


def _bands(boxes: Sequence[Box]) -> list[list[Box]]:
    """``boxes`` in horizontal bands, top first, split where no box spans the gap."""
    ordered = sorted(boxes, key=lambda b: -b.y1)
    bands: list[list[Box]] = [[ordered[0]]]
    floor = ordered[0].y0
    for box in ordered[1:]:
        if floor - box.y1 >= MIN_GAP:
            bands.append([box])
        else:
            bands[-1].append(box)
        floor = min(floor, box.y0)
    return bands


def _middle(box: Box) -> float:
    return (box.y0 + box.y1) / 2


def reading_order(boxes: Sequence[Box]) -> list[Box]:
    """The boxes as a person reads them: across a page's spanning boxes (headlines) top
    to bottom, between them column by column, within a column top to bottom."""
    if len(boxes) <= 1:
        return list(boxes)
    gutters = _gutters(boxes)
    if not gutters:
        bands = _bands(boxes)
        if len(bands) > 1:
            return [box for band in bands for box in reading_order(band)]
        return sorted(boxes, key=lambda b: (-b.y1, b.x0))
    spanning = [b for b in boxes if any(b.x0 < g < b.x1 for g in gutters)]
    if spanning:
        ordered: list[Box] = []
        rest = [b for b in boxes if b not in spanning]
        for span in sorted(spanning, key=lambda b: -b.y1):
            above = [b for b in rest if _middle(b) > _middle(span)]
            rest = [b for b in rest if _middle(b) <= _middle(span)]
            ordered += [*reading_order(above), span]
        return ordered + reading_order(rest)
    edges = [float("-inf"), *gutters, float("inf")]
    columns = [[b for b in boxes if lo < (b.x0 + b.x1) / 2 <= hi] for lo, hi in pairwise(edges)]
    return [box for column in columns if column for box in reading_order(column)]


def _set_apart(box: Box, boxes: Sequence[Box], top: bool) -> bool:
    """Whether a blank at least a line high parts ``box`` from the text on the body's side
    of it: running heads stand apart; the last line of a column in the margin does not."""
    if top:
        gaps = [box.y0 - other.y1 for other in boxes if other.y1 <= box.y0]
    else:
        gaps = [other.y0 - box.y1 for other in boxes if other.y0 >= box.y1]
    return min(gaps, default=float("inf")) >= max(box.size, 1.0)


def _key(text: str) -> str:
    """A running head's identity: its words without digits (page numbers, dates change)."""
    return " ".join(re.sub(r"\d+", "#", text.lower()).split())


def furniture(pages: Sequence[tuple[float, Sequence[Box]]]) -> set[tuple[int, int]]:
    """(page, box) indexes of running headers, footers and page numbers: boxes in the top
    or bottom margin, set apart from the body, that are a page number or whose words recur
    on most pages."""
    marginal: dict[tuple[int, int], str] = {}
    for p, (height, boxes) in enumerate(pages):
        for b, box in enumerate(boxes):
            top = box.y0 >= height * (1 - MARGIN_SHARE)
            if (top or box.y1 <= height * MARGIN_SHARE) and _set_apart(box, boxes, top):
                marginal[(p, b)] = _key(box.text)
    counts: dict[str, int] = {}
    for key in marginal.values():
        counts[key] = counts.get(key, 0) + 1
    recurring = max(2, (len(pages) + 1) // 2)
    return {
        place
        for place, key in marginal.items()
        if _PAGE_NUMBER.match(key.replace("#", "1"))
        or (len(pages) > 1 and counts[key] >= recurring)
    }


def box_text(text: str) -> str:
    """A box's text as prose: hyphenated line ends joined, lines of a block one paragraph."""
    text = _HYPHENATED.sub(r"\1", text.strip())
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return " ".join(line for line in lines if line)


def page_text(texts: Sequence[str]) -> str:
    """Boxes' texts in reading order as a page: paragraphs apart, except where a box ends
    mid-sentence and the next goes on in lower case (a paragraph carried to the next
    column)."""
    out = ""
    for text in texts:
        carried = out and out[-1] not in '.!?:"”’)' and text[:1].islower()
        out = f"{out} {text}" if carried else f"{out}\n\n{text}" if out else text
    return out


Page = tuple[float, Sequence[Box]]  # a page's height and its boxes


def paragraphs(lines: Sequence[Box]) -> list[Box]:
    """Lines in reading order joined into paragraphs: a fragment on the same line (a
    justified line that the PDF library split at a wide space) joins with a space, the
    next line just below in the same column with a line break; anything else starts a
    new paragraph. Sizes are font sizes, so the gaps are measured in lines of type."""
    out: list[Box] = []
    for line in lines:
        last = out[-1] if out else None
        height = max(line.size, 1.0)
        if last is not None and abs(line.y0 - last.y0) < 0.5 * height and line.x0 >= last.x0:
            out[-1] = _joined(last, line, " ")  # the rest of the same line
        elif (
            last is not None
            and 0 <= last.y0 - line.y1 < 0.7 * height
            and abs(line.x0 - last.x0) < 3 * height
        ):
            out[-1] = _joined(last, line, "\n")  # the next line of the paragraph
        else:
            out.append(line)
    return out


def _joined(first: Box, then: Box, glue: str) -> Box:
    """Two pieces of one paragraph; its box keeps the first piece's left edge and lowest
    line, so the next line is compared with the line just above it."""
    text = f"{first.text.rstrip()}{glue}{then.text.strip()}"
    right, top = max(first.x1, then.x1), max(first.y1, then.y1)
    return Box(first.x0, then.y0, right, top, text, max(first.size, then.size))


def pages_text(pages: Sequence[Page], lines: Sequence[bool] = ()) -> tuple[list[str], Box | None]:
    """Each page's text in reading order without its furniture, and the first page's
    paragraph in the largest type (the headline, when the document has no title of its
    own). A page whose ``lines`` flag is set has text lines for boxes, joined into
    paragraphs once ordered (a text layer's; OCR gives paragraphs already)."""
    dropped = furniture(pages)
    texts, headline = [], None
    for number, (_, boxes) in enumerate(pages):
        kept = reading_order([box for b, box in enumerate(boxes) if (number, b) not in dropped])
        kept = paragraphs(kept) if number < len(lines) and lines[number] else kept
        texts.append(page_text([box_text(box.text) for box in kept]))
        if number == 0:
            headline = max(kept, key=lambda b: b.size, default=None)
    return texts, headline
