"""The value a watch reads from the articles: the best span that reports what it asks.

A question asked once takes the reader's best span. A watch asks the same question of every
day's articles, and the best span of a busy day is often a near miss: the week a figure
covers ("February 23"), last week's revised figure in the next sentence, another company's
dividend. The reader's runners-up usually hold the value (docs/quality.md, "Watched
questions"), so a watch weighs them all (``Assistant.offers``), best first, and takes the
first that clears the calibrated confidence, is a value of the kind asked (``Wanted``) and
sits in a sentence that reports on the question (``reports_on``: most of its words and
names, stated, not forecast, a level, not its move).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.config import Settings
from assistant.records import Citation, Offer, Passage
from assistant.text.date_phrases import DAY, MONTH
from assistant.text.datelines import dateline_country
from assistant.text.question import QuestionType, analyse
from assistant.text.terms import plain_share
from assistant.watching.asking import (
    ASKS_MOVE,
    ASKS_MOVE_SIZE,
    asked_about,
    gives_running_total,
    running_total,
    topic_terms,
)
from assistant.watching.commodities import another_commodity
from assistant.watching.context import lead_referred_to, move_told_before, topic_text
from assistant.watching.counts import counts_another_thing
from assistant.watching.extremes import extreme_asked, outermost
from assistant.watching.grades import another_rated_thing, standing_grade
from assistant.watching.headlines import FORECAST, headline_predicts
from assistant.watching.kin import kin_if_offer, offer_in, same_things, traded
from assistant.watching.naming import gives_names
from assistant.watching.predictions import THAN_THE, predicted_figure
from assistant.watching.rivals import another_kind_of_series
from assistant.watching.roles import holds_office
from assistant.watching.series import (
    a_year_before,
    another_basis,
    another_rate,
    anothers_figure,
    measured_against,
    moved_past,
    past_a_benchmark,
)
from assistant.watching.spans import (
    COUNT_WORDS,
    after_answer,
    after_in_sentence,
    answer_sentence,
    answer_span,
    before_answer,
    before_in_sentence,
    before_sentence,
    before_value,
    move_told,
    periods_for,
    periods_named,
    started_from,
    through_answer,
    value_of,
)
from assistant.watching.stretches import of_another_stretch
from assistant.watching.values import new_value
from assistant.watching.wanted import Wanted
from assistant.watching.weeks import an_earlier_week
from assistant.watching.years import of_another_year

MOVE_REACH = 15  # words from a verb of moving to its figure ("reduced the price it charges ...")
# The stems of the verbs of moving that ``_MOVE`` and ``_MOVED_TO`` both read.
_MOVE_STEMS = r"r[ia]is|rose|f[ae]ll|gain|increas|decreas|declin|climb|drop|plung|cut|lower"
# A figure that tells a move, not a level: right after "by", "rose", "up", or after a
# verb of moving with no "to" or "at" between ("will raise its prices for eleven grades of
# crude oil 50 cts a barrel"; "raised its prime rate to 7-3/4 pct" is a level).
_MOVE = re.compile(
    rf"(?:\bby|\bup|\bdown|\b(?:{_MOVE_STEMS}|ris(?:e|es|en|ing)\b|fell|los[ts]|add|reduc"
    r"|slipp?)\w*"
    rf"(?:\s+(?!(?:to|at)\b)[^\s.,;:]+){{0,{MOVE_REACH}}})\s*(?:\.{{2,}}\s*)?$",
    re.IGNORECASE,
)
# A figure followed by these tells a gap to a level, not the level: "1.8 mln bpd below its
# ceiling"; not an index's base ("left the index at 183.8 over its 1967 base of 100").
_GAP = re.compile(
    r"^[\s,]*(?:below|above|over(?!\s+(?:its|the)\s+(?:\d{4}\s+)?base\b)|short of|in excess of)\b",
    re.IGNORECASE,
)
# An answer followed by these is a story's dateline ("BRASILIA, April 29 - "): the place it
# was filed from, no answer.
_DATELINE = re.compile(rf"^\s*,(?:\s*[A-Z][\w.]*,?)*\s*(?i:{MONTH})\s+{DAY}\s*-")
# A day's number after its month ("WASHINGTON, April 3 - U.S. grain carloadings totaled
# 25,744 cars": "3" is no count of them; fresh12's watch-c18, read after it was run blind).
_MONTH_BEFORE = re.compile(rf"\b(?i:{MONTH})\s*$")
_DAY_ALONE = re.compile(DAY)
# A sentence that opens by conceding or supposing ("While the USDA target was 22 mln tonnes,
# analysts have revised ..."; "If OPEC adopts the provisional ceilings of 16.6 mln bpd in
# third quarter ..., there"): the figure in that clause is the background, not the news.
_CONCEDED = re.compile(r"(?:^|\s-\s)\s*(?:While|Although|Though|Whereas|If|Unless)\b[^,;]*$")
# A dealer's two-way price for a stock is a market, not an offer for the company: "the
# current bid is 45 dlrs bid, 46 dlrs offered".
_TWO_WAY = re.compile(r"\bbid\s*,?\s*[\d.,/-]+\s*(?:[a-z]+\s+)?(?:offered|asked)\b", re.I)
# A year's move asked as a rate ("year-on-year retail price inflation rate"), and told as a
# move: "to give a year-on-year rise of 3.9 pct" is the rate, not a move of it.
_ASKS_YEARLY = re.compile(r"\b(?:year-on-year|year-over-year|annual|inflation)\b", re.I)
_YEARLY_MOVE = re.compile(
    r"\b(?:year-on-year|year-over-year|annual(?:ised|ized)?|12-month|twelve-month)\s+"
    r"(?:[a-z]+\s+){0,2}?(?:rise|increase|growth|inflation|gain)\s+(?:rate\s+)?(?:of\s+)?$",
    re.IGNORECASE,
)
# A figure its move follows is the level too: "totaled 113.2 mln dlrs, up 6.9 pct", "about 58
# billion marks in February, a rise of a real one pct".
_LEVEL_THEN_MOVE = re.compile(
    r"^(?:\s+in\s+[A-Z]\w+)?,?\s+(?:up|down|off|an?\s+(?:real\s+|nominal\s+)?(?:rise|fall"
    r"|drop|decline|gain|increase|decrease)\s+of)\s",
    re.IGNORECASE,
)
# A figure a move brought the thing to, in its sentence: the level ("increased 720.4 mln dlrs
# in the week ended yesterday to 236.90 billion dlrs", "rose 4.77 billion dlrs, or 4.1 pct,
# in February to a seasonally adjusted 122.29 billion dlrs", "were up 25.7 pct to 327.0 mln
# dlrs", "were up seven pct to 136.6 mln dlrs"), not "up to" a bound.
_MOVED_TO = re.compile(
    rf"(?:\b(?:{_MOVE_STEMS}|ris[ei]|grew|grow|jump|slipp|eas|edg)\w*\b"
    rf"|\b(?:up|down)\s+(?:\d|(?:{'|'.join(COUNT_WORDS)})\b))"
    r".*(?<!\bup )"
    r"\bto(?:\s+(?:an?|seasonally|adjusted"
    r"|record|new|revised|provisional|preliminary|estimated|about|around|nearly|some))*\s*$",
    re.IGNORECASE | re.DOTALL,
)
# A figure a few words after these is an earlier level, the one the news is measured
# against ("These rates compared with averages of 5.55 pct for ... bills sold last week";
# "Qtly div 60 cts vs 57 cts"; "had rejected Waste Management's earlier 27 dlr ... offer").
# "Against" is not one ("the dollar closed against the yen at 145.50"), nor "earlier" alone
# ("raised its prime rate earlier today to 7-3/4 pct").
EARLIER_REACH = 4
_AN_EARLIER_LEVEL = re.compile(
    r"(?:\b(?:compared\s+(?:with|to)|versus|vs\.?)"
    r"|\b(?:the|its|their|[\w.]+['’]s)\s+(?:earlier|previous|prior|original))"
    rf"(?:\s+\S+){{0,{EARLIER_REACH}}}\s*$",
    re.IGNORECASE,
)
# A record's earlier mark, in the clause that measures the news against it: "the smallest
# since a decline last June of 75,000" (fresh14's watch-j01, read after its blind run), or
# in the sentence that tells it: "The previous record ... was established in the third
# quarter of 1986, when 18,106,452 futures and options were traded" (fresh16's o13).
_A_RECORD_BEFORE = re.compile(
    r"\b(?:smallest|largest|biggest|lowest|highest|first)\s+since\b[^,;]*$"
    r"|\b(?:the|its|their)\s+(?:previous|old|former|prior)\s+record\b[^;]*$",
    re.IGNORECASE,
)
# A revised figure's first estimate: "The Statistics Office had originally put the January
# current account surplus at 4.9 billion marks" is no level now, nor "Last month the
# association reported the January total tool orders at 147.8 mln dlrs" (fresh15's l19).
_FIRST_ESTIMATE = re.compile(
    r"(?:\b(?:originally|initially|previously|first)|\blast\s+(?:month|week)\b(?:\s+\S+){0,4})"
    r"\s+(?:put|estimated|reported|given|set)\b(?:\s+\S+){0,8}\s*$",
    re.IGNORECASE,
)
# The sentence an answer rests on carries this share of the question's content words, or
# it is about something else (Hong Kong's prime rate for "the prime rate of U.S. banks").
ON_TOPIC = 0.5
# And this share of its own words for the thing asked (``asked_about``), in it or its
# headline: dev's false alarms had none of 2 ("discount rate" for a coupon) or 1 of 3
# ("wheat crop" for grain imports); 2 of 5 is a report ("kept their U.S. prime rates at").
ASKED_ABOUT = 0.4
# Of one article's reports, one this much less sure than the first may take its place when
# its own sentence names the thing asked (``_naming_first``).
SAME_SURE = 0.05


class Reader(Protocol):
    """What reading a watch needs of the assistant (``facade.Assistant`` is one)."""

    settings: Settings

    def offers(self, question: str, *, date_from: object = None,
               date_to: object = None) -> list[Offer]: ...  # fmt: skip


class Searcher(Protocol):
    """What a look past the reader's spans needs of the assistant: passages of a window
    (a table's cells, an earlier report of a value; ``facade.Assistant`` is one)."""

    def search(self, question: str, k: int = 5, *, date_from: object = None,
               date_to: object = None) -> list[Passage]: ...  # fmt: skip


@dataclass(frozen=True)
class Report:
    """A value the articles give for a watch, and the sentence that gives it."""

    value: str  # the span's new value ("17 mln bpd" of "15.8 mln bpd ceiling to 17 mln bpd")
    citation: Citation
    confidence: float


def best_report(
    reader: Reader,
    question: str,
    *,
    date_from: object = None,
    date_to: object = None,
    among: Collection[str] | None = None,
    like: str = "",
    floor: float | None = None,
    latest: bool = False,
    above: bool = False,
) -> Report | None:
    """The first of the reader's spans over the window that a watch may take as its answer:
    from one of the articles ``among`` (any, if None), no less sure than the assistant
    answers, reporting on the question, and of the same kind as ``like`` (a rate, a name);
    any story's report before a wire's flash's (``Citation.flash``: the story says which
    series, the flash's coarser words may not); of one article's equally sure reports, one
    that names the thing asked in its own sentence (``_naming_first``); of them all, the
    largest figure when it asks the highest (``extremes``). ``latest``: the reports of the
    window's last day that has one first (where a watch starts: "cut to 7-3/4 pct" of 9
    March, not 5 March's "has remained unchanged since January 2, when it was raised to
    eight pct")."""
    wanted = Wanted.of(question, like, above=above)  # ``above``: past ``like``'s reach
    floor = reader.settings.abstain_below if floor is None else floor

    asks_size = bool(ASKS_MOVE_SIZE.search(question))  # "by how much": a move's size

    def taken() -> Iterator[Report]:
        found = reader.offers(question, date_from=date_from, date_to=date_to)
        for offer in sorted(found, key=lambda o: o.citation.flash):  # stories before flashes
            if among is not None and offer.citation.article_id not in among:
                continue
            value = value_of(offer.text, offer.citation)
            if asks_size:  # "9.6 pct to 720.0 mln dlrs": the move asked, not the level
                value = move_told(offer.text, before_in_sentence(offer.citation)) or value
            sure = offer.confidence >= floor and wanted.takes(value)
            if sure and reports_on(question, offer.citation):
                yield Report(value, offer.citation, offer.confidence)

    ordered = _naming_first(question, taken())
    if latest:  # sorting is stable: the reader's order within a day
        ordered = iter(sorted(ordered, key=lambda r: r.citation.date or "", reverse=True))
    return outermost(extreme_asked(question), ordered)


def _naming_first(question: str, reports: Iterable[Report]) -> Iterator[Report]:
    """``reports`` in the reader's order (its choice, then by margin), the first one's place
    taken, when its own sentence does not name the thing asked (it passed on its headline's
    words), by the as sure report (within ``SAME_SURE``) of its article whose sentence names
    most of it: asked "USDA's estimate of the Soviet 1986/87 wheat crop", "USDA estimated
    Soviet 1986/87 coarse grain imports at 10.00 mln" and "forecast the Soviet 1986/87 wheat
    crop at 92.30 mln" are equally sure, under the headline "USDA ESTIMATES SOVIET WHEAT,
    COARSE GRAINS"; the second says "wheat crop". To find it, every report is judged, not
    only the first (a watch's read is a few dozen spans)."""
    found = iter(reports)
    head = next(found, None)
    if head is None:
        return
    about = asked_about(question)
    if _own_share(about, head) >= ASKED_ABOUT:
        yield head
        yield from found
        return
    rest = list(found)
    kin = [r for r in rest if r.citation.article_id == head.citation.article_id
           and r.confidence >= head.confidence - SAME_SURE]  # fmt: skip
    best = max(kin, key=lambda r: _own_share(about, r), default=head)
    if _own_share(about, best) < ASKED_ABOUT:
        best = head
    yield best
    yield from (r for r in [head, *rest] if r is not best)


def _own_share(about: Sequence[str], report: Report) -> float:
    """The share of the thing's words that the sentence holding the report's answer carries
    (a quote may run on into the next sentence)."""
    return plain_share(about, answer_sentence(report.citation))


def reports_on(question: str, cited: Citation) -> bool:
    """Whether the sentence an answer rests on reports what the question asks: it carries
    most of the question's words (``ON_TOPIC``; a lead with its headline) and of its words
    for the thing asked (``asked_about``), the names the question gives are in it or in its
    headline ("U.S." banks, not "U.K." ones), it states the value rather than predicts it
    ("predicted a rise ... to eight pct"), tells its move ("rose by 38") or a gap ("1.8 mln
    bpd below its ceiling") or concedes it ("While the target was 22 mln tonnes, ..."),
    unless the question asks for a forecast or a move, the figure is not the earlier level
    the news is measured against ("compared with averages of 5.55 pct"), and a "who"
    question's role is not only another's ("Vice Chairman") nor another country's
    ("Kuwait's Oil Minister"). A takeover's price is asked in other words too ("acquired
    for": ``kin``), its plan is no forecast ("plans to begin a tender offer at"), and a
    block of shares sold at a price is a trade ("has sold 9,534,633 shares ... for"). A
    running total asked is said so before its figure; a sentence deeper in a story is read
    with its lead when it refers back to it (``context``)."""
    about = asked_about(question)
    lead = lead_referred_to(question, about, cited)
    topic = topic_text(question, cited, lead)
    judged = topic_terms(question, topic if lead or not cited.start else None)  # a lead's year
    if plain_share(judged, topic) < ON_TOPIC:
        return False  # about something else ("OPEC's" asked is "OPEC" said)
    said = f"{cited.quote} {cited.title} {move_told_before(cited)}"  # "The fall brought"
    if plain_share(about, same_things(kin_if_offer(question, said))) < ASKED_ABOUT:
        return False  # the names, not the thing: a railway's coupon for a discount rate
    filed_in = dateline_country(cited.text) if cited.chunk_start == 0 else ""
    known = f"{lead} {through_answer(cited)}"
    story = cited.text if cited.chunk_start == 0 else ""  # its lead names the source
    if not gives_names(question, known, cited.title, filed_in, flash=cited.flash, story=story):
        return False  # a name the quote gives only after the answer's sentence is no report's
    before, after = before_answer(cited), after_answer(cited)
    in_sentence = before_in_sentence(cited)  # the words before it in its own sentence
    following = after_in_sentence(cited)  # and after it
    moved = _MOVE.search(before) and not THAN_THE.search(before)  # not "exceed the 90.25"
    moved = moved and not (_ASKS_YEARLY.search(question) and _YEARLY_MOVE.search(before))
    if moved and not ASKS_MOVE.search(question) and not _tells_move(cited):
        return False  # "raised posted prices by 50 cts": the move, not the price
    if ASKS_MOVE_SIZE.search(question) and (
        _MOVED_TO.search(in_sentence) or _LEVEL_THEN_MOVE.match(following)
    ):
        return False  # "increased 720.4 mln dlrs ... to 236.90 billion": the level, not the move
    if counts_another_thing(question, following):
        return False  # asked how many cars: "built at two plants"
    if _TWO_WAY.search(f"{answer_span(cited)}{following}"):
        return False  # "45 dlrs bid, 46 dlrs offered": a dealer's market in the stock
    if offer_in(question) and traded(in_sentence, following):
        return False  # "has sold 9,534,633 shares ... for 720 pence a share": a trade's price
    if running_total(question) and not gives_running_total(
        f"{in_sentence} {following.split(',')[0]}"
    ):
        return False  # "purchased 1,323 tonnes in the 21st week": the week's, not the total
    if _GAP.search(after) or measured_against(question, following):
        return False  # "1.8 mln bpd below its ceiling", "three mln bpd, well below its quota"
    if a_year_before(question, after, cited.date) and not _tells_move(cited):
        return False  # "95.02 billion in May 1986" in a report of May 1987: a year-ago level
    if of_another_stretch(question, in_sentence, following) or (
        cited.answer_start is not None
        and of_another_year(question, in_sentence, following, cited.date)
    ):
        return False  # asked 12 months' growth: "1.5 pct in March and 11.3 pct in the year";
        # asked 1987's forecast: "Last year ... GDP growth at 2.7 pct"
    if cited.answer_start is not None and (
        moved_past(question, value_lead := before_value(cited))
        or past_a_benchmark(question, value_lead)
    ):
        return False  # "well above its 15.8 mln bpd ceiling to 17", "above the threshold price of"
    asked_periods, periods = periods_named(question), periods_for(cited)
    if asked_periods and periods and not periods & asked_periods:
        return False  # "3-MO BILLS AT 5.63 PCT" for six-month bills
    told_before = f"{cited.title} {before_sentence(cited)}"  # the story's weeks up to it
    if an_earlier_week(question, answer_sentence(cited), told_before, cited.date):
        return False  # "four mln barrels for the week ended March 20" under March 27's
    if cited.answer_start is not None and (
        _AN_EARLIER_LEVEL.search(in_sentence) or _A_RECORD_BEFORE.search(in_sentence)
    ):
        return False  # "compared with averages of 5.55 pct ... last week": the old level
    if cited.answer_start is not None and _FIRST_ESTIMATE.search(in_sentence):
        return False  # "had originally put the January ... surplus at 4.9 billion marks"
    if started_from(cited):
        return False  # "cut its discount rate to three pct from 3.5 pct": the old level
    if cited.answer_start is not None and another_rate(question, in_sentence):
        return False  # "its seven-day repurchase rate to 8-1/2 pct": another rate's
    if cited.answer_start is not None and another_basis(question, in_sentence, following):
        return False  # "grew by a non-seasonally adjusted 1.75 billion stg", "excluding food"
    if cited.answer_start is not None and (
        another_commodity(question, in_sentence)
        or another_kind_of_series(question, in_sentence)
        or another_rated_thing(question, in_sentence, following)
    ):
        return False  # asked barley's rebate: "soft wheat at a maximum rebate of"; "consumer"
    if _DATELINE.match(after) or (_MONTH_BEFORE.search(in_sentence) and _DAY_ALONE.fullmatch(
        answer_span(cited).strip())):  # fmt: skip
        return False  # "BRASILIA, April 29 -": where and when the story was filed, no answer
    if anothers_figure(question, following):
        return False  # "16.6 mln bpd OECD crude and ngls" in a list of OPEC's supply
    if _CONCEDED.search(before):
        return False  # "While the target was 22 mln tonnes, ...", "If OPEC adopts": not news
    if analyse(question).qtype is QuestionType.WHO:
        span = answer_span(cited)
        # an office is held or not (``roles``): "The plan was proposed by House Ways and
        # Means Committee Chairman Dan Rostenkowski" is no forecast of who chairs it
        return holds_office(question, about, cited.quote, in_sentence, span, following,
                            filed_in)  # fmt: skip
    if standing_grade(question, following):
        return True  # "may downgrade ... 50 mln dlrs of B-plus convertible ... debentures"
    asks_forecast = bool(FORECAST.search(question.casefold()))
    predicted = predicted_figure(in_sentence, following, offer=offer_in(question))
    return asks_forecast or not (predicted or headline_predicts(question, cited))


def _tells_move(cited: Citation) -> bool:
    """Whether the answer span itself tells the move and the level ("592 mln dlrs to 33.36
    billion"): its new value is then the level."""
    span = answer_span(cited)
    return bool(span) and new_value(span) != " ".join(span.split())
