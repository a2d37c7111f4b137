"""The numbered citation marker ``[n]`` that ties a sentence of an answer to its source.

One definition for every layer: the grounding check reads the numbers a model wrote, the
follow-up rewriter strips them from an earlier reply, and the renderers find them again
once the brackets are escaped for Markdown (``\\[n\\]``) or HTML (``&#91;n&#93;``).
"""

from __future__ import annotations

import re


def _marker(open_: str, close: str, digits: str) -> str:
    return f"{re.escape(open_)}({digits}){re.escape(close)}"


# A marker with the white space before it (" [3]"), so removing it leaves no gap.
MARKER = re.compile(r"\s*" + _marker("[", "]", r"\d+"))


def escaped_marker(open_: str, close: str, most_digits: int) -> re.Pattern[str]:
    """A marker whose brackets were escaped as ``open_`` and ``close`` (for Markdown or as
    HTML entities), with a number of at most ``most_digits`` digits; its group the number.
    """
    return re.compile(_marker(open_, close, rf"\d{{1,{most_digits}}}"))


def without_markers(text: str) -> str:
    """``text`` without its markers and the white space before each."""
    return MARKER.sub("", text)


def marker_numbers(text: str) -> tuple[int, ...]:
    """The numbers of the markers in ``text``, in order, repeats included."""
    return tuple(int(n) for n in MARKER.findall(text))
