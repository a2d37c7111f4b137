"""Whether two answers of a watch say the same: a reworded answer is no change.

Answers are compared as their numbers (``values.read_value``: scaled, in canonical units)
or, when they hold none, as their content words and acronyms, never as text; and a report
may bear out a change by stating its step ("up by 23 to 784").
"""

from __future__ import annotations

import math
import re

from assistant.watching.grades import same_grade
from assistant.watching.spelling import among
from assistant.watching.values import (
    STOP,
    WORD,
    Quantity,
    Value,
    is_acronym,
    read_value,
    undotted,
    units_agree,
)

_PARENTHESISED = re.compile(r"\(\s*([A-Z][A-Za-z&.]{1,9})\s*\)")
_TABLE_SCALES = (1.0, 1e3, 1e6, 1e9, 1e12)  # what a table's header may count a bare figure in
# Dev (2026-12-05): of the 99 steps the five dev gold sets give before April, none leaves
# this reach; of the 147 dev replays' results since 2026-12-03, no right alert did, while 23
# of the first version's 122 wrong alerts did ("6-1/4 pct and price of par" after 3.0 pct).
REACH = 2.0
# A figure written to this many digits or more may be another's rounding ("4.13 mln" of
# "4.133 mln bpd"); fewer may be a step ("10 pct" after "10.5 pct", "7.4" after "7.35").
ROUNDED_DIGITS = 3
_FIGURE = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def _quantity_agrees(a: Quantity, b: Quantity) -> bool:
    """Same amount in agreeing units; a bare figure (a table's "736.7", its header saying
    "billions") is the same written figure in thousands, millions, billions or trillions."""
    if not units_agree(a.unit, b.unit):
        return False
    bare = not a.unit.partition("/")[0] or not b.unit.partition("/")[0]
    return any(
        math.isclose(a.amount * scale, b.amount, rel_tol=1e-6, abs_tol=1e-12)
        or math.isclose(a.amount, b.amount * scale, rel_tol=1e-6, abs_tol=1e-12)
        for scale in (_TABLE_SCALES if bare else (1.0,))
    )


# A rate's step told in words: "a further half point cut ... to 10 pct".
_POINTS = re.compile(r"\b(half|quarter|three[- ]quarters?)(?:[- ]of)?(?:[- ]an?)?[- ]"
                     r"(?:percentage[- ])?point\b", re.IGNORECASE)  # fmt: skip
_POINT_SIZES = {"h": "0.5 pct", "q": "0.25 pct", "t": "0.75 pct"}


def told_step(old: str, new: str, text: str) -> bool:
    """Whether ``text`` states the step from ``old`` to ``new``: "up by 23 to 784" when the
    value held was 761, "a half point cut ... to 10 pct" when it was 10.5 pct. Such a
    report bears itself out, whatever else the week restated."""
    text = _POINTS.sub(lambda m: _POINT_SIZES[m[1][0].lower()], text)
    before, after = read_value(old).quantities, read_value(new).quantities
    if len(before) != 1 or len(after) != 1 or not units_agree(before[0].unit, after[0].unit):
        return False
    step = Quantity(abs(after[0].amount - before[0].amount), after[0].unit)
    if step.amount == 0 or any(_quantity_agrees(step, q) for q in (*before, *after)):
        return False  # 10 to 20 pct: "10 pct" in the text is the old value, not the step
    return any(_quantity_agrees(step, q) for q in read_value(text).quantities)


def in_reach(held: str, new: str) -> bool:
    """Whether ``new`` could be the next figure of the series ``held`` is one of: within
    ``REACH`` times it, either way, where both give a figure in the same unit ("740.2
    billion dlrs" of M-1 and the "eight billion dlr" of a week's rise are not one series;
    nor a crop of 92.30 mln tonnes and a grain crop of 210). Figures in different units or
    one bare (a table's "736.7" against "738.5 billion dlrs") cannot be weighed so."""
    pairs = [
        (a.amount, b.amount)
        for a in read_value(held).quantities
        for b in read_value(new).quantities
        if a.unit == b.unit and a.unit.partition("/")[0] and a.amount > 0 and b.amount > 0
    ]
    return not pairs or any(1 / REACH <= b / a <= REACH for a, b in pairs)


def above_reach(held: str, new: str) -> bool:
    """Whether ``new`` gives a figure past ``REACH`` times one of ``held`` in its unit: the
    level of a series a watch started on a move or a part of ("1.60 dlrs per barrel" of a
    rise, 20.25 dlrs the posting; "861 mln crowns", 49.49 billion the reserves) lies above
    it, where a move or a part of the level held lies below."""
    return any(
        b.amount > REACH * a.amount
        for a in read_value(held).quantities
        for b in read_value(new).quantities
        if a.unit == b.unit and a.unit.partition("/")[0] and a.amount > 0
    )


def _quantities_agree(a: tuple[Quantity, ...], b: tuple[Quantity, ...]) -> bool:
    """Each quantity of ``a`` paired with one of ``b``: a reworded answer may reorder them."""
    if len(a) != len(b):
        return False
    if not a:
        return True
    return any(
        _quantity_agrees(a[0], q) and _quantities_agree(a[1:], b[:i] + b[i + 1 :])
        for i, q in enumerate(b)
    )


def _aliases(text: str) -> tuple[set[str], set[str]]:
    """What ``text`` could be called by acronym: the one it gives in parentheses and the
    initials of its name; and those initials in any order (a translated name's acronym,
    "CMA" for the Coordination of Azawad Movements)."""
    given = {g.casefold() for g in _PARENTHESISED.findall(text)}
    plain = undotted(_PARENTHESISED.sub(" ", text))
    words = [w for w in WORD.findall(plain) if not is_acronym(w)]
    capitals = "".join(w[0] for w in words if w[0].isupper() and w.casefold() not in STOP)
    spelled = "".join(w[0] for w in words if w.casefold() not in {"the", "a", "an"})
    initials = {capitals.casefold(), spelled.casefold()}
    shuffled = {"".join(sorted(i)) for i in initials if len(i) >= 3}
    return given | initials, shuffled


def _acronyms(text: str) -> set[str]:
    plain = undotted(text)
    return {w.casefold() for w in WORD.findall(plain) if is_acronym(w)}


def _spells_out(short: Value, long: Value) -> bool:
    """``short`` names by acronym what ``long`` spells out, and says nothing more."""
    aliases, shuffled = _aliases(long.text)
    hits = {a for a in _acronyms(short.text) if a in aliases or "".join(sorted(a)) in shuffled}
    return bool(hits) and set(short.words) - hits <= set(long.words)


def _names_agree(a: Value, b: Value) -> bool:
    words_a, words_b = set(a.words), set(b.words)
    if not words_a or not words_b:
        return words_a == words_b  # an answer where there was none is a change
    if among(words_a, words_b) or among(words_b, words_a):
        return True  # "Hisham Nazir" is "Hisham Nazer"
    return _spells_out(a, b) or _spells_out(b, a)


def same_value(a: str, b: str) -> bool:
    """Whether ``b`` is the answer ``a`` told differently, so no alert is due.

    With numbers, the numbers decide (the words around them are wording); without, the
    content words of one must be among the other's, or one must be the other's acronym.
    """
    graded = same_grade(a, b)
    if graded is not None:
        return graded  # "BB-plus" is "BB+", and "BB" is a downgrade from it
    va, vb = read_value(a), read_value(b)
    if va.quantities or vb.quantities:
        return _quantities_agree(va.quantities, vb.quantities) or _rounded_alike(va, vb)
    return _names_agree(va, vb)


def _rounded_alike(a: Value, b: Value) -> bool:
    """Whether one figure is the other written to fewer decimals ("4.13 mln" of OPEC's
    "4.133 mln bpd" quota): within half the coarser one's last place, itself written to at
    least ``ROUNDED_DIGITS`` digits, so that a rate's half-point step is no rounding."""
    if len(a.quantities) != 1 or len(b.quantities) != 1:
        return False
    if not units_agree(a.quantities[0].unit, b.quantities[0].unit):
        return False
    found = [list(_FIGURE.finditer(v.text)) for v in (a, b)]
    if any(len(f) != 1 for f in found):
        return False  # "7-1/2 pct", a range, or a figure in words: left to the amounts
    matched = zip((a, b), (f[0] for f in found), strict=True)
    (_, fine), (coarse, figure) = sorted(matched, key=lambda pair: -len(pair[1][1] or ""))
    places = len(figure[1] or "")
    token = figure[0].replace(",", "")
    digits = token.replace(".", "").lstrip("0") if places else token.strip("0")
    if places == len(fine[1] or "") or len(digits) < ROUNDED_DIGITS:
        return False  # as precise as each other, or too few digits to be a rounding
    last_place = coarse.quantities[0].amount / float(token) * 10.0**-places
    gap = abs(a.quantities[0].amount - b.quantities[0].amount)
    return gap < last_place / 2 * (1 - 1e-9)
