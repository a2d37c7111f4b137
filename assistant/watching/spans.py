"""Where a watch's answer sits in its quote: the value a span gives, and the words around it.

A report is judged by the sentence that holds its answer (a quote may run on into the next
sentence, or start in the one before), and its value is the span's, read to its first
sentence's end and given its unit when the reader's span stopped just short of it ("7.69"
of "averaged 7.69 pct").
"""

from __future__ import annotations

import re

from assistant.records import Citation, Passage
from assistant.text.sentences import sentence_at, split_sentences
from assistant.watching.values import UNITS, is_date, new_value, read_value, with_figure

UNIT_WORDS = 3  # how far past a bare figure its unit may be read ("7.69 pct", "43.25 U.S. cts")
COUNT_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen".split()
# A period a bill, a deposit or a rate runs for: "three-month", "3-MO", "13-week", "91-day".
_PERIOD = re.compile(
    rf"\b(\d+|{'|'.join(COUNT_WORDS)})[- ](mo|mos|months?|wks?|weeks?|days?|yrs?|years?)\b",
    re.IGNORECASE,
)
# Counts listed before a period that share its unit: "the two, three and " of "the two, three
# and six-month yields" (each is a period of months).
_LISTED = re.compile(
    rf"(?:\b(?:\d+|{'|'.join(COUNT_WORDS)})\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))+$",
    re.IGNORECASE,
)
# Where a figure's own clause begins or ends ("..., with same-store sales up").
CLAUSE = re.compile(r"[,;]|\s(?:and|with|while|but|against|compared with)\s", re.IGNORECASE)
# A move's new level written bare before the old one, which alone carries the unit: "raised
# its rate ... to 13-3/4 from 13-1/2 pct"; the reader's span is often the old level.
_MOVED_TO = re.compile(r"\bto\s+(\S+)\s+from\s*$", re.IGNORECASE)
# A figure right after "from" is the level a move started at: "cut its discount rate to
# three pct from 3.5 pct", "up from a preliminary 1.13".
_FROM = re.compile(
    r"\bfrom(?:\s+(?:a|an|the|its|their))?"
    r"(?:\s+(?:preliminary|revised|previous|earlier|original|initial|upwardly|downwardly))*\s*$",
    re.IGNORECASE,
)
# An offer paid in cash and securities, said after its cash part.
_OTHER_PART = re.compile(
    r"\s+in\s+cash\s+(?:and|plus)\s+[\w.,/-]+\s+(?:dlrs?|cts|pence|stg)\s+"
    r"(?:a\s+share\s+)?(?:in|of)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:stock|shares|preferred(?:\s+stock)?|securities|notes|debentures)\b",
    re.IGNORECASE,
)
# A line that starts indented opens a paragraph, or a wire table's row, which no sentence
# runs across (the sentence splitter ends sentences at blank lines and stops alone).
_ROW = re.compile(r"\n[ \t]+(?=\S)")
_BAND = re.compile(r"\b(?:to|and)\b", re.IGNORECASE)  # "from 1.5 mln to 2.0 mln bags"
# A flash's run of table rows, figure, the next row's label in capitals, its figure: "14,070
# CORN 21,989" of "... WHEAT 14,070 CORN 21,989" (the label is case-sensitive: words in
# capitals between two figures are a row's, not a unit's).
_NEXT_ROW = re.compile(r"(\d[\d,.]*)\s+(?:[A-Z][A-Z/&-]+\s+)+\d")


def value_of(span: str, cited: Citation) -> str:
    """The value a watch takes from a span: its first sentence's new value ("17 mln bpd" of
    "15.8 mln bpd ceiling to 17 mln bpd"), with the unit the quote writes right after it,
    and an offer's other part ("42.00 dlrs" and " in cash and three dlrs in exchangeable
    preferred stock": the offer is both)."""
    after = after_answer(cited)
    value = with_unit(new_value(_own_row(_first_clause(first_sentence(span)))), after)
    if value == " ".join(span.split()) and (part := _OTHER_PART.match(after)):
        value = f"{value} {' '.join(part[0].split())}"
    return moved_to(value, before_answer(cited))


def _first_clause(span: str) -> str:
    """A span read past a comma into a second figure's clause, cut there: "16,484 passenger
    cars in March, a 9.7 pct increase over the 15,024" is "16,484 passenger cars in March"
    (fresh14's watch-j09, read after it was run blind); a span whose first clause holds no
    figure ("In March, 16,484 cars") reads on."""
    head, comma, tail = span.partition(", ")
    if comma and read_value(head).quantities and read_value(tail).quantities:
        return head
    return span


def move_told(span: str, before: str) -> str | None:
    """The move a span tells on its way to a level, which "by how much" asks: "9.6 pct" of
    "9.6 pct to 720.0 mln dlrs from 656.8 mln dlrs"; None where it tells none, or its first
    figure is where the move started (``before`` it "from": "from 1.5 billion to 3.2")."""
    head, to, tail = " ".join(span.split()).partition(" to ")
    if not to or _FROM.search(before) or not read_value(tail).quantities:
        return None
    return head.strip(" ,;") if read_value(head).quantities else None


def _own_row(span: str) -> str:
    """A flash's span cut at the next row's label ("14,070 CORN 21,989" is "14,070"), when
    its first figure has no unit or scale of its own ("3.2 MLN VS 1.2 MLN" reads on)."""
    found = _NEXT_ROW.match(span.strip())
    if not found:
        return span
    whole, own = read_value(span).quantities, read_value(found[1]).quantities
    return found[1] if whole and own and whole[0] == own[0] else span


def moved_to(value: str, before: str) -> str:
    """The level a move reached when ``value`` is the level it moved from and the new one
    stands bare before it ("to 13-3/4 from" and "13-1/2 pct" is "13-3/4 pct"); ``value``
    itself otherwise (the new level written with its own unit is the reader's to take)."""
    found = _MOVED_TO.search(before)
    if not found:
        return value  # most spans: read no further
    old = read_value(value).quantities
    if len(old) != 1 or not old[0].unit:
        return value
    new = read_value(found[1]).quantities
    if len(new) != 1 or new[0].unit or is_date(found[1]):
        return value
    return with_figure(value, found[1])


def started_from(cited: Citation) -> bool:
    """Whether the answer is the level a move started at ("to three pct from 3.5 pct"),
    neither a band of its own ("from 1.5 mln to 2.0 mln bags") nor read as the level the
    move reached (``moved_to``: "to 13-3/4 from 13-1/2 pct" is 13-3/4 pct). A name is no
    level ("taking over the title of president from O.C. Davis": the holder till then)."""
    span, before = answer_span(cited), before_in_sentence(cited)
    if not _FROM.search(before) or _BAND.search(span) or not read_value(span).quantities:
        return False
    return moved_to(span, before) == span


def with_unit(value: str, after: str) -> str:
    """``value`` with the words of ``after`` that give its last figure a unit, when it has
    none ("7.69" and " pct, down from 7.82" is "7.69 pct"); ``value`` itself otherwise. The
    unit is read by the same reader that compares values, so no list is kept twice; a word
    that is no unit of measure ("766" and "rigs") is not taken."""
    figures = read_value(value).quantities
    if not figures or figures[-1].unit or is_date(value):
        return value  # "February 23" takes no "week"
    following = first_sentence(after).split()[:UNIT_WORDS]
    for count in range(1, len(following) + 1):
        longer = f"{value} {' '.join(following[:count])}"
        read = read_value(longer).quantities
        if len(read) == len(figures) and read[-1].unit.partition("/")[0] in UNITS:
            return longer.rstrip(",;:")
    return value


def first_sentence(span: str) -> str:
    """The span up to its first sentence's end: a span that runs on into the next sentence
    ("19 dlrs a barrel. Unocal said its new ... 19.35 dlrs") holds one value, the first."""
    sentences = split_sentences(span)
    return span[: sentences[0].end] if sentences else span


def _sentence(cited: Citation) -> tuple[int, int]:
    """Where the sentence holding the answer starts and ends in the quote (all of the
    quote, when the answer's place is not known)."""
    span = None
    if cited.answer_start is not None:
        span = sentence_at(cited.quote, cited.answer_start - cited.start)
    return (span.start, span.end) if span else (0, len(cited.quote))


def answer_sentence(cited: Citation) -> str:
    """The quote's sentence that holds the answer span (the quote, when not known)."""
    first, last = _sentence(cited)
    return cited.quote[first:last]


def through_answer(cited: Citation) -> str:
    """The quote up to the end of the sentence that holds the answer: a name given after it
    is another report's ("... five pct official secured loans rate. ... a further fall in
    the West German repo rate"); the whole quote when the answer's place is not known."""
    return cited.quote[: _sentence(cited)[1]]


def before_answer(cited: Citation) -> str:
    """The words of the quote that lead up to the answer ("predicted a rise to" ...): a
    forecast word after it ("... while they see what rates would do") does not make the
    value a forecast."""
    if cited.answer_start is None:
        return cited.quote
    return cited.quote[: max(0, cited.answer_start - cited.start)]


def before_in_sentence(cited: Citation) -> str:
    """The words of the answer's own sentence that lead up to it: a forecast in the sentence
    before ("Analysts expect a cut.") does not make the rate the next one reports a forecast,
    and a wire table's row before ("Shr 53 cts vs 46 cts") does not make the next row's
    dividend ("Qtly div 28 cts vs 25 cts prior") the earlier level."""
    return _ROW.split(before_answer(cited)[_sentence(cited)[0] :])[-1]


def before_value(cited: Citation) -> str:
    """The words of the answer's sentence up to the value its span gives: up to "17" of the
    span "15.8 mln bpd ceiling to 17 mln bpd" (``values.new_value``)."""
    span = answer_span(cited)
    value = new_value(first_sentence(span)).split()
    at = span.rfind(value[0]) if value else -1
    return before_in_sentence(cited) + span[: max(at, 0)]


def before_sentence(cited: Citation) -> str:
    """The passage's words before the answer's own sentence (its lead, when the passage
    opens the story); "" when the answer's place is not known."""
    if cited.answer_start is None:
        return ""
    upto = cited.text[: max(0, cited.answer_start - cited.chunk_start)]
    return upto[: max(0, len(upto) - len(before_in_sentence(cited)))]


def answer_span(cited: Citation) -> str:
    """The answer span's own words in the quote ("" when its place is not known)."""
    if cited.answer_start is None or cited.answer_end is None:
        return ""
    return cited.quote[cited.answer_start - cited.start : cited.answer_end - cited.start]


def after_answer(cited: Citation) -> str:
    """The words of the quote after the answer ("" when the span is not known)."""
    if cited.answer_end is None:
        return ""
    return cited.quote[max(0, cited.answer_end - cited.start) :]


def after_in_sentence(cited: Citation) -> str:
    """The words of the answer's own sentence after it ("" when the span is not known)."""
    if cited.answer_end is None:
        return ""
    end = cited.answer_end - cited.start
    return cited.quote[end : max(end, _sentence(cited)[1])]


def periods_named(text: str) -> set[tuple[int, str]]:
    """The periods a text names, as (count, "m"/"w"/"d"/"y"): "six-month" and "6-MO" are
    both (6, "m"); "two, three and six-month" names three periods of months."""
    found = set()
    for m in _PERIOD.finditer(text):
        number, unit = _period(m)
        found.add((number, unit))
        listed = _LISTED.search(text, 0, m.start())
        for count in re.findall(r"\w+", listed[0] if listed else ""):
            if count.isdigit() or count.casefold() in COUNT_WORDS:
                found.add((_count(count), unit))
    return found


def periods_for(cited: Citation) -> set[tuple[int, str]]:
    """The periods the answer's figure is for: those its own clause names ("an average rate
    of 5.63 pct, with a 5.59 pct rate on six-month bills": six months for 5.59), else the
    one named last before it in its sentence ("3-MO BILLS AT 5.63 PCT, STOP 5.64 PCT")."""
    if cited.answer_start is None or cited.answer_end is None:
        return set()
    at, end = cited.answer_start - cited.start, cited.answer_end - cited.start
    first, last = _sentence(cited)
    opens = [m.end() for m in CLAUSE.finditer(cited.quote, first, at)]
    closes = CLAUSE.search(cited.quote, end, last)
    start = opens[-1] if opens else first
    listed = _LISTED.search(cited.quote, first, start)  # "the two, three and six-month"
    start = listed.start() if listed else start
    clause = cited.quote[start : closes.start() if closes else last]
    named = periods_named(clause)
    if named:
        return named
    before = list(_PERIOD.finditer(cited.quote, first, at))
    return {_period(before[-1])} if before else set()


def _period(match: re.Match[str]) -> tuple[int, str]:
    return _count(match[1]), match[2][:1].casefold()


def _count(word: str) -> int:
    return int(word) if word.isdigit() else COUNT_WORDS.index(word.casefold())


def span_citation(passage: Passage, quote: tuple[int, int], answer: tuple[int, int]) -> Citation:
    """The citation of a span a watch read in ``passage`` itself (a table's cell, an earlier
    sentence that gave a value): ``quote`` and ``answer`` are offsets in the passage's text."""
    at = passage.start
    return Citation.from_passage(1, passage, quote=passage.text[quote[0] : quote[1]],
                                 start=at + quote[0], end=at + quote[1], score=passage.score,
                                 answer_start=at + answer[0],
                                 answer_end=at + answer[1])  # fmt: skip
