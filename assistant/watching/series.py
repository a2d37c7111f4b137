"""Which series a figure, or which office a name, is given under: the words before its head.

"The Bank of France cut its intervention rate to 7-3/4 pct and its seven-day repurchase rate
to 8-1/2 pct": asked the intervention rate, 8-1/2 pct is another rate's; asked the
agriculture secretary, "Trade Secretary Jose Concepcion" holds another office. A name before
the head ("Fed Chairman", "OPEC President", "Saudi Oil Minister", "its Lombard rate" when
the Lombard rate is asked) says whose, and is left to the rules on names.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from functools import cache

from assistant.text.places import countries_in, with_other_names
from assistant.text.terms import STOPWORDS, plain_terms, stem
from assistant.watching.asking import asked_about
from assistant.watching.naming import LEGAL_FORMS, asides, names_of, without_asides
from assistant.watching.spans import CLAUSE

QUALIFIER_WORDS = 2  # the words before a head that say which ("seven-day repurchase rate")
# Words that rank or date a series rather than name another ("its key rate").
_GENERIC = frozenset(
    stem(w)
    for w in [
        *"key official new current main basic average leading top latest outgoing".split(),
        *(month.lower() for month in calendar.month_name if month),
    ]
)  # a month says when: "a year-on-year March inflation rate" is the rate asked
# Verbs that end a run of words before a head ("cut its rate", "said Trade Secretary").
_VERB = re.compile(
    r"said|says|told|cuts?|sets?|puts?|left|leaves|kept|keeps|held|holds|raises|lowers|\w+ed"
)  # a headline's present tense too ("Belgium cuts discount rate to 8.0 pct")
_RATE = re.compile(r"\brates?\b", re.IGNORECASE)
# A figure measured against a level, a few words on in its sentence: "producing around three
# mln bpd of crude oil, well below its OPEC quota".
_AGAINST = re.compile(
    r"^(?:[^.;]|\.(?=\d))*?\b(?:well\s+|far\s+|just\s+|slightly\s+)?"
    r"(?:below|above|short\s+of|in\s+excess\s+of|down\s+on|up\s+on)\s+"
    r"(?:(?:the|its|their|(?:[\w.]+\s+)?[\w.]+['’]s)\s+)?(?P<head>[^.;,]*)",
    re.IGNORECASE,
)
AGAINST_WORDS = 8  # how far on in its sentence a figure's comparison may be said
# A level a move reached past the thing asked, said before the figure: "May output appears
# to have risen well above its 15.8 mln bpd ceiling to 17 mln bpd" (the output's, not the
# ceiling's); "to" ties the figure to the move ("below its ceiling at 15.8" may be it).
_PAST = re.compile(
    r"\b(?:below|above|over|beyond|short\s+of|in\s+excess\s+of)\s+"
    r"(?:the|its|their|(?:[\w.]+\s+)?[\w.]+['’]s)\s+(?P<head>(?:[^.;,]|\.(?=\d))*?)\s+to\s*$",
    re.IGNORECASE,
)

# A benchmark the thing asked moved past, its figure said after it: "after the gazetted price
# moved above the threshold price of 210 cents per kilo" is the threshold's, not the price's.
_BENCHMARK = re.compile(
    r"\b(?:below|above|over|beyond|under|short\s+of)\s+(?:the|its|their)\s+"
    r"(?P<head>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,4})\s+(?:of|at)\s*$",
    re.IGNORECASE,
)

# A figure not seasonally adjusted, said before it in its sentence: another series than the
# adjusted one asked ("sterling bank lending grew by a non-seasonally adjusted 1.75 billion").
_UNADJUSTED = re.compile(
    r"\b(?:non-?\s*seasonally|unadjusted|not\s+seasonally|before\s+seasonal)\b", re.IGNORECASE
)
_ADJUSTED = re.compile(r"\bseasonally[\s-]+adjusted\b", re.IGNORECASE)
# A figure of the thing less a part, said before it in its sentence: another series than the
# whole asked ("consumer prices excluding food and energy, at 0.4 pct in January").
# A retailer's sales at its stores open a year: "same-store", "comparable store" sales.
_SAME_STORES = re.compile(
    r"\b(?:same|comparable|identical)[\s-]+stores?\b"
    r"|\bstores?\s+open\s+(?:at\s+least\s+|more\s+than\s+|for\s+)?(?:a|one)\s+year",
    re.IGNORECASE,
)
_EXCLUDING = re.compile(r"\b(?:excluding|exclusive\s+of|ex-(?=[a-z]))", re.IGNORECASE)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
YEAR_BEFORE_MONTHS = 11  # a month this far back is last year's, not the latest reported
# A figure followed by the same month a year or more before the report's is that month's
# level, the one the news is measured against ("73.71 billion crowns in May against 76.06
# billion in April and 95.02 billion in May 1986"; "88.0 billion a year ago"). A bare year
# is not one: last year's total is the latest annual figure early in the next; "January last
# year" in April is one, "December last year" in March is not.
_A_YEAR_BEFORE = re.compile(
    rf"^\s*(?:in\s+|for\s+|at\s+end-?|at\s+the\s+end\s+of\s+)?(?P<month>{'|'.join(_MONTHS)})"
    r"(?:uary|ruary|ch|il|e|y|ust|t|tember|ober|ember)?\b\.?\s+"  # a month, not "marks"
    r"(?:(?P<year>(?:19|20)\d\d)\b(?!/)|(?P<last>last\s+year)\b)"
    r"|^\s*(?:a\s+year\s+(?:ago|earlier)|year-ago)\b",
    re.IGNORECASE,
)
# A month's move asked, and the words that measure a figure against another month: "93.2 pct
# higher than in March 1986" is a year's move.
_A_MONTH_S_MOVE = re.compile(r"\bprevious\s+month|\bmonth-on-month|\ba\s+month\s+earlier", re.I)
_THAN = re.compile(r"^\s*(?:pct\s+)?(?:higher|lower|up|down|above|below)?\s*than\s+", re.I)


def another_basis(question: str, before: str, after: str = "") -> bool:
    """Whether a figure is given on another basis than asked (``before``: its sentence's
    words up to it; ``after``: those after it): unadjusted where the question asks the
    seasonally adjusted one, for the thing less a part where it asks the whole, for the
    stores open a year where it asks a retailer's sales (", with same-store sales up five
    pct": fresh9's p15, fresh10's x09), or for all stores where it asks those open a year
    (neither the words before it nor its own clause after it say so: "rose six pct on a
    comparable store basis to 108.6 mln dlrs" does, fresh15's l17 and l30)."""
    asked = _ADJUSTED.search(question) and not _UNADJUSTED.search(question)
    if asked and _UNADJUSTED.search(before):
        return True
    if _SAME_STORES.search(question):
        return not _SAME_STORES.search(f"{before} {CLAUSE.split(after)[0]}")
    if _SAME_STORES.search(CLAUSE.split(before)[-1]):
        return True
    return bool(_EXCLUDING.search(before)) and not _EXCLUDING.search(question)


def another_series(question: str, before_head: str) -> bool:
    """Whether the words right before a head noun (``before_head`` ends where "rate" or
    "minister" begins) qualify it otherwise than ``question`` does: of the words that run
    up to it (no stop word, verb or comma between), one is a word of a kind (not "key", a
    name the question gives, a country, an acronym) and none is a word of the thing asked."""
    return _of_another_kind(question, qualifiers(before_head))


def _of_another_kind(question: str, words: Sequence[str]) -> bool:
    """Whether of ``words`` that qualify a head, one is a word of a kind and none is a word
    of the thing asked (a name, a country or an acronym says whose, not which)."""
    asked, names = _asked(question)
    kinds = [plain_terms(t) for t in words if not _says_whose(t, names)]
    kinds = [k for k in kinds if k and not set(k) <= _GENERIC]  # "seven-day": seven, day
    return bool(kinds) and not any(set(k) & asked for k in kinds)


def another_name(question: str, before_head: str) -> bool:
    """Whether the words right before an office's title name another institution beside
    one the question asks of: "World Bank President" for the president of Brazil's central
    bank ("Bank" asked, "World" neither asked nor named)."""
    asked, names = _asked(question)
    found = qualifiers(before_head)
    if not any(set(plain_terms(t)) & asked for t in found):
        return False  # wholly another's, or nobody's: ``another_series`` judges it
    return any(
        t[:1].isupper() and not _says_whose(t, names) and set(plain_terms(t)) - asked - _GENERIC
        for t in found
    )


def qualifiers(before_head: str) -> list[str]:
    """The words that run up to a head noun: "seven-day repurchase" of "cut its seven-day
    repurchase", nothing of "cut its", "Trade" of "said Trade"."""
    found: list[str] = []
    for token in reversed(before_head.split()[-QUALIFIER_WORDS - 1 :]):
        word = _bare(token)
        if token[-1:] in ",;:(" or not word or word in STOPWORDS or _VERB.fullmatch(word):
            break
        if token.strip("\"'()").endswith(("'s", "’s")):
            break  # "the central bank's": says whose, not which
        found.append(token.strip("\"'()"))
        if len(found) == QUALIFIER_WORDS:
            break
    return found[::-1]


def another_rate(question: str, before: str) -> bool:
    """Whether a figure asked as a rate is given under another rate's name: the last "rate"
    before it in its sentence (``before``) is qualified otherwise than asked."""
    if not _RATE.search(question):
        return False
    heads = list(_RATE.finditer(before))
    if not heads:
        return False
    head = before[: heads[-1].start()]
    return another_series(question, head) or _another_compound(question, head)


def _another_compound(question: str, before_head: str) -> bool:
    """Whether the words before the asked words of a compound head qualify it otherwise:
    "one-month commercial bill" of "one-month commercial bill discount rate" when the Bank
    of Japan's official discount rate is asked. A hyphened word tells a period or a size
    ("seven-day": the periods' rule to judge; "Quarter-point prime rate increases"), not
    another kind."""
    asked, _ = _asked(question)
    tokens = before_head.split()
    kept = len(tokens)
    while kept and (terms := plain_terms(tokens[kept - 1])) and set(terms) <= asked:
        kept -= 1  # "discount" of "... bill discount rate": the head's own words
    if kept == len(tokens):
        return False  # no word asked before the head: ``another_series`` judged it
    words = qualifiers(" ".join(tokens[:kept]) + " ")
    return _of_another_kind(question, [w for w in words if "-" not in w.strip("-")])


def measured_against(question: str, following: str) -> bool:
    """Whether the words after a figure in its sentence (``following``) measure it against
    the thing asked ("three mln bpd of crude oil, well below its OPEC quota": asked the
    quota, the figure is the output). The compared phrase's head noun must be the question's
    word for the thing, so "under the OPEC pact" or "above last year's 2.6" is no such
    comparison."""
    found = _AGAINST.match(" ".join(following.split()[: AGAINST_WORDS + 6]))
    if not found or len(following[: found.start("head")].split()) > AGAINST_WORDS:
        return False
    phrase: list[str] = []
    for token in found["head"].split()[: QUALIFIER_WORDS + 1]:
        word = _bare(token)
        if not word.isalpha() or word in STOPWORDS:
            break
        phrase.append(word)
    about, _ = _asked(question)
    return bool(phrase) and stem(phrase[-1]) in about


def moved_past(question: str, before: str) -> bool:
    """Whether the words before a figure in its sentence (``before``) take it past the
    thing asked ("risen well above its 15.8 mln bpd ceiling to"): the compared phrase's
    last word is the question's word for the thing, within ``AGAINST_WORDS``."""
    found = _PAST.search(before)
    if not found or len(found["head"].split()) > AGAINST_WORDS:
        return False
    about, _ = _asked(question)
    last = _bare(found["head"].split()[-1])
    return last.isalpha() and stem(last) in about


def past_a_benchmark(question: str, before: str) -> bool:
    """Whether the words before a figure in its sentence (``before``) make it a benchmark
    the thing moved past ("moved above the threshold price of"): the benchmark's words are
    not all the question's for the thing ("above the ceiling of" is the ceiling asked)."""
    found = _BENCHMARK.search(before)
    if not found:
        return False
    about, _ = _asked(question)
    words = {stem(w) for w in found["head"].casefold().split() if w not in STOPWORDS}
    return bool(words) and not words <= about


@cache
def _asked(question: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The question's words for the thing asked, its asides' too ("(seasonally adjusted
    annual rate)": a report's "seasonally adjusted annual rate" is that one, not another),
    and its names: read once per question, not once per report and title weighed."""
    said = frozenset(asked_about(question)) | frozenset(plain_terms(asides(question)))
    return said, tuple(names_of(without_asides(question)))


def _bare(token: str) -> str:
    return token.strip(".,;:()\"'").casefold().removesuffix("'s").removesuffix("’s")


def _says_whose(token: str, names: Sequence[str]) -> bool:
    """Whether a word before a head names whose it is: an acronym ("OPEC"), a country
    ("Saudi"), a company's legal form ("Co"), or a name the question gives, in full or cut
    short ("Fed" of "Federal")."""
    word = _bare(token)
    if token.isupper() and len(token) >= 2:
        return True
    if word in LEGAL_FORMS:  # a company's legal form ends its name: whose, not which
        return True  # "Acme Co Chief Executive": the company's name ends there
    if countries_in(token):
        return True
    return len(word) >= 3 and any(n.startswith(word) for n in names)


def a_year_before(question: str, after: str, day: str | None) -> bool:
    """Whether the words right after a figure give it a month eleven or more months before
    the report's day (or say "a year ago"), when the question names no year. Asked a month's
    move, a figure "higher than in March 1986" is the year's move, not the month's."""
    if _A_MONTH_S_MOVE.search(question):
        after = _THAN.sub("", after, count=1)  # "93.2 pct higher than in March 1986"
    found = _A_YEAR_BEFORE.search(after)
    if not found or re.search(r"\b(?:19|20)\d\d\b", question):
        return False
    if found.group("month") is None:
        return True  # "a year ago"
    if day is None:
        return False
    year = int(day[:4]) - 1 if found.group("last") else int(found.group("year"))
    told = year * 12 + _MONTHS.index(found.group("month").lower()) + 1
    return int(day[:4]) * 12 + int(day[5:7]) - told >= YEAR_BEFORE_MONTHS


# The owner a list writes right after a figure, before the thing ("16.6 mln bpd OECD crude
# and ngls", "2.3 mln bpd Saudi output"): an acronym or a country, then a word in lower case.
_OWNER_AFTER = re.compile(r"^\s*(?P<owner>[A-Z]{2,}|[A-Z][a-z]+)\s+[a-z]")


def anothers_figure(question: str, following: str) -> bool:
    """Whether the words right after a figure (``following``) give it to an owner the
    question does not name: "16.6 mln bpd OECD crude" is the OECD's, not OPEC's ceiling."""
    found = _OWNER_AFTER.match(following)
    if not found:
        return False
    owner = found["owner"]
    if not (owner.isupper() or countries_in(owner)):
        return False  # "17 dlrs Monday", a word capitalised for its place
    asked = with_other_names(" ".join(names_of(question))).split()
    return owner.casefold() not in asked
