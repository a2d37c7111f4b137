"""A PDF line's characters as they were written, not as they were drawn.

A PDF places glyphs; text extraction gives them left to right. Three things then differ
from the text a person reads:
- right-to-left script (Arabic, Hebrew) comes out reversed, and Arabic in its drawn
  "presentation forms" (one code point per letter shape) instead of its letters;
- glyphs the font maps to no character come out as ``(cid:N)`` (a page printed without a
  font for its script); they are not text, and a page of little else is read by OCR;
- typographic ligatures (ﬁ, ﬂ) stand for two letters.
A line with right-to-left letters is reversed, and its left-to-right runs (numbers, Latin
words) turned back, which is the logical order of a line whose base direction is
right-to-left (the Unicode bidirectional algorithm's result, undone for one line).
"""

from __future__ import annotations

import re
import unicodedata

_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LETTER = r"0-9A-Za-z\u00c0-\u024f"  # digits and Latin: left to right inside such a line
_LTR_RUN = re.compile(rf"[{_LETTER}][{_LETTER}.,:/%'\- ]*[{_LETTER}%]|[{_LETTER}]")
_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_FORMS = re.compile(r"[\ufb00-\ufb06\ufb50-\ufdff\ufe70-\ufefc]+")  # ligatures, Arabic forms
UNMAPPED = re.compile(r"\(cid:\d+\)")


def as_written(line: str) -> str:
    """The line in logical order, its presentation forms as letters, unmapped glyphs gone."""
    line = UNMAPPED.sub("", line)
    if _RTL.search(line):
        end = len(line) - len(line.rstrip("\n"))
        body = line[: len(line) - end] if end else line
        body = body[::-1].translate(_MIRRORED)
        body = _LTR_RUN.sub(lambda m: m.group(0)[::-1], body)
        line = body + line[len(line) - end :] if end else body
    return _FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), line)


def unmapped_share(text: str) -> float:
    """The share of a page's characters that are glyphs mapped to no character."""
    glyphs = len(UNMAPPED.findall(text))
    return glyphs / max(glyphs + len(UNMAPPED.sub("", text).split()), 1)
