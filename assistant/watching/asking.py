"""What a watch's question asks for: the thing's own words, an amount, its measure.

"What is the West German (Bundesbank) discount rate?" asks about a "discount rate" (its
names aside), for an amount (a rate), measured as a percentage; "How much per share is GAF
offering?" for money per share. ``reports`` judges a report's sentence by them.
"""

from __future__ import annotations

import re

from assistant.text.question import QuestionType, analyse
from assistant.text.terms import plain_terms, terms
from assistant.watching.naming import LEGAL_FORMS, NAME, without_asides
from assistant.watching.stretches import DAYS_OR_WEEKS
from assistant.watching.values import Measure

# "per common share", "per Viacom International share"; not "per cent share" (of a market)
PER_SHARE_WORDS = r"per(?!\s+cent)(?:\s+[\w.&'-]+){0,3}?[- ]share|a share|dividends?|payouts?"
_AMOUNT = re.compile(
    r"\b(?:rates?|prices?|levels?|counts?|dividends?|offer(?:ing)?|ceiling|rebates?|ratio"
    r"|estimates?|forecasts?|figures?|totals?|number|amount|yields?|output|supply|imports"
    r"|exports|crops?|production|quotas?|index|readings?|percentage|stake|levy|levies"
    r"|load\s+factor|requirement)\b",
    re.IGNORECASE,
)
# A nation's or a company's aggregates are amounts too ("What was Brazil's latest monthly
# trade surplus?": "dollar currency" is no answer), asked in lower case: a capitalised one is
# part of a name ("Bank of Credit and Commerce").
_AGGREGATE = re.compile(
    r"\b(?:surplus|deficit|balance|reserves|target|growth|inflation|productivity|spending"
    r"|income|sales|orders|credit|borrowings|deposits|debt|loans|starts|stocks|inventories"
    r"|payrolls|unemployment|jobless|GNP|GDP)\b"
)
# What a question's value is measured in: a price, an offer, a rebate or a dividend is money; a rate
# (but an exchange rate) a percentage.
_ASKS_MONEY = re.compile(
    rf"\b(?:(?<!consumer )(?<!producer )(?<!wholesale )(?<!retail )prices?|offer(?:s|ed|ing)?"
    rf"|bids?|rebates?|{PER_SHARE_WORDS})\b",
    re.IGNORECASE,
)  # a consumer, producer, wholesale or retail price is an index's, in percent or points
_ASKS_RATE = re.compile(
    r"(?<!exchange )\brates?\b|\bpercentage\b|\bload\s+factor\b", re.IGNORECASE
)  # "What percentage of CalMat's stock does ... hold?": "9.8 pct", not "263,600" shares
# A share of something asked ("How much of Allegis does Coniston hold?"): a percentage may be.
_OF_IT = re.compile(r"\bhow\s+much\s+of\b", re.IGNORECASE)
# A currency's rate is its price in another ("1.373/87" pounds per dollar), no percentage.
_CURRENCY_RATE = re.compile(
    r"\b(?:dollar|sterling|yen|currency|exchange)\s+rates?\b|\bper\s+(?:u\.s\.\s+)?dollar\b"
    r"|\b(?:pegged|linked|fixed)\b[^?]*\bto\s+the\s+(?:u\.s\.\s+)?dollar\b",
    re.IGNORECASE,
)
# A question that opens by asking a rate or a yield asks a percentage, whatever money words
# follow ("What yield is the central bank paying ... at its latest weekly offering?"); a
# "yield of" a crop is no percentage.
_WHAT_RATE = re.compile(
    r"^\s*(?:at\s+)?what\s+(?:\S+\s+){0,2}?(?:rates?|yields?)\b(?!\s+of\b)", re.IGNORECASE
)  # not a crop's "average yield of frozen concentrated orange juice per box"
# An index asked (not its move: "by how much did the index rise" asks a percentage).
_ASKS_INDEX = re.compile(r"\bindex\b", re.IGNORECASE)
ASKS_MOVE = re.compile(
    r"\b(?:ris(?:e|es|en)|rose|f[ae]ll|increase|decrease|change|gain|drop|cut|raise|move)\w*"
    r"|\bby how much\b",
    re.IGNORECASE,
)
# The size of a move asked ("By how much did ... change", "How much did ... rise"): a figure
# the move brought the thing to is its level, not the move.
ASKS_MOVE_SIZE = re.compile(
    r"\bby\s+how\s+much\b|\bhow\s+much\s+(?:did|does|do|has|have|had)\b", re.IGNORECASE
)
# A running total asked: the figure must be given as one ("Cumulative purchases so far this
# season stand at 216,095 tonnes"), not the week's beside it ("purchased 1,323 tonnes in the
# 21st week"; "issued 12 billion ..., bringing CD issues so far this year to 115.47 billion";
# "700 mln dlrs in the first two months of this year").
_RUNNING_TOTAL = re.compile(
    r"\b(?:cumulative(?:ly)?|year[- ]to[- ]date|so\s+far\s+this\s+(?:year|season|month)"
    r"|in\s+the\s+first\s+(?:two|three|four|five|six|seven|eight|nine|ten|eleven|\d+)\s+months"
    r"|since\s+the\s+(?:start|beginning)\s+of\s+the\s+(?:year|season))\b",
    re.IGNORECASE,
)
# A report gives the year's total so far also by its first month: "68 mln dlrs in January"
# (a question naming January asks January's).
_IN_JANUARY = re.compile(r"\bin\s+January\b(?!\s+\d)", re.IGNORECASE)
# A running total's frame in a question ("cumulative ... for 1987 so far"): a report says
# "in the first two months of this year", and whether it gives a running total is read by
# ``running_total``, not by these words among the topic's.
_RUNNING_FRAME = re.compile(
    r"\b(?:for\s+\d{4}\s+)?so\s+far(?:\s+(?:this|in)\s+(?:the\s+)?(?:year|season|\d{4}))?\b"
    r"|\byear[- ]to[- ]date\b|\bcumulative(?:ly)?\b",
    re.IGNORECASE,
)
# The word an office is named by ("oil minister", "conference president"); a span ending in
# one names the office, not its holder.
TITLE = re.compile(
    r"(?i:president|minister|chairman|chairwoman|secretary|governor|director|spokes(?:wo)?man"
    r"|chief|executive|officer|head|leader|premier|chancellor|ambassador|commissioner"
    r"|treasurer|manager|economist|analyst|officials?|sources?|correspondent|representative)"
)
# A title written capitalised, with the capitalised word before it that says which office
# ("U.S. Agriculture Secretary"): the office asked, not names (a country or an acronym
# before it, "U.S.", "OPEC", stays one).
_CAPITAL_TITLE = re.compile(
    rf"(?:\b[A-Z][a-z]+\s+)?\b(?P<title>{TITLE.pattern})\b",
)
_ASKING_WORDS = frozenset(
    terms("how much many latest current currently recent newest weekly monthly report according "
          "figures highest largest biggest lowest smallest")  # the end asked: ``extremes``
)  # fmt: skip


# When a figure is for, asked in a watch's own frame ("at the end of the latest month", "in
# the latest two-week statement period", "over the latest four-week period", "in the latest
# 10-day sales period"): a report says "in May" or "in the four weeks ended March 20", not
# these words. "From the previous month" stays: it tells a month's move from a year's.
_WHEN_ASKED = re.compile(
    r"\b(?:(?:at\s+the\s+end\s+of|in|for|over)\s+)?the\s+(?:latest|current)"
    rf"(?:\s+{DAYS_OR_WEEKS})?(?:\s+sales)?"
    r"\s+(?:statement\s+period|period|month|week|year|quarter)\b",
    re.IGNORECASE,
)


def _without_frame(question: str) -> str:
    """The question less its asides and the frame of when it asks ("in the latest month",
    "so far")."""
    return _RUNNING_FRAME.sub(" ", _WHEN_ASKED.sub(" ", without_asides(question)))


def when_asked(question: str) -> list[str]:
    """The words of the frame of when a question asks ("week" of "in the latest week"): a
    sentence deeper in a story that says "for the week" refers back to its lead by them."""
    frames = " ".join(m[0] for m in _WHEN_ASKED.finditer(without_asides(question)))
    return [t for t in plain_terms(frames) if t not in _ASKING_WORDS]


def topic_terms(question: str, said: str | None = None) -> list[str]:
    """The question's words a report's topic is judged on: its plain terms less an aside,
    the words any watch asks with ("latest", "monthly", "reported by") and a company's
    legal form ("Co", "Inc"), which a report of the figure need not say ("The U.S.
    civilian unemployment rate was unchanged in February at 6.7 pct" answers "What is the
    latest monthly U.S. civilian unemployment rate reported by the Labor Department?").
    A year or season asked ("1986/87") counts only where what is ``said`` (a story's lead
    and headline) names one: "cotton production during the current crop season" does not
    contradict it; "1987/88" does. A sentence deeper in a story must give it itself: "Beet
    sugar production ... was estimated at 3.44 mln tonnes in France" is no 1986/87 estimate
    for the EC."""
    found = [t for t in plain_terms(_without_frame(question))
             if t not in _ASKING_WORDS and t not in LEGAL_FORMS]  # fmt: skip
    if said is not None and not _A_YEAR.search(said):
        return [t for t in found if not t.isdigit()]
    return found


_A_YEAR = re.compile(r"(?<![\d.,])(?:(?:19|20)\d\d|\d\d/\d\d)(?![\d.,])")


def asked_about(question: str) -> list[str]:
    """The question's own words for what it asks (its stemmed content words less its names,
    figures and the words any watch asks with: "latest", "how much"): "discount rate" of
    "What is the West German (Bundesbank) discount rate?", "wheat crop" of "USDA's
    estimate of the Soviet 1986/87 wheat crop" ("estimate" too); a possessive is read as
    its word ("the dollar's rate" asks the dollar's, which a report calls "dollar"); an
    office written capitalised is asked too ("Agriculture Secretary" of "Who is the U.S.
    Agriculture Secretary?"); "in the latest month" says when, not what."""
    plain = _without_frame(question)
    office = {t for m in _CAPITAL_TITLE.finditer(plain) if m["title"][:1].isupper()
              for t in plain_terms(m[0])}  # fmt: skip
    named = set(plain_terms(" ".join(NAME.findall(plain)))) - office
    return [t for t in plain_terms(plain) if t not in named and t not in _ASKING_WORDS
            and not any(c.isdigit() for c in t)]  # fmt: skip


def measure_asked(question: str) -> Measure:
    """What the question's value is measured in: money for a price, an offer per share or a
    dividend, a percentage for a rate, a count for "how many", an index's level for an
    index (not its move), an amount that is no bare percentage for "how much" (not of a
    move nor a share), anything otherwise (a level, a ratio). An aside names, it does not
    ask: "inflation rate (cost of living index)" asks a rate; "retail (consumer) prices" are
    read without the brackets, as a consumer price."""
    if _ASKS_INDEX.search(without_asides(question)) and not ASKS_MOVE.search(question):
        return Measure.INDEX  # "the producer price index": a level, not a price
    if _CURRENCY_RATE.search(question):
        return Measure.ANY  # "what dollar rate ... pounds per dollar": a price, often unitless
    if _WHAT_RATE.search(question):
        return Measure.RATE  # "What yield is ... paying at its latest weekly offering?"
    if _ASKS_MONEY.search(question.replace("(", "").replace(")", "")):
        return Measure.MONEY
    if _ASKS_RATE.search(question):
        return Measure.RATE
    qtype = analyse(question).qtype
    if qtype is QuestionType.HOW_MUCH and not (
        ASKS_MOVE.search(question) or _OF_IT.search(question)
    ):
        return Measure.AMOUNT  # "How much liquidity did the Bundesbank allocate?": not 3.80 pct
    return Measure.COUNT if qtype is QuestionType.HOW_MANY else Measure.ANY


def running_total(text: str) -> bool:
    """Whether a text speaks of a running total ("cumulative", "year-to-date", "so far this
    year")."""
    return bool(_RUNNING_TOTAL.search(text))


def gives_running_total(text: str) -> bool:
    """Whether a report's words give a running total: said so ("in the first two months of
    this year" too), or the year's first month."""
    return running_total(text) or bool(_IN_JANUARY.search(text))


def asks_amount(question: str) -> bool:
    """Whether the question asks for an amount (how much, a rate, a price, a level, an
    aggregate): a watch's first answer must then hold a number. "Who" asks a name."""
    qtype = analyse(question).qtype
    if qtype in (QuestionType.HOW_MUCH, QuestionType.HOW_MANY):
        return True
    if qtype is QuestionType.WHO:
        return False  # "Who heads the Bank of Credit and Commerce?"
    if running_total(question):
        return True  # "What are cumulative U.S. green coffee roastings ...?"
    return bool(_AMOUNT.search(question) or _AGGREGATE.search(without_asides(question)))
