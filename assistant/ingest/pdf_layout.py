"""A PDF page's text boxes in the order a person reads them, without the page furniture.

PDF libraries give text boxes with coordinates; reading order across newspaper columns is
the caller's (pdftotext and pypdf interleave the columns line by line). A recursive XY
cut, columns first: a region's gutters are the runs of x that little text covers; a
headline with a blank across the whole region above it starts the next story (read after
what is above); the boxes that cross a gutter (a headline across the columns) split it
into bands, top to bottom, and between them the columns are read left to right, each
ordered the same way; with no gutter, a region is split at its horizontal gaps. A caption
or pull quote inside a column stays in its column. Running headers and footers (the same
words at the top or bottom of most pages, digits aside) and page numbers go; a word
hyphenated at a line's end is joined, and so is a paragraph that goes on at the top of the
next column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

MIN_CHANNEL = 6.0  # points: narrower white space between boxes is not a column gutter
GUTTER_SHARE = 0.3  # of the most covered x: a gutter is covered no more than this
MIN_GAP = 1.0  # points: boxes closer than this vertically are one band
HEADLINE = 1.6  # times the body's type size: a headline (body 9-12 pt, headlines 18 pt up)
STORY_GAP = 0.8  # lines of body type: the blank above a headline that starts a new story
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
    size: float = 0.0  # its type size (of a paragraph's lines, the largest)


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


def body_size(boxes: Sequence[Box]) -> float:
    """The size of most of the type (a median weighted by the characters set in it)."""
    sized = sorted((b.size, len(b.text.strip())) for b in boxes if b.size > 0)
    half, seen = sum(n for _, n in sized) / 2, 0
    for size, count in sized:
        seen += count
        if seen >= half:
            return size
    return 0.0


def is_headline(box: Box, body: float) -> bool:
    """Type at least ``HEADLINE`` times the body's: a story's headline (or a pull quote)."""
    return body > 0 and box.size >= HEADLINE * body


def _story_cut(boxes: Sequence[Box], body: float) -> tuple[list[Box], list[Box]] | None:
    """The boxes above a headline and the rest, when a blank across the whole region
    (``STORY_GAP`` lines of body type) parts them: the next story on a newspaper page."""
    for head in sorted((b for b in boxes if is_headline(b, body)), key=lambda b: -b.y1):
        above = [b for b in boxes if b.y0 >= head.y1 + STORY_GAP * body]
        below = [b for b in boxes if b.y1 <= head.y1 + 0.5]
        if above and below and len(above) + len(below) == len(boxes):
            return above, below
    return None


def reading_order(boxes: Sequence[Box], body: float = 0.0) -> list[Box]:
    """The boxes as a person reads them: story by story (a headline with a blank across
    the page above it starts one), across a story's spanning boxes (its headline) top to
    bottom, between them column by column, within a column top to bottom."""
    if len(boxes) <= 1:
        return list(boxes)
    body = body or body_size(boxes)
    gutters = _gutters(boxes)
    if not gutters:
        bands = _bands(boxes)
        if len(bands) > 1:
            return [box for band in bands for box in reading_order(band, body)]
        return sorted(boxes, key=lambda b: (-b.y1, b.x0))
    if cut := _story_cut(boxes, body):
        return [*reading_order(cut[0], body), *reading_order(cut[1], body)]
    spanning = [b for b in boxes if any(b.x0 < g < b.x1 for g in gutters)]
    if spanning:
        ordered: list[Box] = []
        rest = [b for b in boxes if b not in spanning]
        for span in sorted(spanning, key=lambda b: -b.y1):
            above = [b for b in rest if _middle(b) > _middle(span)]
            rest = [b for b in rest if _middle(b) <= _middle(span)]
            ordered += [*reading_order(above, body), span]
        return ordered + reading_order(rest, body)
    edges = [float("-inf"), *gutters, float("inf")]
    columns = [[b for b in boxes if lo < (b.x0 + b.x1) / 2 <= hi] for lo, hi in pairwise(edges)]
    return [box for column in columns if column for box in reading_order(column, body)]


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
    new paragraph, and so does type of another size (a pull quote inside a column). Sizes
    are font sizes, so the gaps are measured in lines of type."""
    out: list[Box] = []
    for line in lines:
        last = out[-1] if out else None
        height = max(line.size, 1.0)
        if last is not None and not _same_type(last, line):
            out.append(line)
        elif last is not None and abs(line.y0 - last.y0) < 0.5 * height and line.x0 >= last.x0:
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


def _same_type(first: Box, then: Box) -> bool:
    """Sizes within a fifth of each other (a bold word or a drop cap's line aside)."""
    small, large = sorted((first.size, then.size))
    return small <= 0 or large <= 1.2 * small


def _joined(first: Box, then: Box, glue: str) -> Box:
    """Two pieces of one paragraph; its box keeps the first piece's left edge and lowest
    line, so the next line is compared with the line just above it."""
    text = f"{first.text.rstrip()}{glue}{then.text.strip()}"
    right, top = max(first.x1, then.x1), max(first.y1, then.y1)
    return Box(first.x0, then.y0, right, top, text, max(first.size, then.size))


def ordered_pages(pages: Sequence[Page], lines: Sequence[bool] = ()) -> list[list[Box]]:
    """Each page's paragraphs in reading order, without its furniture. A page whose
    ``lines`` flag is set has text lines for boxes, joined into paragraphs once ordered (a
    text layer's; OCR gives paragraphs already)."""
    dropped = furniture(pages)
    out = []
    for number, (_, boxes) in enumerate(pages):
        kept = reading_order([box for b, box in enumerate(boxes) if (number, b) not in dropped])
        out.append(paragraphs(kept) if number < len(lines) and lines[number] else kept)
    return out


def texts_and_headline(ordered: Sequence[Sequence[Box]]) -> tuple[list[str], Box | None]:
    """Each ordered page's text, and the first page's paragraph in the largest type (the
    headline, when the document has no title of its own)."""
    texts = [page_text([box_text(box.text) for box in boxes]) for boxes in ordered]
    headline = max(ordered[0], key=lambda b: b.size, default=None) if ordered else None
    return texts, headline
