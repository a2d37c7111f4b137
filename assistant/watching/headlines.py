"""Whether a story's headline calls the answer's figure a forecast.

"FAR EAST TRADERS EXPECT 20 DLR OIL IN JANUARY" over "the official price will be 20 dlrs in
January": the story's own word that its figure is a forecast, said before it. A headline is
in capitals, so its "MAY" is read as the month where the word after it is the thing asked
or a day ("JAPAN MAY EXTERNAL RESERVES HIT RECORD 68.94 BILLION DLRS", a June flash of May's
reserves), and as a forecast otherwise ("OPEC MAY CUT OUTPUT TO 15 MLN BPD").
"""

from __future__ import annotations

import re

from assistant.records import Citation
from assistant.text.terms import plain_terms
from assistant.watching.asking import topic_terms
from assistant.watching.spans import answer_span

# Words of a sentence that predicts rather than reports (lower case: "May" is a month).
FORECAST = re.compile(
    r"\b(predict\w*|forecast\w*|expect\w*|estimat\w*|project\w*|outlook|could|would|might|"
    r"may|should|likely|probabl\w*|plan(?:s|ned|ning)?|consider\w*|propos\w*|"  # not "plant"
    r"ask(?:s|ed|ing)?|request\w*|urg(?:e|es|ed|ing))\b"  # asked for, not granted
)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
# A verb a modal "may" is followed by, though the question asks it ("PRICES MAY RISE 0.5 PCT"
# asked how much prices rose).
_MOVES = re.compile(
    r"(?:rise|fall|cut|raise|lower|change|increase|decrease|decline|drop|grow|gain|reach|top"
    r"|exceed|ease|climb|slip|be|have|set|keep|hold|stay|remain)",
)


def headline_predicts(question: str, cited: Citation) -> bool:
    """Whether the headline has a word of forecast before the answer's figure."""
    figure = _FIGURE.search(answer_span(cited))
    if not figure:
        return False
    title = cited.title.casefold()
    return any(
        re.search(rf"(?<![\d.,]){re.escape(figure[0])}(?![\d,]|\.\d)", title[m.end() :])
        for m in FORECAST.finditer(title)
        if m[0] != "may" or not _the_month(question, title, m.end())
    )


def _the_month(question: str, title: str, end: int) -> bool:
    """Whether the word after a headline's "may" (ending at ``end``) is a day's or one of
    the question's own words: "may" is then the month."""
    following = title[end:].split()[:1]
    if not following:
        return False
    word = following[0]
    if _MOVES.fullmatch(word):
        return False
    return word[:1].isdigit() or bool(set(plain_terms(word)) & set(topic_terms(question)))
