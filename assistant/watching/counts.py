"""What a count counts: asked "How many cars did General Motors build", "cars built at two
plants" counts plants and "six of its seven U.S. plants" plants too, whatever the sentence
is about; "358,661" alone, "110,552 units" and "204,000 cars" count the cars asked.

The thing counted is the plural noun right after the figure (past a place or a maker's
name: "13,218 U.S.-built cars"); a measure is no other thing ("17,683,000 bushels",
"7.7 mln bales"), nor is a word for any counted item ("units", "vehicles").
"""

from __future__ import annotations

import re

from assistant.text.terms import plain_terms, stem
from assistant.watching.values import UNITS, read_value

# Plural words that measure or stand for what is counted, beside the units ``values``
# reads (tonnes, barrels, shares): a count of them may be the count asked.
_MEASURES = frozenset(
    stem(w)
    for w in "units vehicles bushels bales bags sacks kilos pounds lbs gallons hectares "
    "acres head items pieces copies".split()
)
# "How many U.S.-built new cars": the words a question counts, up to its verb; each plural
# in lower case may be the thing counted ("FT-SE 100 index futures contracts": contracts).
_ASKED = re.compile(
    r"\bhow\s+many\s+(?P<phrase>(?:(?!(?:did|does|do|were|was|are|is|has|have|had|will)\b)"
    r"[\w.'-]+\s+){0,6})",
    re.IGNORECASE,
)
_PLURAL = re.compile(r"\b[a-z]+s\b")
# The words right after a figure: "of its", a capitalised name and two adjectives may come
# before the noun ("5,500 hourly workers").
_COUNTED = re.compile(
    r"^\s*(?:of\s+(?:its|their|the)\s+\w+\s+)?(?:[A-Z][\w.'-]*\s+)*(?:[a-z]+\s+){0,2}?"
    r"(?P<noun>[a-z]+s)\b"
)


def counts_another_thing(question: str, following: str) -> bool:
    """Whether a figure, followed by ``following`` in its sentence, counts another thing
    than the question's "how many" asks ("two plants" asked cars)."""
    asked = _ASKED.search(question)
    counted = _COUNTED.match(following)
    if asked is None or counted is None:
        return False
    noun = counted["noun"]
    if not plain_terms(noun) or noun.endswith("ss") or noun in ("versus", "plus"):
        return False  # "was", "less": no noun
    if stem(noun) in _MEASURES | {stem(word) for word in _PLURAL.findall(asked["phrase"])}:
        return False
    return read_value(f"1 {noun}").quantities[0].unit not in UNITS  # "tonnes": a unit
